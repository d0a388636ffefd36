"""The national page (every signed-in user) and each organisation's register (members only)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from dxtalent.core.calendar import fiscal_year_of
from dxtalent.core.standardization.catalogue import BUSINESSES, DEADLINES, REASONS, REASONS_SOURCE
from dxtalent.core.standardization.national import MIGRATION_SUPPORT_ATTRIBUTION
from dxtalent.core.standardization.summary import GroupRow
from dxtalent.web.downloads import download
from dxtalent.web.organisations.decorators import organisation_view
from dxtalent.web.organisations.models import Organisation, Role
from dxtalent.web.standardization import services
from dxtalent.web.standardization.forms import ContractForm, SystemForm, VendorForm
from dxtalent.web.standardization.models import Contract, System, Vendor


def _language() -> str:
    return get_language() or "ja"


def _rows(rows: tuple[GroupRow, ...], language: str) -> list[dict[str, Any]]:
    return [
        {
            "code": row.code,
            "name": row.name.get(language),
            "governments": row.governments,
            "listed": row.listed,
            "share": row.share,
            "systems": row.systems,
        }
        for row in rows
    ]


@login_required
def national(request: HttpRequest) -> HttpResponse:
    """The national picture from the current edition of the list: public facts."""
    language = _language()
    found = services.national_summary()
    context: dict[str, Any] = {
        "attribution": _(MIGRATION_SUPPORT_ATTRIBUTION),
        "deadlines": [
            {
                "text": d.applies_to.get(language),
                "fiscal_year": d.fiscal_year,
                "decided_on": d.decided_on,
                "source": d.source.get(language),
            }
            for d in DEADLINES
        ],
        "reasons": [{"name": r.name.get(language), "systems": r.systems_2025_07} for r in REASONS],
        "reasons_source": REASONS_SOURCE.get(language),
    }
    if found is not None:
        edition, summary = found
        by_business = _rows(summary.by_business, language)
        context |= {
            "edition": edition,
            "total": _rows((summary.total,), language)[0],
            "by_business": by_business,
            "by_kind": _rows(summary.by_kind, language),
            "by_band": _rows(summary.by_band, language),
            "chart": {
                "labels": [row["name"] for row in by_business],
                "values": [row["listed"] for row in by_business],
            },
        }
    return render(request, "standardization/national.html", context)


# --- the organisation's register (members only) ------------------------------------------


def _org(request: HttpRequest) -> Organisation:
    return request.organisation  # type: ignore[attr-defined,no-any-return]


@organisation_view()
def register(request: HttpRequest) -> HttpResponse:
    """The systems of the register, with where each flag came from, and the national list's
    word on the organisation."""
    organisation = _org(request)
    language = _language()
    systems = (
        System.objects.filter(organisation=organisation)
        .select_related("vendor")
        .order_by("business", "name", "pk")
    )
    order = {b.code: b.number for b in BUSINESSES}
    rows = sorted(
        (services.system_row(s, language) for s in systems),
        key=lambda row: (order.get(row["business"], 99), row["name"]),
    )
    return render(
        request,
        "standardization/register.html",
        {
            "systems": rows,
            "national": services.national_listing(organisation),
            "listed_names": services.listed_names(organisation, language),
            "can_prefill": organisation.is_local_government,
            "peers": services.peer_comparison(organisation, language),
        },
    )


@organisation_view(read_role=Role.EDITOR)
def prefill(request: HttpRequest) -> HttpResponse:
    """Add the 20 業務 and 共通機能 from the national list (editors; POST only)."""
    if request.method != "POST":
        return redirect("standardization-register", code=_org(request).code)
    added = services.prefill_register(_org(request))
    messages.success(
        request,
        _("{count} systems were added from the national list.").format(count=added),
    )
    return redirect("standardization-register", code=_org(request).code)


def _edit(
    request: HttpRequest,
    form_class: type[forms.ModelForm[Any]],
    instance: Any,
    template: str,
    done: str,
    title: str,
) -> HttpResponse:
    form = form_class(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, _("{name} was saved.").format(name=str(saved) or title))
        return redirect(done, code=_org(request).code)
    return render(
        request,
        template,
        {"form": form, "title": title, "back": done},
        status=400 if request.method == "POST" else 200,
    )


@organisation_view(read_role=Role.EDITOR)
def system_create(request: HttpRequest) -> HttpResponse:
    return _edit(
        request,
        SystemForm,
        System(organisation=_org(request)),
        "standardization/form.html",
        "standardization-register",
        _("Add a system"),
    )


@organisation_view(read_role=Role.EDITOR)
def system_edit(request: HttpRequest, pk: int) -> HttpResponse:
    system = get_object_or_404(System, organisation=_org(request), pk=pk)
    return _edit(
        request,
        SystemForm,
        system,
        "standardization/form.html",
        "standardization-register",
        services.system_name(system, _language()),
    )


@organisation_view()
def contracts(request: HttpRequest) -> HttpResponse:
    """The vendors and contracts, by renewal date."""
    organisation = _org(request)
    language = _language()
    rows = [
        services.contract_row(c, language)
        for c in Contract.objects.filter(organisation=organisation)
        .select_related("vendor")
        .prefetch_related("systems")
    ]
    vendors = Vendor.objects.filter(organisation=organisation)
    years = _horizon(organisation)
    indicators = [
        {
            "name": i.name.get(language),
            "value": i.value,
            "is_share": i.is_share,
            "numerator": i.numerator,
            "denominator": i.denominator,
            "explanation": i.explanation.get(language),
            "formula": i.formula.get(language),
            "detail": i.detail,
        }
        for i in services.indicators_for(organisation, years)
    ]
    workload, _count = services.workload_for(organisation)
    calendar = [
        {"year": year, "renewals": w.renewals, "migrations": w.migrations}
        for year, w in workload.items()
        if year in years
    ]
    return render(
        request,
        "standardization/contracts.html",
        {
            "contracts": rows,
            "vendors": vendors,
            "indicators": indicators,
            "calendar": calendar,
            "first_year": years[0],
            "last_year": years[-1],
        },
    )


def _horizon(organisation: Organisation) -> tuple[int, ...]:
    """The fiscal years of the organisation's planning horizon (its diagnosis settings; five
    years from the current one when it has none)."""
    from dxtalent.web.diagnostics.models import DiagnosisProfile

    profile = DiagnosisProfile.objects.filter(organisation=organisation).first()
    first = fiscal_year_of(timezone.localdate())
    return tuple(range(first, first + (profile.horizon_years if profile else 5)))


@organisation_view(read_role=Role.EDITOR)
def contract_create(request: HttpRequest) -> HttpResponse:
    return _edit(
        request,
        ContractForm,
        Contract(organisation=_org(request)),
        "standardization/form.html",
        "standardization-contracts",
        _("Add a contract"),
    )


@organisation_view(read_role=Role.EDITOR)
def contract_edit(request: HttpRequest, pk: int) -> HttpResponse:
    contract = get_object_or_404(Contract, organisation=_org(request), pk=pk)
    return _edit(
        request,
        ContractForm,
        contract,
        "standardization/form.html",
        "standardization-contracts",
        contract.title,
    )


@organisation_view(read_role=Role.EDITOR)
def vendor_create(request: HttpRequest) -> HttpResponse:
    return _edit(
        request,
        VendorForm,
        Vendor(organisation=_org(request)),
        "standardization/form.html",
        "standardization-contracts",
        _("Add a vendor"),
    )


@organisation_view(read_role=Role.EDITOR)
def vendor_edit(request: HttpRequest, pk: int) -> HttpResponse:
    vendor = get_object_or_404(Vendor, organisation=_org(request), pk=pk)
    return _edit(
        request,
        VendorForm,
        vendor,
        "standardization/form.html",
        "standardization-contracts",
        vendor.name,
    )


REGISTER_KINDS = ("systems", "contracts")


@organisation_view()
def import_register(request: HttpRequest) -> HttpResponse:
    """Upload a systems or contracts file (editors); a bad file is rejected whole and every
    problem is listed with its row, column and value. Templates for everyone."""
    from dxtalent.web.standardization.imports import import_file
    from dxtalent.web.uploads import take_import

    organisation = _org(request)
    context: dict[str, Any] = {"kind": request.POST.get("kind", "systems")}
    status = 200
    if request.method == "POST":
        shown, status, imported = take_import(
            request,
            REGISTER_KINDS,
            _("Choose what the file holds: systems or contracts."),
            lambda kind, data, name: import_file(organisation, kind, data, name),
        )
        if imported:
            done = (
                "standardization-register" if imported == "systems" else "standardization-contracts"
            )
            return redirect(done, code=organisation.code)
        context.update(shown)
    return render(request, "standardization/import.html", context, status=status)


@organisation_view()
def import_template(request: HttpRequest, kind: str, fmt: str) -> HttpResponse:
    from dxtalent.web.standardization.imports import template

    if kind not in REGISTER_KINDS or fmt not in ("csv", "xlsx"):
        raise Http404(_("No such template."))
    return download(template(kind, fmt, _language()), f"dxtalent-{kind}-template.{fmt}")


@organisation_view()
def export_register(request: HttpRequest, kind: str, fmt: str) -> HttpResponse:
    """The register's systems or contracts as CSV or Excel, in the import's layout."""
    from dxtalent.web.standardization.imports import export

    if kind not in REGISTER_KINDS or fmt not in ("csv", "xlsx"):
        raise Http404(_("No such export."))
    return download(export(_org(request), kind, fmt), f"dxtalent-{kind}.{fmt}")
