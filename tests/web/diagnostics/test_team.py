import datetime as dt
import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dxtalent.core.assessments import RatingSource
from dxtalent.web.diagnostics import services
from dxtalent.web.organisations.models import Organisation
from dxtalent.web.people.models import Department, Framework, Person, Post
from dxtalent.web.people.services import assess

pytestmark = pytest.mark.django_db
COORDINATION = "NAKAGAWA-2025-COORDINATION"


@pytest.fixture
def dx(city_a):
    return Department.objects.create(organisation=city_a, code="DX", name="DX推進課", is_dx=True)


def staff(city, department, number, levels, start=dt.date(2024, 4, 1), **fields):
    person = Person.objects.create(
        organisation=city, external_id=number, family_name=number, **fields
    )
    Post.objects.create(
        organisation=city,
        person=person,
        department=department,
        started_on=start,
        is_specialist=fields.pop("specialist", False),
    )
    framework = Framework.objects.get(code=COORDINATION, organisation=None)
    if levels:
        assess(
            organisation=city,
            person=person,
            framework=framework,
            levels=levels,
            source=RatingSource.MANAGER,
            rated_on=dt.date(2025, 4, 1),
        )
    return person


STRONG = {"CO-COMM": 3, "CO-LEAD": 3, "CO-NEGO": 3, "CO-SPEC": 3, "CO-GOVT": 3}
# The central figure's role targets (core.diagnostics.CENTRAL_FIGURE_MINIMUMS).
LEADER = {"CO-COMM": 4, "CO-LEAD": 4, "CO-NEGO": 4, "CO-SPEC": 4, "CO-GOVT": 4}


def test_the_team_is_read_from_current_levels_posts_and_contracts(city_a, dx):
    person = staff(
        city_a,
        dx,
        "S1",
        STRONG,
        contract_end=dt.date(2027, 3, 31),
        employment_type="fixed_term",
        origin="external",
    )
    [member] = services.to_domain(city_a)
    assert member.levels["CO-NEGO"] == 3 and member.is_dx and member.is_external
    assert (member.post_start, member.hard_end) == (dt.date(2024, 4, 1), dt.date(2027, 3, 31))
    assert member.id == str(person.pk)


def test_a_team_with_two_leaders_and_a_strong_member_has_no_critical_finding(city_a, dx):
    for number, levels in (("S1", LEADER), ("S2", LEADER), ("S3", STRONG)):
        staff(city_a, dx, number, levels, start=dt.date(2025, 4, 1))
    data = services.report_json(services.diagnose(city_a, years=2), "en")
    assert not [f for f in data["findings"] if f["severity"] == "critical"]
    team = next(row for row in data["forecast"] if row["capability"] == "CO-CAP-TEAM")
    assert team["years"][0] == {"fiscal_year": data["fiscal_years"][0], "count": 3, "met": True}


def test_an_empty_team_gets_a_critical_finding_for_the_missing_central_figure(city_a, dx):
    staff(city_a, dx, "S1", {"CO-COMM": 1})
    rules = {
        f["rule"]: f["severity"]
        for f in services.report_json(services.diagnose(city_a), "en")["findings"]
    }
    assert rules["central-figure"] == "critical"


def test_settings_switch_rules_off_and_set_the_vendor_contracts(client, alice, city_a, dx):
    staff(city_a, dx, "S1", {"CO-COMM": 1})
    client.force_login(alice)
    response = client.post(
        f"/o/{city_a.code}/team/settings/",
        {
            "rotation_min_years": "3",
            "rotation_max_years": "5",
            "horizon_years": "4",
            "vendor_contracts": "10",
            "large_contracts": "2",
            "yearly_budget": "20000000",
            "budget_basis": "gross",
            "central_in_house": "on",
            "enabled_rules": ["negotiation-capacity"],
        },
    )
    assert response.status_code == 302
    data = services.report_json(services.diagnose(city_a), "en")
    assert {f["rule"] for f in data["findings"]} == {"negotiation-capacity"}
    assert len(data["fiscal_years"]) == 4


def test_a_rotation_window_upside_down_is_refused_on_the_form(client, alice, city_a):
    client.force_login(alice)
    response = client.post(
        f"/o/{city_a.code}/team/settings/",
        {
            "rotation_min_years": "6",
            "rotation_max_years": "3",
            "horizon_years": "5",
            "vendor_contracts": "0",
            "large_contracts": "0",
        },
    )
    assert response.status_code == 400
    assert services.profile_of(city_a).rotation_min_years == 3


