"""Surveys of organisations: published tables and their consistency audit, and the statistics
of survey tables (Wilson and Newcombe intervals, chi-square or Fisher, Holm or
Benjamini–Hochberg).

`shipped_tables()` → Nakagawa (2025) Tables 1–9 as printed; `audit(tables)` → a RowAudit per
row saying whether the printed rate follows from count and denominator, and why not.
"""

from dxtalent.core.surveys.audit import RowAudit, audit, audit_table, fits, recomputed
from dxtalent.core.surveys.published import (
    PublishedRow,
    PublishedTable,
    PublishedTables,
    PublishedTablesError,
    read_tables_csv,
    shipped_tables,
    tables_from_dict,
)
from dxtalent.core.surveys.stats import (
    Comparison,
    Interval,
    StatisticsError,
    adjust,
    compare,
    compare_options,
    newcombe,
    wilson,
)

__all__ = [
    "Comparison",
    "Interval",
    "PublishedRow",
    "PublishedTable",
    "PublishedTables",
    "PublishedTablesError",
    "RowAudit",
    "StatisticsError",
    "adjust",
    "audit",
    "audit_table",
    "compare",
    "compare_options",
    "fits",
    "newcombe",
    "read_tables_csv",
    "recomputed",
    "shipped_tables",
    "tables_from_dict",
    "wilson",
]
