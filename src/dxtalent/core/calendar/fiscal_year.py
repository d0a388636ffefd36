"""Fiscal years (年度, 1 April to 31 March) and their Japanese era form.

A local government's fiscal year is named after the calendar year in which it starts
(Local Autonomy Act, art. 208): 2025年度 runs from 2025-04-01 to 2026-03-31.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

FISCAL_YEAR_START_MONTH = 4


class UnknownEraError(ValueError):
    """A year before the first era this module knows (Meiji, 1868)."""


@dataclass(frozen=True)
class Era:
    """A Japanese era: its names, the calendar year its first year falls in and its first
    day (Gregorian)."""

    name_ja: str
    name_en: str
    first_year: int
    first_day: dt.date


# Newest first. Fiscal years take the era in force when the fiscal year is named; the practice
# of local governments is to call 2019年度 令和元年度 although April 2019 was still Heisei 31.
# A day takes the era in force on it (era_of_day): 30 April 2019 is 平成31年, 1 May 令和元年.
# Meiji was proclaimed in October 1868 from the first day of that lunar year, 25 January.
ERAS: tuple[Era, ...] = (
    Era("令和", "Reiwa", 2019, dt.date(2019, 5, 1)),
    Era("平成", "Heisei", 1989, dt.date(1989, 1, 8)),
    Era("昭和", "Showa", 1926, dt.date(1926, 12, 25)),
    Era("大正", "Taisho", 1912, dt.date(1912, 7, 30)),
    Era("明治", "Meiji", 1868, dt.date(1868, 1, 25)),
)


def fiscal_year_of(day: dt.date) -> int:
    """The fiscal year a date falls in: 2026-03-31 → 2025, 2026-04-01 → 2026."""
    return day.year if day.month >= FISCAL_YEAR_START_MONTH else day.year - 1


def fiscal_year_start(fiscal_year: int) -> dt.date:
    """First day of a fiscal year (1 April)."""
    return dt.date(fiscal_year, FISCAL_YEAR_START_MONTH, 1)


def fiscal_year_end(fiscal_year: int) -> dt.date:
    """Last day of a fiscal year (31 March of the next calendar year)."""
    return dt.date(fiscal_year + 1, FISCAL_YEAR_START_MONTH, 1) - dt.timedelta(days=1)


def era_year(year: int) -> tuple[Era, int]:
    """The era and the year within it for a (fiscal) year: 2025 → (令和, 7); 2019 → (令和, 1).

    Raises UnknownEraError before 1868.
    """
    for era in ERAS:
        if year >= era.first_year:
            return era, year - era.first_year + 1
    raise UnknownEraError(f"{year} is before the Meiji era (1868); no era name is known for it")


def era_of_day(day: dt.date) -> tuple[Era, int]:
    """The era in force on a day and the year within it: 2019-04-30 → (平成, 31),
    2019-05-01 → (令和, 1). Raises UnknownEraError before Meiji."""
    for era in ERAS:
        if day >= era.first_day:
            return era, day.year - era.first_year + 1
    raise UnknownEraError(f"{day} is before the Meiji era (1868); no era name is known for it")


def format_fiscal_year(fiscal_year: int, language: str = "ja") -> str:
    """A fiscal year as people write it.

    Japanese: "2025年度（令和7年度）", with 元 for an era's first year ("2019年度（令和元年度）").
    English (any language code that is not Japanese): "FY2025".
    """
    if not language.lower().startswith("ja"):
        return f"FY{fiscal_year}"
    era, number = era_year(fiscal_year)
    number_text = "元" if number == 1 else str(number)
    return f"{fiscal_year}年度（{era.name_ja}{number_text}年度）"


def format_day(day: dt.date, language: str = "ja") -> str:
    """A day as people write it: "2027年4月1日" in Japanese, "2027-04-01" in English (any
    language code that is not Japanese)."""
    if not language.lower().startswith("ja"):
        return day.isoformat()
    return f"{day.year}年{day.month}月{day.day}日"


def format_moment(at: dt.datetime, language: str = "ja") -> str:
    """A moment (already in local time) as people write it: "令和8年12月5日 22:30" in Japanese,
    in the era in force on its day as official documents write it, and "2026-12-05 22:30" in
    English."""
    if not language.lower().startswith("ja"):
        return f"{at:%Y-%m-%d %H:%M}"
    era, number = era_of_day(at.date())
    year = "元" if number == 1 else str(number)
    return f"{era.name_ja}{year}年{at.month}月{at.day}日 {at:%H:%M}"


# The calendar months in fiscal-year order: April first, March last.
FISCAL_MONTHS = (4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3)
_MONTH_ABBREVIATIONS = (
    "",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)


def format_months(months: Iterable[int], language: str = "ja") -> str:
    """Calendar months (1–12) of one fiscal year as people write them: in fiscal order
    (April to March), runs of consecutive months as ranges, a run across the new year kept
    whole. Japanese: "4〜9月、12月", "通年" for all twelve; English: "Apr–Sep, Dec",
    "all year". No months: "". A month outside 1–12 raises ValueError."""
    chosen = set(months)
    if chosen - set(FISCAL_MONTHS):
        raise ValueError(f"months are 1 to 12; got {sorted(chosen - set(FISCAL_MONTHS))}")
    japanese = language.lower().startswith("ja")
    if len(chosen) == 12:
        return "通年" if japanese else "all year"
    runs: list[list[int]] = []
    for month in FISCAL_MONTHS:
        if month not in chosen:
            continue
        previous = FISCAL_MONTHS[FISCAL_MONTHS.index(month) - 1]
        if runs and runs[-1][-1] == previous:
            runs[-1].append(month)
        else:
            runs.append([month])

    def run_text(run: list[int]) -> str:
        if japanese:
            return f"{run[0]}月" if len(run) == 1 else f"{run[0]}〜{run[-1]}月"
        first, last = _MONTH_ABBREVIATIONS[run[0]], _MONTH_ABBREVIATIONS[run[-1]]
        return first if len(run) == 1 else f"{first}–{last}"

    return ("、" if japanese else ", ").join(run_text(run) for run in runs)
