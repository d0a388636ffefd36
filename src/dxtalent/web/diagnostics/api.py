"""API for the team diagnosis."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from dxtalent.web.diagnostics import services
from dxtalent.web.organisations.access import membership_for

router = Router(tags=["diagnostics"])


@router.get(
    "/organisations/{code}/diagnosis",
    summary="Findings, coverage forecast, rotation risk and timeline (the same as `dxtalent diagnose --json`)",
)
def get_diagnosis(
    request: HttpRequest,
    code: str,
    years: int | None = Query(None, ge=1, le=30),
    language: str = Query("ja", pattern="^(ja|en)$"),
) -> dict[str, Any]:
    organisation = membership_for(request.user, code).organisation
    return services.report_json(services.diagnose(organisation, years), language)
