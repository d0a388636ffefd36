"""Japanese fiscal years (年度) and era names."""

from dxtalent.core.calendar.fiscal_year import (
    Era,
    UnknownEraError,
    era_year,
    fiscal_year_end,
    fiscal_year_of,
    fiscal_year_start,
    format_fiscal_year,
)

__all__ = [
    "Era",
    "UnknownEraError",
    "era_year",
    "fiscal_year_end",
    "fiscal_year_of",
    "fiscal_year_start",
    "format_fiscal_year",
]