def test_the_demo_city_shows_a_finding_of_each_severity(city_a):
    from dxtalent.web.demo.services import prepare_demo

    prepare_demo(seed=2025)
    demo = Organisation.objects.get(code="DEMO-CITY-A")
    severities = {
        f["severity"] for f in services.report_json(services.diagnose(demo), "ja")["findings"]
    }
    # The demo team can carry its work today; rotation brings warnings, and what holds is info.
    assert {"warning", "info"} <= severities


def test_the_team_page_and_the_api_give_the_same_findings(client, bob, city_a, dx):
    staff(city_a, dx, "S1", {"CO-COMM": 1})
    client.force_login(bob)
    api = client.get(f"/api/organisations/{city_a.code}/diagnosis", {"language": "en"}).json()
    assert set(api) >= {"findings", "forecast", "risk", "timeline"}
    finding = api["findings"][0]
    assert set(finding) >= {"rule", "severity", "message", "people", "source"}
    page = client.get(f"/o/{city_a.code}/team/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    # The page names the rule and the capability; their codes are the API's, for researchers.
    assert finding["rule_name"] in page
    if finding["capability"]:
        assert finding["capability_name"] in page


def test_the_cli_prints_json_with_findings_and_forecast(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("DXTALENT_") and k not in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    env.update(DXTALENT_DATA_DIR=str(tmp_path), DXTALENT_DEBUG="1", COLUMNS="200")
    binary = Path(sys.executable).parent / "dxtalent"
    assert (
        subprocess.run([str(binary), "demo", "--no-serve"], env=env, capture_output=True).returncode
        == 0
    )
    result = subprocess.run(
        [str(binary), "diagnose", "--org", "DEMO-CITY-A", "--years", "3", "--json"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert len(data["fiscal_years"]) == 3 and data["findings"] and data["forecast"]
    assert {"rule", "severity", "message", "people", "source"} <= set(data["findings"][0])
    assert {"next_steps", "months_left", "departure_day"} <= set(data["findings"][0])
    assert "small_municipality" in data

    def diagnose(*extra):
        return subprocess.run(
            [str(binary), "diagnose", "--org", "DEMO-CITY-A", "--years", "3", *extra],
            env=env,
            capture_output=True,
            text=True,
        )

    dated = json.loads(diagnose("--json", "--today", "2026-12-05").stdout)
    assert dated["today"] == "2026-12-05"
    departures = [f for f in dated["findings"] if f["departure_day"]]
    assert all(f["next_steps"] and isinstance(f["months_left"], int) for f in departures)
    text = diagnose("--today", "2026-12-05", "--language", "en")
    assert text.returncode == 0, text.stderr
    marks = {"open": "○", "late": "△", "closed": "×"}
    for step in (s for f in departures for s in f["next_steps"]):
        assert f"    {marks[step['status']]} " in text.stdout
    bad = diagnose("--today", "2026-13-01")
    assert bad.returncode == 2
    assert '--today "2026-13-01" is not a date' in bad.stderr


def test_the_cli_names_rules_and_capabilities_and_never_breaks_a_name_across_lines(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("DXTALENT_") and k not in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    env.update(DXTALENT_DATA_DIR=str(tmp_path), DXTALENT_DEBUG="1", COLUMNS="64")
    binary = Path(sys.executable).parent / "dxtalent"
    subprocess.run([str(binary), "demo", "--no-serve"], env=env, capture_output=True, check=True)

    def diagnose(*extra):
        result = subprocess.run(
            [str(binary), "diagnose", "--org", "DEMO-CITY-A", "--today", "2026-12-05", *extra],
            env=env,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    data = json.loads(diagnose("--json"))
    text = diagnose()
    names = {p["name"] for f in data["findings"] for p in f["people"]}
    assert len(names) >= 5
    lines = text.splitlines()
    for name in names:
        assert any(name in line for line in lines), name
        family, _, given = name.partition(" ")
        # No line ends with the family name while the next starts with the given name.
        for line, following in itertools.pairwise(lines):
            assert not (line.rstrip().endswith(family) and following.strip().startswith(given)), (
                name,
                line,
                following,
            )
    assert all(len(line) <= 64 * 2 for line in lines)
    assert "一人に依存する能力：" in text and "出典：" in text
    for finding in data["findings"]:
        assert f"[{finding['rule']}]" not in text
    assert "CO-CAP" not in text and "MIC-R-" not in text
    assert "中心人物（司令塔）" in text  # the coverage table by capability name


def test_an_organisation_that_allows_an_external_central_figure_counts_one(city_a, dx):
    staff(
        city_a,
        dx,
        "E1",
        LEADER,
        start=dt.date(2025, 4, 1),
        employment_type="fixed_term",
        origin="external",
        contract_end=dt.date(2030, 3, 31),
    )

    def central_count():
        report = services.diagnose(city_a, years=1, runs=10, today=dt.date(2025, 6, 1))
        return report.diagnosis.forecast.cell("CO-CAP-CENTRAL", 2025).count

    assert central_count() == 0
    profile = services.profile_of(city_a)
    profile.central_in_house = False
    profile.save()
    assert central_count() == 1


def test_a_finding_links_to_a_plan_with_its_target_and_to_programmes_that_raise_its_skills(
    client, alice, city_a, dx
):
    from dxtalent.web.people.models import ProgrammeSkill, Skill, TrainingProgramme

    staff(city_a, dx, "S1", {"CO-SPEC": 2}, start=dt.date(2025, 4, 1))
    programme = TrainingProgramme.objects.create(
        organisation=city_a, name="仕様書作成研修", kind="internal_training", months=3
    )
    skill = Skill.objects.get(
        framework__code=COORDINATION, framework__organisation=None, code="CO-SPEC"
    )
    ProgrammeSkill.objects.create(organisation=city_a, programme=programme, skill=skill, to_level=3)
    client.force_login(alice)
    page = client.get(f"/o/{city_a.code}/team/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "まず取り組むこと" in page
    assert f"/o/{city_a.code}/plan/?target_CO-CAP-SPEC=3" in page
    assert f"/o/{city_a.code}/training/{programme.pk}/" in page and "仕様書作成研修" in page
    plan = client.get(f"/o/{city_a.code}/plan/", {"target_CO-CAP-SPEC": "5"})
    assert plan.context["form"]["target_CO-CAP-SPEC"].initial == 5


def test_a_findings_source_reads_in_japanese_with_the_original_behind_a_disclosure(
    client, alice, city_a, dx
):
    staff(city_a, dx, "S1", {"CO-SPEC": 2}, start=dt.date(2025, 4, 1))
    client.force_login(alice)
    page = client.get(f"/o/{city_a.code}/team/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "Nakagawa（2025）「考察」：仕様書の作成には通常3人以上の職員が関わる。" in page
    assert '<details class="source-quote"><summary>原文</summary><p lang="en">' in page


def test_the_diagnosis_is_computed_once_per_data_version_and_afresh_after_any_change(city_a, dx):
    person = staff(city_a, dx, "S1", STRONG)
    today = dt.date(2025, 6, 1)
    first = services.diagnose(city_a, today=today)
    assert services.diagnose(city_a, today=today) is first  # nothing changed: the cached one
    assert services.diagnose(city_a, today=today, seed=1) is not first
    framework = Framework.objects.get(code=COORDINATION, organisation=None)
    assess(organisation=city_a, person=person, framework=framework, levels={"CO-COMM": 4},
           source=RatingSource.VERIFIED, rated_on=dt.date(2025, 5, 1))  # fmt: skip
    rated = services.diagnose(city_a, today=today)
    assert rated is not first and rated.members[str(person.pk)].levels["CO-COMM"] == 4
    profile = services.profile_of(city_a)
    profile.horizon_years = 3
    profile.save()
    assert len(services.diagnose(city_a, today=today).diagnosis.forecast.fiscal_years) == 3
    assert services.diagnose(city_a, today=dt.date(2025, 6, 2)) is not rated


def test_the_team_page_lists_the_dx_department_in_the_timeline(client, alice, city_a, dx):
    hr = Department.objects.create(organisation=city_a, code="HR", name="人事課")
    staff(city_a, dx, "DX1", STRONG)
    staff(city_a, hr, "HR1", STRONG)
    client.force_login(alice)
    data = services.report_json(services.diagnose(city_a, today=dt.date(2025, 6, 1)))
    assert [entry["person"]["name"] for entry in data["timeline"]] == ["DX1"]
    assert client.get(f"/o/{city_a.code}/team/").status_code == 200


def test_the_api_refuses_a_language_it_does_not_speak_naming_the_field(client, bob, city_a):
    client.force_login(bob)
    response = client.get(f"/api/organisations/{city_a.code}/diagnosis", {"language": "fr"})
    assert response.status_code == 400, response.content
    (error,) = response.json()["errors"]
    assert error["loc"][-1] == "language" and "^(ja|en)$" in error["msg"]
