"""The national page (every signed-in user) and each organisation's register (members only)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from dxtalent.core.standardization.catalogue import DEADLINES, REASONS, REASONS_SOURCE
from dxtalent.core.standardization.national import MIGRATION_SUPPORT_ATTRIBUTION
from dxtalent.core.standardization.summary import GroupRow
from dxtalent.web.standardization import services


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
        "attribution": MIGRATION_SUPPORT_ATTRIBUTION.get(language),
        "deadlines": [
            {
                "text": d.applies_to.get(language),
                "fiscal_year": d.fiscal_year,
                "decided_on": d.decided_on,
                "source": d.source,
            }
            for d in DEADLINES
        ],
        "reasons": [{"name": r.name.get(language), "systems": r.systems_2025_07} for r in REASONS],
        "reasons_source": REASONS_SOURCE,
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
