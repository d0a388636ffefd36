"""Pages of the pool. A municipality: its sharing switch and its requests. A prefecture: its
professionals, the requests it received (and their import), the allocation and the aggregates
of its sharing municipalities."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dxtalent.core.organisations.codes import OrganisationKind
from dxtalent.core.pool import PoolError
from dxtalent.core.pool.aggregate import DEFAULT_THRESHOLD
from dxtalent.web.concurrency import save_form
from dxtalent.web.downloads import download
from dxtalent.web.organisations.access import aggregate_scope_for, role_needed
from dxtalent.web.organisations.decorators import organisation_view
from dxtalent.web.organisations.models import Role
from dxtalent.web.pool import figures, services
from dxtalent.web.pool.forms import (
    AllocationForm,
    ImportForm,
    ProfessionalForm,
    RequestForm,
    SharingForm,
)
from dxtalent.web.pool.models import AllocationRun, PoolRequest, Professional


def _org(request: HttpRequest) -> Any:
    return request.organisation  # type: ignore[attr-defined]


def _is_prefecture(organisation: Any) -> bool:
    return bool(organisation.kind == OrganisationKind.PREFECTURE.value)


def _prefecture_only(organisation: Any) -> None:
    if not _is_prefecture(organisation):
        raise Http404(_("Only a prefecture has a talent pool."))


def _municipality_only(organisation: Any) -> None:
    if organisation.prefecture_id is None:
        raise Http404(_("Only a municipality files requests to its prefecture's pool."))


def _errors(form: Any) -> str:
    return " ".join(" ".join(str(e) for e in errors) for errors in form.errors.values())


@organisation_view()
def pool(request: HttpRequest) -> HttpResponse:
    """A prefecture's pool, or a municipality's requests to its prefecture's pool."""
    organisation = _org(request)
    names = services.capability_names()
    if _is_prefecture(organisation):
        fiscal_year = services.current_fiscal_year()
        professionals = list(
            Professional.objects.filter(organisation=organisation).prefetch_related("reaches")
        )
        for p in professionals:
            p.level_names = [(names.get(k, k), v) for k, v in p.levels.items()]  # type: ignore[attr-defined]
        requests = services.requests_of_prefecture(organisation, fiscal_year)
        for r in requests:
            r.capability_name = names.get(r.capability, r.capability)  # type: ignore[attr-defined]
        return render(
            request,
            "pool/prefecture.html",
            {
                "professionals": professionals,
                "professional_form": ProfessionalForm(prefecture=organisation),
                "requests": requests,
                "fiscal_year": fiscal_year,
                "capability_names": names,
                "import_form": ImportForm(initial={"fiscal_year": fiscal_year}),
                "allocation_form": AllocationForm(initial={"fiscal_year": fiscal_year}),
                "last_run": AllocationRun.objects.filter(organisation=organisation).first(),
            },
        )
    _municipality_only(organisation)
    own = list(PoolRequest.objects.filter(organisation=organisation))
    for r in own:
        r.capability_name = names.get(r.capability, r.capability)  # type: ignore[attr-defined]
    return render(
        request,
        "pool/municipality.html",
        {
            "sharing": services.sharing_of(organisation),
            "requests": own,
            "request_form": RequestForm(),
            "capability_names": names,
        },
    )


@require_POST
@organisation_view(write_role=Role.ADMIN)
def sharing(request: HttpRequest) -> HttpResponse:
    organisation = _org(request)
    _municipality_only(organisation)
    form = SharingForm(request.POST)
    form.is_valid()
    on = bool(form.cleaned_data.get("with_prefecture"))
    services.set_sharing(organisation, on)
    text = (
        _("Aggregates are now shared with {prefecture}.")
        if on
        else _("Aggregates are no longer shared with {prefecture}.")
    )
    messages.success(request, text.format(prefecture=organisation.prefecture.name))
    return redirect("pool-home", code=organisation.code)


@require_POST
@organisation_view()
def request_add(request: HttpRequest) -> HttpResponse:
    organisation = _org(request)
    _municipality_only(organisation)
    form = RequestForm(request.POST)
    if form.is_valid():
        form.instance.organisation = organisation
        form.save()
        messages.success(request, _("The request was filed."))
    else:
        messages.error(request, _errors(form))
    return redirect("pool-home", code=organisation.code)


