import io
import json
import re
import time

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.utils import translation

from dxtalent.core.planning import shortfall_reason
from dxtalent.web.demo.services import prepare_demo
from dxtalent.web.organisations.models import Organisation
from dxtalent.web.planning import runs
from dxtalent.web.planning.models import PlanRun
from dxtalent.web.planning.services import scenario_for

pytestmark = pytest.mark.django_db
FIELDS = {"budget": "30000000", "years": "3", "objective": "coverage", "edited": "True"}
TARGETS = {
    "target_CO-CAP-CENTRAL": "1",
    "target_CO-CAP-TEAM": "3",
    "target_CO-CAP-SPEC": "3",
    "target_CO-CAP-NEGO": "1",
}


@pytest.fixture
def editor(client):
    prepare_demo(seed=2025)
    client.force_login(get_user_model().objects.get(username="demo-editor"))
    return client


def levers():
    return [
        lever.code for lever in scenario_for(Organisation.objects.get(code="DEMO-CITY-A")).levers
    ]


def solve(client, **fields):
    """Post the editor; the run page it leads to."""
    response = client.post("/o/DEMO-CITY-A/plan/", {**FIELDS, **TARGETS, **fields})
    assert response.status_code == 302, response.content[:500]
    return client.get(response["Location"])


def test_the_editor_shows_each_lever_with_its_cost_and_limit(editor):
    response = editor.get("/o/DEMO-CITY-A/plan/", HTTP_ACCEPT_LANGUAGE="en")
    page = response.content.decode()
    assert response.status_code == 200
    for code in levers():
        assert f'name="cost_{code}"' in page and f'name="limit_{code}"' in page
    assert "yen per seat" in page and "yen per year" in page
    assert 'name="rotations"' in page


def test_a_solved_plan_shows_three_strategies_each_checked_and_tested_against_rotation(editor):
    response = solve(editor, levers=levers())
    assert response.status_code == 200
    strategies = response.context["strategies"]
    assert [s.strategy for s in strategies] == ["acquire", "develop", "mix"]
    assert all(s.violations == [] for s in strategies)
    acquire, develop, mix = strategies
    # Best coverage first: the mix covers at least what either strategy alone does.
    assert mix.covered >= max(acquire.covered, develop.covered)
    assert [year for year, _p in mix.all_met] == list(response.context["fiscal_years"])
    assert all(0 <= p <= 1 for _y, p in mix.all_met)
    assert response.context["posts"] and response.context["chart"]["strategies"]["mix"]["risk"]
    run = response.context["run"]
    assert run.status == "done" and run.progress == 100
    # What the run planned for, as one paragraph: in Japanese its sentences run on.
    page = response.content.decode()
    assert "異動を前提に計画しました。予算は年" in page, page[:2000]


def test_the_charts_are_labelled_with_names_in_the_pages_language(editor):
    editor.cookies.load({"django_language": "ja"})
    response = solve(editor, levers=levers())
    labels = response.context["chart"]["labels"]
    assert labels["strategies"]["acquire"] == "戦略1：専門人材の獲得"
    assert labels["cost_axis"] == "実質費用（円）"
    assert labels["fiscal_years"][0].endswith("年度")
    scenario = scenario_for(Organisation.objects.get(code="DEMO-CITY-A"))
    used = {lever for s in response.context["chart"]["strategies"].values() for lever in s["cost"]}
    assert used and all(labels["levers"][code] == scenario.lever(code).name for code in used)
    assert labels["capabilities"]["CO-CAP-CENTRAL"] == "中心人物（司令塔）"
    page = response.content.decode()
    # The state-support table names each lever first; its code is secondary.
    assert '<th scope="row" class="lever-name">' in page


def test_leaving_out_every_lever_leaves_nothing_to_do(editor):
    response = solve(editor)
    assert [(s.strategy, len(s.actions), s.total_cost) for s in response.context["strategies"]] == [
        ("acquire", 0, 0),
        ("develop", 0, 0),
        ("mix", 0, 0),
    ]


def test_a_limit_of_zero_on_every_candidate_leaves_only_training(editor):
    codes = levers()
    limits = {f"limit_{code}": "0" for code in codes if code.startswith("C-")}
    response = solve(editor, levers=codes, **limits)
    acquire, develop, mix = response.context["strategies"]
    assert acquire.actions == [] and acquire.total_cost == 0
    assert mix.total_cost == develop.total_cost
    assert all(item["action"].lever.startswith("T-") for item in mix.actions)


def test_the_cost_given_in_the_editor_is_the_cost_planned(editor):
    codes = levers()
    training = next(code for code in codes if code.startswith("T-"))
    response = solve(editor, levers=[training], **{f"cost_{training}": "123000"})
    develop = response.context["strategies"][1]
    trainees = len(develop.actions)
    assert trainees > 0 and develop.total_cost == 123_000 * trainees


def test_bad_fields_are_refused_naming_them_and_nothing_is_solved(editor):
    code = levers()[0]
    response = editor.post(
        "/o/DEMO-CITY-A/plan/", {**FIELDS, "budget": "-5", f"limit_{code}": "lots"}
    )
    assert response.status_code == 400
    assert {"budget", f"limit_{code}"} <= set(response.context["form"].errors)
    assert not PlanRun.objects.exists()


