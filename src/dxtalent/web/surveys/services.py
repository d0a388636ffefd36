"""Published survey tables and their audit, for the pages, the API and the Excel export."""

from __future__ import annotations

from dataclasses import dataclass

from dxtalent.core.surveys import (
    PublishedTable,
    PublishedTables,
    RowAudit,
    audit_table,
    wilson,
)
from dxtalent.core.tabular import Sheet, write_xlsx


@dataclass(frozen=True)
class AuditedRow:
    """A printed row with its verdict and the Wilson 95 % interval of count / denominator."""

    verdict: RowAudit
    low: float
    high: float


@dataclass(frozen=True)
class AuditedTable:
    table: PublishedTable
    rows: list[AuditedRow]

    @property
    def consistent(self) -> int:
        return sum(row.verdict.consistent for row in self.rows)


def audited(tables: PublishedTables, number: int | None = None) -> list[AuditedTable]:
    """Each table (or table `number`; KeyError when absent) with its rows' verdicts."""
    chosen = [tables.table(number)] if number is not None else list(tables.tables)
    found = []
    for table in chosen:
        rows = []
        for verdict in audit_table(table):
            interval = wilson(verdict.count, verdict.denominator)
            assert interval is not None  # a table's denominator is at least 1
            rows.append(AuditedRow(verdict, interval.low, interval.high))
        found.append(AuditedTable(table, rows))
    return found


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
