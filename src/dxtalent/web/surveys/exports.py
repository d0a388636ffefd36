"""Survey exports: the audit and the results as Excel workbooks, the results as JSON."""

from __future__ import annotations

from typing import Any

from dxtalent.core.tabular import Sheet, write_xlsx
from dxtalent.web.surveys.services import AuditedTable, response_rates, results


def audit_xlsx(found: list[AuditedTable], language: str) -> bytes:
    """One sheet with every row: table, row, item, count, rate printed, denominator, rate
    recomputed, Wilson interval, verdict and reason."""
    from django.utils.translation import gettext as _

    rows = [
        [
            t.table.number,
            r.verdict.row,
            r.verdict.item.get(language),
            r.verdict.count,
            r.verdict.percent,
            r.verdict.denominator,
            r.verdict.recomputed,
            round(100 * r.low, 1),
            round(100 * r.high, 1),
            _("consistent") if r.verdict.consistent else _("inconsistent"),
            r.verdict.reason.get(language),
        ]
        for t in found
        for r in t.rows
    ]
    sheet = Sheet(
        title=_("Audit")[:31],
        columns=[
            _("Table"),
            _("Row"),
            _("Item"),
            _("Count"),
            _("Rate printed (%)"),
            _("Denominator"),
            _("Rate recomputed (%)"),
            _("95% interval, low (%)"),
            _("95% interval, high (%)"),
            _("Verdict"),
            _("Reason"),
        ],
        rows=rows,
    )
    return write_xlsx([sheet])


def share_columns() -> list[str]:
    """The headings of a share with its 95% interval, in the reader's language: count, base,
    share, low and high (percentages to one decimal), as share_cells fills them."""
    from django.utils.translation import gettext as _

    return [
        _("Count"),
        _("Base"),
        _("Share (%)"),
        _("95% interval, low (%)"),
        _("95% interval, high (%)"),
    ]


def share_cells(
    count: int | None, base: int | None, share: float | None, low: float | None, high: float | None
) -> list[Any]:
    """The cells under share_columns: shares 0–1 as percentages to one decimal; None stays
    empty (a share of nobody)."""
    return [count, base, *(None if v is None else round(100 * v, 1) for v in (share, low, high))]


def results_xlsx(survey: Any, language: str) -> bytes:
    """Every question's table: one row per option and department, with the interval and the
    adjusted p-value of the comparison between departments."""
    from django.utils.translation import gettext as _

    rows = []
    for result in results(survey, language):
        for row in result.rows:
            for group, cell in zip(result.groups, row.cells, strict=True):
                rows.append(
                    [
                        result.code,
                        result.text,
                        row.label,
                        group,
                        *share_cells(cell.count, cell.base, cell.share, cell.low, cell.high),
                        row.p_adjusted,
                    ]
                )
    rates = [
        [
            rate.label.get(language),
            rate.invited,
            rate.started,
            rate.submitted,
            None if rate.interval is None else round(100 * rate.interval.estimate, 1),
        ]
        for rate in response_rates(survey)
    ]
    return write_xlsx(
        [
            Sheet(
                title=_("Response rates")[:31],
                columns=[
                    _("Department"),
                    _("Invited"),
                    _("Started"),
                    _("Submitted"),
                    _("Response rate (%)"),
                ],
                rows=rates,
            ),
            Sheet(
                title=_("Results")[:31],
                columns=[
                    _("Question"),
                    _("Question text"),
                    _("Option"),
                    _("Department"),
                    *share_columns(),
                    _("p (Holm), departments compared"),
                ],
                rows=rows,
            ),
        ]
    )


def results_json(survey: Any, language: str) -> dict[str, Any]:
    """The survey's response rates and results, JSON-ready (CLI --json and the API)."""
    return {
        "survey": survey.pk,
        "title": survey.title,
        "status": survey.status,
        "response_rates": [
            {
                "department": rate.department,
                "label": rate.label.get(language),
                "invited": rate.invited,
                "started": rate.started,
                "submitted": rate.submitted,
                "rate": rate.interval.estimate if rate.interval else None,
                "low": rate.interval.low if rate.interval else None,
                "high": rate.interval.high if rate.interval else None,
            }
            for rate in response_rates(survey)
        ],
        "questions": [
            {
                "question": result.code,
                "text": result.text,
                "groups": [
                    {"department": group, "base": base}
                    for group, base in zip(result.groups, result.bases, strict=True)
                ],
                "options": [
                    {
                        "label": row.label,
                        "cells": [cell.__dict__ for cell in row.cells],
                        "p_holm": row.p_adjusted,
                        "test": row.test,
                        "difference": row.difference.__dict__ if row.difference else None,
                    }
                    for row in result.rows
                ],
            }
            for result in results(survey, language)
        ],
    }
