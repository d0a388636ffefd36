"""State support on the plan page: where the organisation is decides whether 地域活性化起業人
support counts; the editor shows each lever's cost, support cap and net a year and, for an
ineligible secondee, why. City A is Higashi-Hiroshima (Hiroshima: 地方圏), city B Kobe (a
designated city of Hyogo, inside the three metropolitan areas)."""

import pytest

from dxtalent.core.assessments.levels import RatingSource
from dxtalent.core.planning import Advice
from dxtalent.web.diagnostics.services import profile_of
from dxtalent.web.people.models import Framework, Person, Skill
from dxtalent.web.people.services import add_rating
from dxtalent.web.planning.services import candidate_lever, scenario_for

pytestmark = pytest.mark.django_db

FIELDS = {
    "budget": "30000000",
    "years": "2",
    "objective": "coverage",
    "edited": "True",
    "target_CO-CAP-CENTRAL": "0",
    "target_CO-CAP-TEAM": "0",
    "target_CO-CAP-SPEC": "0",
    "target_CO-CAP-NEGO": "1",
}


def candidate(organisation, number, employment_type, cost=None, negotiation=3):
    """A candidate bringing negotiation at `negotiation` (CO-CAP-NEGO needs 3)."""
    person = Person.objects.create(
        organisation=organisation,
        kind="candidate",
        external_id=f"K{number}",
        family_name=f"候補{number}",
        employment_type=employment_type,
        expected_yearly_cost=cost,
    )
    framework, _created = Framework.objects.get_or_create(
        code="TEST-PLAN", version="1", defaults={"name_ja": "テスト", "name_en": "Test"}
    )
    skill, _created = Skill.objects.get_or_create(
        framework=framework,
        code="CO-NEGO",
        defaults={"area_code": "A", "name_ja": "交渉", "name_en": "negotiation", "position": 0},
    )
    add_rating(
        organisation=organisation,
        person=person,
        skill=skill,
        level=negotiation,
        source=RatingSource.MANAGER,
    )
    return person


def without_pairing(organisation):
    """Leave out the external-pairing rule: the test teams have nobody to pair an external
    professional with, and the rule, which would keep them out of the plan, is not what these
    tests are about."""
    profile = profile_of(organisation)
    profile.disabled_rules = ["external-pairing"]
    profile.save()


def candidate_costs(run_page):
    """The cost lines of the candidate C-K1 (a hire or a secondee) in every strategy of a run
    page."""
    return [
        line
        for s in run_page.context["strategies"]
        for line in s.plan.costs
        if line.lever == "C-K1"
    ]


def start_negotiation_run(client, organisation, **fields):
    """POST a plan run through the API for two years with only the negotiation target (the
    other capabilities' targets 0) and the run's other `fields`."""
    import json

    body = {"years": 2, "targets": {"CO-CAP-CENTRAL": 0, "CO-CAP-TEAM": 0, "CO-CAP-SPEC": 0}}
    return client.post(
        f"/api/organisations/{organisation.code}/plan/runs",
        data=json.dumps(body | fields),
        content_type="application/json",
    )


def test_a_city_outside_the_three_areas_counts_a_secondees_support_once_the_firm_is_given(city_a):
    candidate(city_a, 1, "corporate_secondee", cost=8_000_000)
    s = scenario_for(city_a)
    assert s.location is not None and s.location.code == "342122"
    (lever,) = s.levers
    # Not given in the candidate's record: not counted, and the note says how to give it.
    assert lever.support(0, 3) == 0
    assert "tick “firm in the three metropolitan areas”" in lever.support_note(Advice.PAGE).en
    assert "firm_in_metropolitan_area: true" in lever.support_note(Advice.FILE).en
    import dataclasses

    ticked = dataclasses.replace(lever, firm_in_metropolitan_area=True)
    assert ticked.support(0, 3) == 5_600_000


