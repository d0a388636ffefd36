"""An accepted allocation of the prefecture's pool counts in the municipality's own plan."""

from __future__ import annotations

import dataclasses

import pytest

from dxtalent.core.diagnostics import paper_capabilities
from dxtalent.core.planning import plan_staffing
from dxtalent.web.organisations.models import Role
from dxtalent.web.planning import services as planning
from dxtalent.web.pool import services
from dxtalent.web.pool.models import PoolRequest, Professional
from tests.conftest import _member

pytestmark = pytest.mark.django_db


@pytest.fixture
def granted(hiroshima, hiroshima_towns):
    """The smallest town is given 20 days a month of specification writing (the prefecture
    shares the cost: the town pays a quarter) and 2 of a MIC role, for the coming fiscal year,
    accepted."""
    town = hiroshima_towns[0]
    year = services.current_fiscal_year() + 1
    writer = Professional.objects.create(
        organisation=hiroshima,
        name="仕様 書子",
        levels={"CO-CAP-SPEC": 3, "MIC-R-PM": 3},
        days_per_month=22,
        remote=True,
        employment_form="fixed_term",
        cost_per_day=40_000,
        payer="shared",
        municipality_share=25,
    )
    for capability, days in (("CO-CAP-SPEC", 20), ("MIC-R-PM", 2)):
        PoolRequest.objects.create(
            organisation=town,
            fiscal_year=year,
            capability=capability,
            level=2,
            days_per_month=days,
            months=[4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3],
        )
    run = services.allocate(hiroshima, year)
    assert run.result["status"] == "optimal"
    return town, year, run, writer


def _without_pool(scenario):
    return dataclasses.replace(
        scenario, levers=tuple(lever for lever in scenario.levers if lever.kind.value != "pool")
    )


def test_a_plan_counts_the_accepted_days_and_covers_more_for_the_same_budget(granted):
    town, year, run, _writer = granted
    assert not [lever for lever in planning.scenario_for(town).levers if lever.kind == "pool"]
    services.accept(run)
    scenario = planning.scenario_for(town, budget=0, years=1)
    (lever,) = [lever for lever in scenario.levers if lever.kind == "pool"]
    assert lever.days_per_year == 240 and lever.cost_per_day == 10_000
    assert lever.available_from == year
    # The town has no in-house partner for an external professional: the pairing rule off.
    free = dataclasses.replace(scenario, yearly_budget=3_000_000, external_pairing=None)
    with_pool = plan_staffing(free, objective="coverage", strategy="mix")
    without = plan_staffing(_without_pool(free), objective="coverage", strategy="mix")

    def covered(plan, code):
        return sum(c.count for c in plan.coverage if c.capability == code)

    assert covered(with_pool, "CO-CAP-SPEC") == pytest.approx(covered(without, "CO-CAP-SPEC") + 1.0)
    assert with_pool.total_cost() == 2_400_000  # 240 days at the town's ¥10,000 a day


def test_the_plan_page_names_the_pools_contribution_and_what_does_not_count(client, granted):
    town, _year, run, _writer = granted
    services.accept(run)
    user = _member("tomo", town, Role.EDITOR)
    client.force_login(user)
    page = client.get(f"/o/{town.code}/plan/").content.decode()
    assert 'id="pool-contribution"' in page
    assert "仕様 書子" in page and "仕様書作成" in page
    assert "10,000" in page  # the town's share a day
    # The MIC role's days are listed with the reason they do not count.
    section = page.split('id="pool-contribution"')[1].split("</section>")[0]
    role = {c.code: c.name.ja for c in paper_capabilities()}["MIC-R-PM"]
    assert role in section and "計画の対象ではありません" in section
    assert section.count("<tr>") == 3  # the heading and two groups
    # A whole year of days reads as one, in the reader's language.
    assert "<td>通年</td>" in section and "4月, 5月" not in section
    english = client.get(f"/o/{town.code}/plan/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<td>all year</td>" in english.split('id="pool-contribution"')[1]


def test_a_plan_cannot_use_more_pool_days_than_allocated_from_the_editor_or_the_api(
    client, granted
):
    from dxtalent.web.planning.models import PlanRun

    town, _year, run, _writer = granted
    services.accept(run)
    client.force_login(_member("tomo", town, Role.EDITOR))
    (lever,) = [lever for lever in planning.scenario_for(town).levers if lever.kind == "pool"]
    fields = {"budget": "3000000", "years": "2", "objective": "coverage", "edited": "True"}
    page = client.post(
        f"/o/{town.code}/plan/",
        {**fields, "levers": [lever.code], f"limit_{lever.code}": "5"},
        headers={"Accept-Language": "en"},
    )
    assert page.status_code == 400
    [said] = page.context["form"].errors[f"limit_{lever.code}"]
    assert "the prefecture allocated 240 days" in said and "at most 1" in said
    api = client.post(
        f"/api/organisations/{town.code}/plan/runs",
        data={"years": 2, "levers": [lever.code], "limits": {lever.code: 5}},
        content_type="application/json",
        headers={"Accept-Language": "en"},
    )
    assert api.status_code == 400
    assert "the prefecture allocated 240 days" in api.content.decode()
    assert not PlanRun.objects.exists()
    # Using fewer (none) of the allocated days is a plan like any other.
    fewer = client.post(
        f"/o/{town.code}/plan/", {**fields, "levers": [lever.code], f"limit_{lever.code}": "0"}
    )
    assert fewer.status_code in (200, 302)
