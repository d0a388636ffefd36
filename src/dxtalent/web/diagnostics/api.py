"""API for the team diagnosis."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router

# ninja.Query is this function at run time, but to mypy the annotation Query[T].
from ninja.params.functions import Query

from dxtalent.core.i18n import LANGUAGE_PATTERN
from dxtalent.web.api.schemas import answers
from dxtalent.web.diagnostics import services
from dxtalent.web.organisations.access import membership_for

router = Router(tags=["diagnostics"])


@router.get(
    "/organisations/{code}/diagnosis",
    response=answers(dict[str, Any]),
    summary="Findings with the next steps before each departure, coverage forecast, rotation risk, timeline and the small-municipality mode (the same as `dxtalent diagnose --json`)",
)
def get_diagnosis(
    request: HttpRequest,
    code: str,
    years: int | None = Query(None, ge=1, le=30),
    language: str = Query("ja", pattern=LANGUAGE_PATTERN),
    today: dt.date | None = Query(None, description="Diagnose as of this day (default: today)"),  # noqa: B008 - django-ninja's way of declaring a query parameter
) -> dict[str, Any]:
    organisation = membership_for(request.user, code).organisation
    return services.report_json(services.diagnose(organisation, years, today=today), language)