def test_candidates_without_a_cost_get_their_kinds_sourced_default(city_a):
    from dxtalent.core.planning import defaults

    adviser = candidate(city_a, 1, "adviser")
    side = candidate(city_a, 2, "side_job")
    assert candidate_lever(adviser, {}).cost_per_year == 0
    assert candidate_lever(side, {}).cost_per_year == defaults.SIDE_JOB_COST_PER_YEAR


def test_the_editor_shows_cost_support_cap_and_net_a_year_and_the_firm_switch(
    client, alice, city_a
):
    candidate(city_a, 1, "corporate_secondee", cost=8_000_000)
    client.force_login(alice)
    page = client.get(f"/o/{city_a.code}/plan/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'name="firm_C-K1"' in page and "State support cap a year (yen)" in page
    (row,) = [r for r in client.get(f"/o/{city_a.code}/plan/").context["form"].lever_rows()]
    assert (row.support.gross, row.support.cap, row.support.net) == (8_000_000, 0, 8_000_000)
    # Ticking the firm switch counts the support: the page shown again says so.
    shown = client.post(
        f"/o/{city_a.code}/plan/", {**FIELDS, "budget": "-1", "firm_C-K1": "on"}
    ).context["form"]
    (row,) = shown.lever_rows()
    assert (row.support.cap, row.support.net) == (5_600_000, 2_400_000) and row.support.eligible


def test_an_ineligible_secondee_shows_why_on_the_editor(client, charlie, city_b):
    candidate(city_b, 1, "corporate_secondee", cost=5_000_000)
    client.force_login(charlie)
    page = client.get(f"/o/{city_b.code}/plan/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "この団体では国の支援なし" in page and "指定都市" in page and "兵庫県" in page
    page = client.get(f"/o/{city_b.code}/plan/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "No state support here" in page and "designated city" in page


def test_an_ineligible_organisations_plan_never_shows_a_secondee_at_net_cost_zero(
    client, charlie, city_b
):
    # ¥5 M a year is under the ¥5.6 M cap: were the support counted, the secondee would be free.
    candidate(city_b, 1, "corporate_secondee", cost=5_000_000)
    without_pairing(city_b)
    client.force_login(charlie)
    response = client.post(
        f"/o/{city_b.code}/plan/", {**FIELDS, "levers": ["C-K1"], "firm_C-K1": "on"}
    )
    assert response.status_code == 302, response.content[:500]
    run = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en")
    costs = candidate_costs(run)
    assert costs and all(line.net == line.gross == 5_000_000 for line in costs)
    (row,) = run.context["support"]
    assert (row.cap, row.net, row.eligible) == (0, 5_000_000, False)
    assert "designated city" in run.content.decode()
    # The lever by its name, not its code; the remedy in the page's terms, never a file's.
    ja = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    support = ja.split('id="support-heading"')[1].split("</section>")[0]
    assert row.name in support and "C-K1" not in support
    assert "シナリオファイル" not in support and "firm_in_metropolitan_area" not in support


def test_a_municipality_inside_the_areas_sets_its_disadvantaged_area_in_the_settings(
    client, charlie, city_b
):
    client.force_login(charlie)
    data = {
        "rotation_min_years": 3,
        "rotation_max_years": 5,
        "horizon_years": 5,
        "vendor_contracts": 0,
        "large_contracts": 0,
        "yearly_budget": 20_000_000,
        "disadvantaged_area": "true",
        "enabled_rules": [],
    }
    response = client.post(f"/o/{city_b.code}/team/settings/", data)
    assert response.status_code == 302, response.content[:500]
    assert profile_of(city_b).disadvantaged_area is True
    assert scenario_for(city_b).location.disadvantaged_area is True


def test_the_api_takes_the_firm_of_each_secondee(client, alice, city_a):

    candidate(city_a, 1, "corporate_secondee", cost=8_000_000)
    client.force_login(alice)
    without_pairing(city_a)

    def net(firms):
        started = start_negotiation_run(client, city_a, firms=firms)
        assert started.status_code == 200, started.content
        costs = started.json()["result"]["mix"]["plan"]["costs"]
        return {line["net"] for line in costs if line["lever"] == "C-K1"}

    assert net({"C-K1": True}) == {2_400_000}
    assert net({}) == net({"C-K1": False}) == {8_000_000}


def hire_fields(cap):
    """The editor's fields for a plan where the hire C-K1 is the only lever: negotiation for
    two years, the pairing rule aside; `cap` its state support cap (None: not sent)."""
    fields = {**FIELDS, "levers": ["C-K1"]}
    if cap is not None:
        fields["support_C-K1"] = cap
    return fields


def test_a_hire_under_a_supported_programme_carries_its_cap_from_the_editor(client, alice, city_a):
    # 地域プロジェクトマネージャー: the state's special allocation tax up to ¥6.5 M a person a
    # year (domain facts), never more than the cost.
    candidate(city_a, 1, "fixed_term", cost=8_000_000)
    without_pairing(city_a)
    client.force_login(alice)
    page = client.get(f"/o/{city_a.code}/plan/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    # The field by the hire's name, and the note pointing to it on this page.
    assert 'name="support_C-K1"' in page and "候補1 の国の支援の上限（年額・円）" in page
    assert "その採用の「国の支援の上限」に上限を入力できます" in page
    # The page speaks of its own fields, never of a scenario file's.
    for technical in ("シナリオファイル", "state_support_per_person_year", "location.code"):
        assert technical not in page, technical
    response = client.post(f"/o/{city_a.code}/plan/", hire_fields("6500000"))
    assert response.status_code == 302, response.content[:500]
    costs = candidate_costs(client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en"))
    assert costs and all((line.gross, line.net) == (8_000_000, 1_500_000) for line in costs)
    # Without it, the hire costs its whole amount.
    response = client.post(f"/o/{city_a.code}/plan/", hire_fields(None))
    costs = candidate_costs(client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en"))
    assert costs and all(line.net == 8_000_000 for line in costs)


@pytest.mark.parametrize("cap", ["-1", "6.5M", "2000000000"])
def test_a_support_cap_the_planner_refuses_is_named_on_its_field(client, alice, city_a, cap):
    from dxtalent.web.planning.models import PlanRun

    candidate(city_a, 1, "fixed_term", cost=8_000_000)
    client.force_login(alice)
    response = client.post(f"/o/{city_a.code}/plan/", hire_fields(cap), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400 and not PlanRun.objects.exists()
    assert list(response.context["form"].errors) == ["support_C-K1"]
    (row,) = response.context["form"].lever_rows()
    # The net shown stays the one of a cap that could be used: none here.
    assert row.support.net == 8_000_000


def test_the_api_takes_a_hires_support_cap_and_refuses_a_bad_one(client, alice, city_a):
    candidate(city_a, 1, "fixed_term", cost=8_000_000)
    without_pairing(city_a)
    client.force_login(alice)

    def start(caps):
        return start_negotiation_run(client, city_a, support_caps=caps)

    started = start({"C-K1": 6_500_000})
    assert started.status_code == 200, started.content
    costs = started.json()["result"]["mix"]["plan"]["costs"]
    assert {line["net"] for line in costs if line["lever"] == "C-K1"} == {1_500_000}
    refused = start({"C-K1": -5})
    assert refused.status_code == 400 and "support_C-K1" in refused.content.decode()
    # Only a hire has a cap to set.
    assert start({"C-NOBODY": 1}).status_code == 400


def test_the_lever_table_names_each_lever_and_never_shows_its_code(client, alice, city_a):
    import lxml.html

    candidate(city_a, 1, "fixed_term", cost=8_000_000)
    candidate(city_a, 2, "corporate_secondee", cost=8_000_000)
    client.force_login(alice)
    for language in ("ja", "en"):
        page = client.get(f"/o/{city_a.code}/plan/", HTTP_ACCEPT_LANGUAGE=language)
        table = lxml.html.fromstring(page.content).find_class("lever-table")[0]
        text = table.text_content()
        assert "候補1" in text and "候補2" in text
        # Every label (the fields' hidden ones too) and every error name the lever, not its code.
        assert "C-K1" not in text and "C-K2" not in text
