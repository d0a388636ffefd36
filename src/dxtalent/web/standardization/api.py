"""API for the standardization: the national picture (every signed-in user) and an
organisation's register of systems, vendors and contracts (members; editors write)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from dxtalent.core.standardization.catalogue import REASONS, UnknownBusinessError, business
from dxtalent.core.standardization.register import PHASE_CODES, Procurement
from dxtalent.web.api.schemas import In, answers
from dxtalent.web.organisations.access import membership_for
from dxtalent.web.organisations.models import Role
from dxtalent.web.standardization import services
from dxtalent.web.standardization.models import Contract, System, Vendor

router = Router(tags=["standardization"])


def _read(request: HttpRequest, code: str) -> Any:
    return membership_for(request.user, code).organisation


def _write(request: HttpRequest, code: str) -> Any:
    return membership_for(request.user, code, Role.EDITOR).organisation


class GroupOut(Schema):
    code: str
    name: str
    governments: int
    listed: int
    systems: int


class NationalOut(Schema):
    as_of: dt.date
    file_name: str
    shipped: bool
    total: GroupOut
    by_business: list[GroupOut]
    by_kind: list[GroupOut]
    by_band: list[GroupOut]


def _group(row: Any, language: str) -> dict[str, Any]:
    return {
        "code": row.code,
        "name": row.name.get(language),
        "governments": row.governments,
        "listed": row.listed,
        "systems": row.systems,
    }


@router.get(
    "/standardization/national",
    response=answers(NationalOut),
    summary="The national list of specific migration-support systems, summed up",
)
def national(request: HttpRequest) -> dict[str, Any]:
    found = services.national_summary()
    if found is None:
        raise Http404(_("No edition of the national list is loaded."))
    edition, summary = found
    language = get_language() or "ja"
    return {
        "as_of": edition.as_of,
        "file_name": edition.file_name,
        "shipped": edition.shipped,
        "total": _group(summary.total, language),
        "by_business": [_group(r, language) for r in summary.by_business],
        "by_kind": [_group(r, language) for r in summary.by_kind],
        "by_band": [_group(r, language) for r in summary.by_band],
    }


class SystemOut(Schema):
    id: int
    business: str
    name: str
    vendor_id: int | None
    current_product: str
    standard_product: str
    phase: str
    planned_on: dt.date | None
    migrated_on: dt.date | None
    migration_support: bool
    reason: str
    cost_before: int | None
    cost_after: int | None
    notes: str
    source: str
    national_as_of: dt.date | None


class SystemIn(In):
    db_model = System

    business: str = Field(
        "", description="a code of the 20 業務 or common-functions; empty for another system"
    )
    name: str = ""
    vendor_id: int | None = None
    current_product: str = ""
    standard_product: str = ""
    phase: str = Field("not-started", description=", ".join(PHASE_CODES))
    planned_on: dt.date | None = None
    migrated_on: dt.date | None = None
    migration_support: bool = False
    reason: str = Field("", description=", ".join(r.code for r in REASONS) + " or empty")
    cost_before: int | None = Field(None, description="yen a year")
    cost_after: int | None = Field(None, description="yen a year, Gov-Cloud fees included")
    notes: str = ""


class VendorOut(Schema):
    id: int
    name: str
    notes: str


class VendorIn(In):
    db_model = Vendor

    name: str = Field(..., min_length=1)
    notes: str = ""


class ContractOut(Schema):
    id: int
    title: str
    vendor_id: int
    system_ids: list[int]
    starts_on: dt.date | None
    ends_on: dt.date | None
    renewal_on: dt.date | None
    annual_cost: int | None
    procurement: str
    bidders: int | None
    is_renewal: bool
    notes: str

    @staticmethod
    def resolve_system_ids(obj: Contract) -> list[int]:
        return [s.pk for s in obj.systems.all()]


class ContractIn(In):
    db_model = Contract

    title: str = Field(..., min_length=1)
    vendor_id: int
    system_ids: list[int] = []
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    renewal_on: dt.date | None = None
    annual_cost: int | None = Field(None, description="yen a year")
    procurement: str = Field(..., description="competitive, negotiated or single-bid")
    bidders: int | None = None
    is_renewal: bool = False
    notes: str = ""


def _invalid(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


@router.get(
    "/organisations/{code}/systems",
    response=answers(list[SystemOut]),
    summary="The register's systems",
)
def list_systems(request: HttpRequest, code: str) -> Any:
    return System.objects.filter(organisation=_read(request, code)).order_by("business", "pk")


@router.post(
    "/organisations/{code}/systems",
    response=answers(SystemOut, 201),
    summary="Add a system to the register",
)
def create_system(request: HttpRequest, code: str, payload: SystemIn) -> Status[Any]:
    organisation = _write(request, code)
    data = payload.dict()
    if data["business"]:
        try:
            data["business"] = business(data["business"]).code
        except UnknownBusinessError as error:
            raise _invalid("business", str(error)) from None
        if System.objects.filter(organisation=organisation, business=data["business"]).exists():
            raise _invalid("business", _("This business area is already in the register."))
    if data["phase"] not in PHASE_CODES:
        raise _invalid("phase", _("Accepted: {codes}.").format(codes=", ".join(PHASE_CODES)))
    if data["reason"] and data["reason"] not in {r.code for r in REASONS}:
        raise _invalid(
            "reason", _("Accepted: {codes}.").format(codes=", ".join(r.code for r in REASONS))
        )
    if (
        data["vendor_id"] is not None
        and not Vendor.objects.filter(organisation=organisation, pk=data["vendor_id"]).exists()
    ):
        raise _invalid("vendor_id", _("No such vendor in this organisation."))
    system = System(organisation=organisation, **data)
    services.check_record(services.system_errors(system))
    system.save()
    return Status(201, system)


@router.get(
    "/organisations/{code}/vendors", response=answers(list[VendorOut]), summary="The vendors"
)
def list_vendors(request: HttpRequest, code: str) -> Any:
    return Vendor.objects.filter(organisation=_read(request, code))


@router.post(
    "/organisations/{code}/vendors", response=answers(VendorOut, 201), summary="Add a vendor"
)
def create_vendor(request: HttpRequest, code: str, payload: VendorIn) -> Status[Any]:
    organisation = _write(request, code)
    name = payload.name.strip()
    if Vendor.objects.filter(organisation=organisation, name=name).exists():
        raise _invalid("name", _("A vendor with this name is already registered."))
    vendor = Vendor.objects.create(organisation=organisation, name=name, notes=payload.notes)
    return Status(201, vendor)


@router.get(
    "/organisations/{code}/contracts",
    response=answers(list[ContractOut]),
    summary="The contracts",
)
def list_contracts(request: HttpRequest, code: str) -> Any:
    return Contract.objects.filter(organisation=_read(request, code)).prefetch_related("systems")


@router.post(
    "/organisations/{code}/contracts",
    response=answers(ContractOut, 201),
    summary="Add a contract",
)
def create_contract(request: HttpRequest, code: str, payload: ContractIn) -> Status[Any]:
    organisation = _write(request, code)
    data = payload.dict()
    system_ids = data.pop("system_ids")
    if data["procurement"] not in {p.value for p in Procurement}:
        raise _invalid(
            "procurement",
            _("Accepted: {codes}.").format(codes=", ".join(p.value for p in Procurement)),
        )
    if not Vendor.objects.filter(organisation=organisation, pk=data["vendor_id"]).exists():
        raise _invalid("vendor_id", _("No such vendor in this organisation."))
    systems = list(System.objects.filter(organisation=organisation, pk__in=system_ids))
    if len(systems) != len(set(system_ids)):
        raise _invalid("system_ids", _("No such system in this organisation."))
    contract = Contract(organisation=organisation, **data)
    services.check_record(services.contract_errors(contract))
    with transaction.atomic():
        contract.save()
        contract.systems.set(systems)
    return Status(201, contract)
