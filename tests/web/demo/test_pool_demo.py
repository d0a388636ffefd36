"""The demo prefecture: a dozen municipalities, a pool and requests that allocate."""

import pytest

from dxtalent.core.standardization.register import PHASE_CODES
from dxtalent.web.demo.services import prepare_demo
from dxtalent.web.organisations.access import aggregate_scope_for
from dxtalent.web.organisations.models import Organisation
from dxtalent.web.pool import figures, services
from dxtalent.web.pool.models import PoolRequest, Professional

pytestmark = pytest.mark.django_db


@pytest.fixture
def prefecture():
    prepare_demo(seed=2025)
    return Organisation.objects.get(code="DEMO-PREF")


def test_the_demo_prefecture_has_a_dozen_municipalities_of_different_sizes(prefecture):
    municipalities = Organisation.objects.filter(prefecture=prefecture)
    assert municipalities.count() == 12
    populations = [m.population for m in municipalities if m.population is not None]
    assert len(populations) == 11 and min(populations) < 1_000 and max(populations) > 200_000
    assert all("架空" in m.name for m in municipalities)


def test_the_demo_pool_allocates_and_every_unmet_request_carries_a_reason(prefecture):
    assert Professional.objects.filter(organisation=prefecture).count() == 8
    assert PoolRequest.objects.filter(organisation__prefecture=prefecture).count() > 12
    run = services.allocate(prefecture, services.current_fiscal_year())
    assert run.result["status"] == "optimal"
    assert run.result["assignments"]
    assert run.result["unmet"] and all(u["reason"] for u in run.result["unmet"])
    assert "no_skill" in {u["reason"] for u in run.result["unmet"]}


def test_the_demo_prefecture_editor_reads_aggregates_with_the_one_person_town_hidden(prefecture):
    from django.contrib.auth import get_user_model

    editor = get_user_model().objects.get(username="demo-pref")
    scope = aggregate_scope_for(editor, prefecture.code)
    assert len(scope.municipalities) == 10
    data = figures.aggregates(scope)
    rows = {r["municipality"]: r for r in data["rows"]}
    assert rows["DEMO-TOWN-H"]["suppressed"] == "few_people"
    assert rows["DEMO-CITY-A"]["figures"] is not None  # the demo team: a dozen people

    # The columns go as a reader does: this year before next, a rule's findings worst first,
    # the systems in the order of the migration's phases.
    keys = data["figures"]
    assert keys.index("below_target_this_year") < keys.index("below_target_next_year")
    phases = [key.removeprefix("phase:") for key in keys if key.startswith("phase:")]
    assert phases == list(PHASE_CODES)
    findings = [key.split(":")[1:] for key in keys if key.startswith("finding:")]
    for rule in {rule for rule, _severity in findings}:
        severities = [severity for r, severity in findings if r == rule]
        assert severities == sorted(severities, key=["critical", "warning", "info"].index)


def test_running_the_demo_twice_keeps_one_pool(prefecture):
    prepare_demo(seed=2025)
    assert Professional.objects.filter(organisation=prefecture).count() == 8


def test_city_as_plan_counts_the_days_of_the_accepted_allocation_for_the_coming_year(prefecture):
    from dxtalent.web.planning import services as planning

    city_a = Organisation.objects.get(code="DEMO-CITY-A")
    scenario = planning.scenario_for(city_a)
    pool = [lever for lever in scenario.levers if lever.kind == "pool"]
    assert {lever.available_from for lever in pool} == {services.current_fiscal_year() + 1}
    rows = planning.pool_contribution(city_a, scenario)
    assert rows and all(row["counted"] and row["professionals"] for row in rows)
