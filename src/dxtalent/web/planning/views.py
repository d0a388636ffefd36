"""The staffing plan pages: the scenario editor, a run's progress while it solves in the
background, and its result: the three strategies side by side, charts, who is in post when,
the rotation risk, and the Excel export."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import Http404, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language

from dxtalent.core.i18n import bracketed
from dxtalent.web.downloads import download
from dxtalent.web.organisations.access import OrganisationRequest
from dxtalent.web.organisations.decorators import organisation_view
from dxtalent.web.planning import runs, services
from dxtalent.web.planning.forms import plan_form
from dxtalent.web.planning.models import PlanRun


def _recent(request: OrganisationRequest) -> Any:
    organisation = request.organisation
    return PlanRun.objects.filter(organisation=organisation).select_related("created_by")[:10]


# Starting a run is an editor's act; viewers read the plans. Outside the
# request's transaction, so that the job worker sees the new run and the page can wait
# for it (runs.start).
@transaction.non_atomic_requests
@organisation_view()
def plan(request: OrganisationRequest) -> HttpResponse:
    """GET: the editor (pre-filled from ?from=<run> to solve again with changes). POST: start
    a run and show it: its result when solved within a second, else its progress."""
    organisation = request.organisation
    if request.method == "POST":
        data = request.POST.copy()
        data.pop("csrfmiddlewaretoken", None)
        run, form = runs.submit(organisation, request.user, data)
        if run is not None:
            return redirect("planning-run", organisation.code, run.pk)
        status = 429 if form.too_many else 400
    else:
        data = None
        source = request.GET.get("from")
        if source and source.isdigit():
            run = PlanRun.objects.filter(organisation=organisation, pk=int(source)).first()
            if run is not None:
                data = QueryDict(mutable=True)
                for key, values in run.params.items():
                    data.setlist(key, values)
        # A finding's "plan how to meet this target" link sets targets: ?target_CODE=N.
        targets = {
            key.removeprefix("target_"): int(value)
            for key, value in request.GET.items()
            if key.startswith("target_")
            and isinstance(value, str)  # one value per key from items()
            and value.isdigit()
            and int(value) <= 1000
        }
        form = plan_form(organisation, data, targets)
        status = 200
    base = form.base or services.scenario_for(organisation)
    return render(
        request,
        "planning/plan.html",
        {
            "form": form,
            "runs": _recent(request),
            "pool": services.pool_contribution(organisation, base),
        },
        status=status,
    )


def _run(request: OrganisationRequest, pk: int) -> PlanRun:
    organisation = request.organisation
    run = PlanRun.objects.filter(organisation=organisation, pk=pk).first()
    if run is None:
        raise Http404("no such plan run")
    return runs.refresh_stale(run)


@organisation_view()
def run_detail(request: OrganisationRequest, pk: int) -> HttpResponse:
    run = _run(request, pk)
    context: dict[str, Any] = {
        "run": run,
        "runs": _recent(request),
        "stage_label": services.stage_label(run.stage),
    }
    if run.status == PlanRun.Status.DONE:
        scenario, plans, risks = runs.loaded(run)
        mix = plans.get("mix")
        context.update(
            scenario=scenario,
            strategies=[
                services.summary(name, p, scenario, risks.get(name)) for name, p in plans.items()
            ],
            chart=services.chart_data(plans, scenario, risks),
            posts=services.who_is_in_post(scenario, mix) if mix else [],
            fiscal_years=scenario.fiscal_years(),
            support=services.support_rows(scenario, plans, get_language() or "ja"),
        )
    return render(request, "planning/run.html", context)


@organisation_view()
def run_status(request: OrganisationRequest, pk: int) -> JsonResponse:
    run = _run(request, pk)
    return JsonResponse(
        {
            "status": run.status,
            "progress": run.progress,
            "stage": run.stage,
            "stage_label": services.stage_label(run.stage),
            # The stage and its progress as the page writes them: …を計算しています（50%） / Solving … (50%).
            "stage_text": services.stage_label(run.stage) + bracketed(f"{run.progress}%")
            if run.stage
            else "",
            "error": run.error,
            "url": reverse("planning-run", args=[run.organisation.code, run.pk]),
        }
    )


@organisation_view()
def run_export(request: OrganisationRequest, pk: int) -> HttpResponse:
    organisation = request.organisation
    run = _run(request, pk)
    if run.status != PlanRun.Status.DONE:
        raise Http404("this plan run has no result yet")
    scenario, plans, risks = runs.loaded(run)
    return download(
        services.plans_xlsx(plans, scenario, risks),
        f"staffing-plan-{organisation.code}-{run.pk}.xlsx",
    )
