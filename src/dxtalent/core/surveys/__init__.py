"""Surveys of organisations: published tables and their consistency audit, and the statistics
of survey tables (Wilson and Newcombe intervals, chi-square or Fisher, Holm or
Benjamini–Hochberg).

`shipped_tables()` → Nakagawa (2025) Tables 1–9 as printed; `audit(tables)` → a RowAudit per
row saying whether the printed rate follows from count and denominator, and why not.
"""

from dxtalent.core.surveys.audit import RowAudit, audit, audit_table, fits, recomputed
from dxtalent.core.surveys.instrument import (
    Condition,
    Instrument,
    InvalidInstrumentError,
    Option,
    Question,
    QuestionKind,
    Response,
    Section,
    asked,
    check_answer,
    instrument_from_dict,
    instrument_from_tables,
    instrument_from_yaml,
    instrument_to_dict,
)
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
from dxtalent.core.surveys.tabulate import (
    Matrix,
    OptionCount,
    QuestionTable,
    compare_groups,
    matrix,
    tabulate,
    tabulate_loops,
)

__all__ = [
    "Comparison",
    "Condition",
    "Instrument",
    "Interval",
    "InvalidInstrumentError",
    "Matrix",
    "Option",
    "OptionCount",
    "PublishedRow",
    "PublishedTable",
    "PublishedTables",
    "PublishedTablesError",
    "Question",
    "QuestionKind",
    "QuestionTable",
    "Response",
    "RowAudit",
    "Section",
    "StatisticsError",
    "adjust",
    "asked",
    "audit",
    "audit_table",
    "check_answer",
    "compare",
    "compare_groups",
    "compare_options",
    "fits",
    "instrument_from_dict",
    "instrument_from_tables",
    "instrument_from_yaml",
    "instrument_to_dict",
    "matrix",
    "newcombe",
    "read_tables_csv",
    "recomputed",
    "shipped_tables",
    "tables_from_dict",
    "tabulate",
    "tabulate_loops",
    "wilson",
]
