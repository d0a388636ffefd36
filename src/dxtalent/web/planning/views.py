"""The staffing plan page: the scenario's knobs, the three strategies side by side, charts and
the Excel export."""

from __future__ import annotations

import dataclasses

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from dxtalent.core.planning import Plan, Scenario
from dxtalent.web.organisations.decorators import organisation_view
from dxtalent.web.planning import services
from dxtalent.web.planning.forms import PlanForm


def _scenario_and_form(request: HttpRequest) -> tuple[Scenario, PlanForm, str]:
    organisation = request.organisation  # type: ignore[attr-defined]
    base = services.scenario_for(organisation)
    english = (get_language() or "ja").startswith("en")
    capabilities = [
        (c.code, c.name.en if english else c.name.ja, c.target) for c in base.capabilities
    ]
    levers = [(lever.code, f"{lever.code} {lever.name}") for lever in base.levers]
    initial = {
        "budget": base.yearly_budget,
        "years": min(base.horizon_years, 10),
        "objective": "coverage",
    }
    form = PlanForm(request.GET or None, capabilities=capabilities, levers=levers, initial=initial)
    if not form.is_valid():
        return base, form, "coverage"
    data = form.cleaned_data
    scenario = services.scenario_for(organisation, data["budget"], data["years"])
    # A link without a lever choice (e.g. a bookmark) uses every lever.
    chosen = (
        set(data["levers"]) if data.get("edited") else {lever.code for lever in scenario.levers}
    )
    targets = {
        code: dict.fromkeys(scenario.fiscal_years(), target)
        for code, target in form.targets().items()
    }
    cap = float(data["headcount_cap"]) if data.get("headcount_cap") is not None else None
    scenario = dataclasses.replace(
        scenario,
        levers=tuple(lever for lever in scenario.levers if lever.code in chosen),
        targets=targets,
        headcount_cap=cap,
    )
    return scenario, form, data["objective"]


@organisation_view()
def plan(request: HttpRequest) -> HttpResponse:
    scenario, form, objective = _scenario_and_form(request)
    plans = (
        services.solve_strategies(scenario, objective) if form.is_bound and form.is_valid() else {}
    )
    return render(
        request,
        "planning/plan.html",
        {
            "form": form,
            "scenario": scenario,
            "strategies": [services.summary(name, p, scenario) for name, p in plans.items()],
            "chart": services.chart_data(plans, scenario) if plans else None,
            "query": request.GET.urlencode(),
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


@organisation_view()
def plan_export(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    scenario, form, objective = _scenario_and_form(request)
    plans: dict[str, Plan] = (
        services.solve_strategies(scenario, objective) if form.is_valid() else {}
    )
    response = HttpResponse(
        services.plans_xlsx(plans, scenario),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="staffing-plan-{organisation.code}.xlsx"'
    )
    return response