@organisation_view()
def request_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: a request in its form; POST (editor): save the changes, unless someone saved it
    meanwhile (optimistic concurrency: both values named). Audited."""
    organisation = _org(request)
    _municipality_only(organisation)
    record = get_object_or_404(PoolRequest, pk=pk, organisation=organisation)
    form = RequestForm(request.POST or None, instance=record)
    if request.method == "POST" and form.is_valid() and save_form(form):
        messages.success(request, _("The request was saved."))
        return redirect("pool-home", code=organisation.code)
    return render(
        request,
        "pool/edit.html",
        {"form": form, "title": _("Edit the request"), "record": record},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@organisation_view()
def request_delete(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = _org(request)
    get_object_or_404(PoolRequest, pk=pk, organisation=organisation).delete()
    messages.success(request, _("The request was withdrawn."))
    return redirect("pool-home", code=organisation.code)


@require_POST
@organisation_view()
def professional_add(request: HttpRequest) -> HttpResponse:
    organisation = _org(request)
    _prefecture_only(organisation)
    form = ProfessionalForm(request.POST, prefecture=organisation)
    if form.is_valid():
        form.instance.organisation = organisation
        professional = form.save()
        messages.success(request, _("{name} was added.").format(name=professional.name))
    else:
        messages.error(request, _errors(form))
    return redirect("pool-home", code=organisation.code)


@organisation_view()
def professional_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: a professional in their form; POST (editor): save the changes, unless someone
    saved the record meanwhile (optimistic concurrency: both values named). Audited."""
    organisation = _org(request)
    _prefecture_only(organisation)
    record = get_object_or_404(Professional, pk=pk, organisation=organisation)
    form = ProfessionalForm(request.POST or None, instance=record, prefecture=organisation)
    if request.method == "POST" and form.is_valid() and save_form(form):
        messages.success(request, _("{name} was saved.").format(name=record.name))
        return redirect("pool-home", code=organisation.code)
    return render(
        request,
        "pool/edit.html",
        {"form": form, "title": _("Edit the professional"), "record": record},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@organisation_view()
def professional_delete(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = _org(request)
    professional = get_object_or_404(Professional, pk=pk, organisation=organisation)
    professional.delete()
    messages.success(request, _("{name} was removed.").format(name=professional.name))
    return redirect("pool-home", code=organisation.code)


@require_POST
@organisation_view()
def requests_import(request: HttpRequest) -> HttpResponse:
    organisation = _org(request)
    _prefecture_only(organisation)
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _errors(form))
        return redirect("pool-home", code=organisation.code)
    upload = form.cleaned_data["file"]
    try:
        created = services.import_requests(
            organisation, upload.read(), upload.name, form.cleaned_data["fiscal_year"]
        )
    except services.RequestImportError as error:
        for problem in error.problems:
            messages.error(request, problem)
        messages.error(request, _("Nothing was imported."))
    else:
        messages.success(request, _("{count} requests were imported.").format(count=len(created)))
    return redirect("pool-home", code=organisation.code)


@organisation_view()
def allocation(request: HttpRequest) -> HttpResponse:
    """GET: the latest allocation; POST (editor): a new one."""
    organisation = _org(request)
    _prefecture_only(organisation)
    if request.method == "POST":
        form = AllocationForm(request.POST)
        if form.is_valid():
            try:
                services.allocate(
                    organisation,
                    form.cleaned_data["fiscal_year"],
                    float(form.cleaned_data["small_weight"]),
                    form.cleaned_data["fairness"],
                    request.user,
                )
            except PoolError as error:
                messages.error(request, str(error))
        else:
            messages.error(request, _errors(form))
        return redirect("pool-allocation", code=organisation.code)
    run = AllocationRun.objects.filter(organisation=organisation).first()
    return render(
        request,
        "pool/allocation.html",
        {
            "view": services.allocation_view(run) if run else None,
            "unmet": services.unmet_rows(run),
        },
    )


@require_POST
@organisation_view()
def allocation_accept(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept an allocation: its days count in each municipality's diagnosis."""
    organisation = _org(request)
    _prefecture_only(organisation)
    run = get_object_or_404(AllocationRun, pk=pk, organisation=organisation)
    services.accept(run)
    messages.success(
        request,
        _("The allocation for fiscal year {year} was accepted.").format(year=run.fiscal_year),
    )
    return redirect("pool-allocation", code=organisation.code)


@organisation_view()
def allocation_export(request: HttpRequest) -> HttpResponse:
    organisation = _org(request)
    _prefecture_only(organisation)
    run = AllocationRun.objects.filter(organisation=organisation).first()
    if run is None:
        raise Http404(_("No allocation yet."))
    return download(
        services.allocation_xlsx(run),
        f"pool-allocation-{organisation.code}-FY{run.fiscal_year}.xlsx",
    )


@login_required
def aggregates(request: HttpRequest, code: str) -> HttpResponse:
    """Aggregates of the prefecture's sharing municipalities, small cells suppressed."""
    scope = aggregate_scope_for(request.user, code, role_needed(request.method or "GET"))
    request.membership = scope.membership  # type: ignore[attr-defined]
    request.organisation = scope.prefecture  # type: ignore[attr-defined]
    data = figures.aggregates(scope, DEFAULT_THRESHOLD)
    return render(
        request,
        "pool/aggregates.html",
        {"data": data, "labels": figures.figure_labels(data["figures"])},
    )


@organisation_view()
def peers(request: HttpRequest) -> HttpResponse:
    """The organisation beside the governments of its kind and population band that share."""
    organisation = _org(request)
    data = figures.peers(organisation, DEFAULT_THRESHOLD)
    labels = figures.figure_labels(data["figures"])
    rows = [
        {
            "label": labels[key],
            "own": data["own"].get(key, 0.0),
            "mean": data["mean"].get(key, 0.0) if data["mean"] is not None else None,
            "total": data["total"].get(key, 0.0) if data["total"] is not None else None,
        }
        for key in data["figures"]
    ]
    return render(request, "pool/peers.html", {"data": data, "rows": rows})


@require_POST
@organisation_view(write_role=Role.ADMIN)
def peers_sharing(request: HttpRequest) -> HttpResponse:
    """Count the organisation in its peers' comparisons, or stop (administrator; audited)."""
    organisation = _org(request)
    on = request.POST.get("with_peers") == "on"
    figures.set_peer_sharing(organisation, on)
    messages.success(
        request,
        _("This organisation now counts in its peers' comparisons.")
        if on
        else _("This organisation no longer counts in its peers' comparisons."),
    )
    return redirect("pool-peers", code=organisation.code)
