"""API for the pool: a municipality's sharing and requests; a prefecture's requests received,
its allocation (the same JSON as `dxtalent pool allocate --json`) and its aggregates."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Status

# ninja.Query is this function at run time, but to mypy the annotation Query[T].
from ninja.params.functions import Query

from dxtalent.core.pool import PoolError
from dxtalent.core.pool.aggregate import DEFAULT_THRESHOLD
from dxtalent.web.api.schemas import In, answers
from dxtalent.web.organisations.access import aggregate_scope_for, membership_for
from dxtalent.web.organisations.models import Role
from dxtalent.web.pool import figures, services
from dxtalent.web.pool.forms import RequestForm
from dxtalent.web.pool.models import AllocationRun, PoolRequest
from dxtalent.web.pool.views import _municipality_only, _prefecture_only

router = Router(tags=["pool"])


def _request_json(r: PoolRequest) -> dict[str, Any]:
    return {
        "id": r.pk,
        "municipality": r.organisation.code,
        "municipality_name": r.organisation.name,
        "population": r.organisation.population,
        "fiscal_year": r.fiscal_year,
        "capability": r.capability,
        "level": r.level,
        "days_per_month": float(r.days_per_month),
        "months": r.months,
        "priority": r.priority,
        "reason": r.reason,
    }


@router.get(
    "/organisations/{code}/pool/requests",
    response=answers(list[dict[str, Any]]),
    summary="A municipality's requests to its prefecture's pool; for a prefecture, those it "
    "received for the fiscal year",
)
def list_requests(
    request: HttpRequest, code: str, fiscal_year: int | None = Query(None, ge=2000, le=2100)
) -> Any:
    organisation = membership_for(request.user, code).organisation
    year = fiscal_year or services.current_fiscal_year()
    if organisation.kind == "prefecture":
        found = services.requests_of_prefecture(organisation, year)
    else:
        _municipality_only(organisation)
        found = list(
            PoolRequest.objects.filter(organisation=organisation).select_related("organisation")
        )
    return [_request_json(r) for r in found]


class RequestIn(In):
    fiscal_year: int = Field(..., ge=2000, le=2100)
    capability: str
    level: int = Field(..., ge=1, le=4)
    days_per_month: float = Field(..., ge=0.5, le=23)
    months: list[int]
    priority: int = Field(2, ge=1, le=3)
    reason: str = Field("", max_length=2000)


@router.post(
    "/organisations/{code}/pool/requests",
    response=answers(dict[str, Any], 201),
    summary="File a municipality's request to its prefecture's pool (editor)",
)
def create_request(request: HttpRequest, code: str, body: RequestIn) -> Any:
    organisation = membership_for(request.user, code, Role.EDITOR).organisation
    _municipality_only(organisation)
    form = RequestForm(body.dict())
    if not form.is_valid():
        raise ValidationError(form.errors)
    form.instance.organisation = organisation
    return Status(201, _request_json(form.save()))


class SharingIn(In):
    with_prefecture: bool


@router.put(
    "/organisations/{code}/pool/sharing",
    response=answers(dict[str, Any]),
    summary="Turn a municipality's sharing of aggregates with its prefecture on or off "
    "(administrator; audited)",
)
def put_sharing(request: HttpRequest, code: str, body: SharingIn) -> Any:
    organisation = membership_for(request.user, code, Role.ADMIN).organisation
    _municipality_only(organisation)
    sharing = services.set_sharing(organisation, body.with_prefecture)
    return {"with_prefecture": sharing.with_prefecture}


class AllocateIn(In):
    fiscal_year: int | None = Field(None, ge=2000, le=2100)
    small_weight: float = Field(services.SMALL_WEIGHT, ge=1, le=10)
    fairness: bool = False


@router.post(
    "/organisations/{code}/pool/allocation",
    response=answers(dict[str, Any], 201),
    summary="Allocate a prefecture's pool to its municipalities' requests (editor; kept and "
    "audited): status, assignments and unmet requests with their reason",
)
def post_allocation(request: HttpRequest, code: str, body: AllocateIn) -> Any:
    organisation = membership_for(request.user, code, Role.EDITOR).organisation
    _prefecture_only(organisation)
    try:
        run = services.allocate(
            organisation,
            body.fiscal_year or services.current_fiscal_year(),
            body.small_weight,
            body.fairness,
            request.user,
        )
    except PoolError as error:
        raise ValidationError(str(error)) from None
    return Status(201, {"id": run.pk, "fiscal_year": run.fiscal_year, **run.result})


@router.get(
    "/organisations/{code}/pool/allocation",
    response=answers(dict[str, Any]),
    summary="A prefecture's latest allocation",
)
def get_allocation(request: HttpRequest, code: str) -> Any:
    organisation = membership_for(request.user, code).organisation
    _prefecture_only(organisation)
    run = AllocationRun.objects.filter(organisation=organisation).first()
    if run is None:
        raise Http404(_("No allocation yet."))
    return {"id": run.pk, "fiscal_year": run.fiscal_year, **run.result}


@router.get(
    "/organisations/{code}/pool/aggregates",
    response=answers(dict[str, Any]),
    summary="Aggregates of a prefecture's sharing municipalities, small cells suppressed "
    "(null); never a named person",
)
def get_aggregates(request: HttpRequest, code: str) -> Any:
    return figures.aggregates(aggregate_scope_for(request.user, code), DEFAULT_THRESHOLD)


@router.get(
    "/organisations/{code}/pool/peers",
    response=answers(dict[str, Any]),
    summary="The organisation's figures beside the totals and means of the governments of its "
    "kind and population band that share, small groups suppressed",
)
def get_peers(request: HttpRequest, code: str) -> Any:
    organisation = membership_for(request.user, code).organisation
    return figures.peers(organisation, DEFAULT_THRESHOLD)


class PeerSharingIn(In):
    with_peers: bool


@router.put(
    "/organisations/{code}/pool/peers/sharing",
    response=answers(dict[str, Any]),
    summary="Count the organisation in its peers' comparisons or not (administrator; audited)",
)
def put_peer_sharing(request: HttpRequest, code: str, body: PeerSharingIn) -> Any:
    organisation = membership_for(request.user, code, Role.ADMIN).organisation
    sharing = figures.set_peer_sharing(organisation, body.with_peers)
    return {"with_peers": sharing.with_peers}