def test_solving_again_starts_from_the_fields_of_an_earlier_plan(editor):
    run = solve(editor, budget="12345678").context["run"]
    response = editor.get(f"/o/DEMO-CITY-A/plan/?from={run.pk}")
    assert response.context["form"]["budget"].value() == "12345678"


def test_each_strategys_actions_are_a_table_with_each_trainee_linked_to_their_page(editor):
    response = solve(editor, levers=levers())
    page = response.content.decode()
    tables = page.split('class="actions-table"')[1:]
    assert len(tables) == sum(1 for s in response.context["strategies"] if s.actions)
    heads = re.findall(r'<th scope="col"[^>]*>([^<]+)</th>', tables[0].split("</thead>")[0])
    assert heads == ["年度", "種別", "手段", "人数", "氏名"]
    linked = [
        item for s in response.context["strategies"] for item in s.actions if item["person_link"]
    ]
    assert linked
    item = linked[0]
    assert f'href="/o/DEMO-CITY-A/people/{item["person_link"]}/">{item["person_name"]}</a>' in page


def test_the_plan_exports_to_excel_with_a_sheet_per_strategy(editor):
    run = solve(editor, levers=levers()).context["run"]
    response = editor.get(f"/o/DEMO-CITY-A/plan/runs/{run.pk}.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    # Summary; per strategy its actions, cost by funding source and coverage; support; risk.
    assert len(book.sheetnames) == 1 + 3 * 3 + 2
    summary = book.worksheets[0]
    support = book.worksheets[-2]  # each engagement used: cost, support cap, net and why
    assert [cell.value for cell in support[1]][2:5] == [
        "費用（年額・円）", "国の支援の上限（年額・円）", "正味の費用（年額・円）"
    ]  # fmt: skip
    assert all(row[4] == row[2] - min(row[3], row[2]) and row[5] for row in
               support.iter_rows(min_row=2, values_only=True))  # fmt: skip
    names = ["戦略1：専門人材の獲得", "戦略2：職員の育成", "最適な組み合わせ"]
    assert [summary.cell(row, 1).value for row in range(2, 5)] == names
    risk = book.worksheets[-1]
    rows = list(risk.iter_rows(min_row=2, values_only=True))
    assert {row[0] for row in rows} == set(names)
    assert {row[1] for row in rows} >= {"仕様書作成", "中心人物（司令塔）"}
    # Each year's cost as a budget request reads it: gross = support + subsidies + own funds.
    cost = book["戦略2：職員の育成 費用"]
    for _year, gross, support_, subsidy, own, lever in cost.iter_rows(min_row=2, values_only=True):
        assert gross == support_ + subsidy + own and lever
    # Names, not codes or ids, in the whole workbook.
    text = " ".join(
        str(value) for sheet in book for row in sheet.iter_rows(values_only=True) for value in row
    )
    assert "CO-CAP" not in text and "successor:" not in text
    assert len(rows) == 3 * 4 * 3  # strategies × capabilities × fiscal years
    assert all(0 <= row[3] <= 1 for row in rows)


def test_an_infeasible_target_is_explained_in_japanese_with_the_numbers(editor):
    editor.cookies.load({"dxtalent_language": "ja"})
    # Five specification writers in every year: beyond what the demo's levers can reach.
    response = solve(editor, levers=levers(), objective="cost", **{"target_CO-CAP-SPEC": "9"})
    mix = response.context["strategies"][2]
    assert mix.plan.status.value == "infeasible" and mix.plan.explanation
    shortfall = mix.plan.explanation[0]
    page = response.content.decode()
    assert f"目標{shortfall.target}人に対し" in page
    # Why, in Japanese, once; the capability by its name, never its code.
    with translation.override("ja"):
        why = shortfall_reason(shortfall)
    assert why != shortfall.reason and page.count(why) >= 1
    shown = re.sub(r"<script.*?</script>", "", page, flags=re.S)  # the charts' data aside
    assert shortfall.reason not in page and "CO-CAP" not in shown
    name = (
        scenario_for(Organisation.objects.get(code="DEMO-CITY-A"), 1, 1)
        .capability(shortfall.capability)
        .name.ja
    )
    assert f"の{name}：目標{shortfall.target}人に対し" in page
    # No plan: no cost, no actions ("nothing to do" would read as advice), nothing to check.
    article = page.split("strategy--mix", 1)[1].split("</article>", 1)[0]
    for absent in ("円", "実施することはありません", "違反なし", "目標の充足"):
        assert absent not in article, absent


def test_a_run_of_another_organisation_is_not_found_through_ones_own(editor):
    other = Organisation.objects.get(code="DEMO-CITY-B")
    run = runs.start(runs.create(other, None, scenario_for(other, 1_000_000, 1), "cost", 0, {}))
    for path in ("", "status", ".xlsx"):
        suffix = f"/{path}" if path != ".xlsx" else path
        assert editor.get(f"/o/DEMO-CITY-A/plan/runs/{run.pk}{suffix}").status_code == 404


def test_a_run_whose_worker_died_is_reported_as_interrupted(editor):
    organisation = Organisation.objects.get(code="DEMO-CITY-A")
    run = runs.create(organisation, None, scenario_for(organisation, 1_000_000, 1), "cost", 0, {})
    PlanRun.objects.filter(pk=run.pk).update(
        status="running", created_at=run.created_at - runs.STALE_AFTER * 2
    )
    response = editor.get(f"/o/DEMO-CITY-A/plan/runs/{run.pk}/status")
    assert response.json()["status"] == "failed" and "interrupted" in response.json()["error"]


def test_a_run_that_fails_says_why(editor):
    organisation = Organisation.objects.get(code="DEMO-CITY-A")
    run = runs.create(organisation, None, scenario_for(organisation, 1_000_000, 1), "cost", 0, {})
    PlanRun.objects.filter(pk=run.pk).update(scenario={"horizon_years": "many"})
    runs.execute(run.pk)
    response = editor.get(f"/o/DEMO-CITY-A/plan/runs/{run.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.context["run"].status == "failed"
    assert "first_fiscal_year: missing" in response.content.decode()


def test_the_api_runs_a_plan_with_edits_and_names_a_bad_field(editor):
    codes = levers()
    started = editor.post(
        "/api/organisations/DEMO-CITY-A/plan/runs",
        data=json.dumps(
            {"budget": 30_000_000, "years": 2, "levers": codes, "limits": {codes[0]: 0}}
        ),
        content_type="application/json",
    )
    assert started.status_code == 200, started.content
    run = started.json()
    assert run["status"] == "done" and set(run["result"]) == {"acquire", "develop", "mix"}
    assert run["result"]["mix"]["risk"]["runs"] == 10_000
    fetched = editor.get(f"/api/organisations/DEMO-CITY-A/plan/runs/{run['id']}").json()
    assert fetched["result"] == run["result"]
    listed = editor.get("/api/organisations/DEMO-CITY-A/plan/runs").json()
    assert listed[0]["id"] == run["id"] and "result" not in listed[0]
    bad = editor.post(
        "/api/organisations/DEMO-CITY-A/plan/runs",
        data=json.dumps({"limits": {"NOPE": 1}, "years": 99}),
        content_type="application/json",
    )
    assert bad.status_code == 400
    assert "limit_NOPE" in json.dumps(bad.json()["errors"])


@pytest.mark.background
@pytest.mark.django_db(transaction=True)
def test_a_run_solves_in_the_background_and_reports_its_progress(client):
    prepare_demo(seed=2025)
    client.force_login(get_user_model().objects.get(username="demo-viewer"))
    organisation = Organisation.objects.get(code="DEMO-CITY-A")
    scenario = scenario_for(organisation, 30_000_000, 3)
    run = runs.start(runs.create(organisation, None, scenario, "coverage", 0, {}), wait=0)
    assert run.status in ("queued", "running", "done")
    seen = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        status = client.get(f"/o/DEMO-CITY-A/plan/runs/{run.pk}/status").json()
        seen.append(status["progress"])
        # The stage as the page writes it, worded on the server: …を計算しています（50%）.
        if status["stage"]:
            assert status["stage_text"] == f"{status['stage_label']}（{status['progress']}%）"
        if status["status"] in ("done", "failed"):
            break
        time.sleep(0.05)
    assert status["status"] == "done", status
    assert seen == sorted(seen) and seen[-1] == 100
    page = client.get(f"/o/DEMO-CITY-A/plan/runs/{run.pk}/")
    assert [s.strategy for s in page.context["strategies"]] == ["acquire", "develop", "mix"]


def test_a_viewer_reads_the_plans_but_is_not_offered_to_start_one(client):
    prepare_demo(seed=2025)
    client.force_login(get_user_model().objects.get(username="demo-viewer"))
    page = client.get("/o/DEMO-CITY-A/plan/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert (
        "Only editors start plans" in page and '<button type="submit" class="button">' not in page
    )
    assert client.post("/o/DEMO-CITY-A/plan/", FIELDS).status_code == 403


def test_a_kept_plan_that_no_longer_holds_says_what_it_breaks_by_name(editor):
    # A run kept with its scenario, whose budget is then lowered in the record: the page's
    # independent check recomputes the plan against it and says each overrun in words.
    run_page = solve(editor, levers=levers(), budget="40000000")
    run = run_page.context["run"]
    assert any(action for s in run_page.context["strategies"] for action in s.actions)
    run.scenario = {**run.scenario, "yearly_budget": 1, "budget_by_year": {}}
    run.save(update_fields=["scenario"])
    page = editor.get(f"/o/DEMO-CITY-A/plan/runs/{run.pk}/", HTTP_ACCEPT_LANGUAGE="ja")
    strategies = page.context["strategies"]
    spent = [s for s in strategies if s.solved and s.gross_cost > 0]
    assert spent and all(s.violations for s in spent)
    text = page.content.decode()
    assert "が予算1円を超えています" in text and "Violation(" not in text
