"""Template filters: fiscal years and money in the reader's language, shares as percentages."""

from __future__ import annotations

import datetime as dt
import math

from django import template
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from dxtalent.core.calendar import (
    fiscal_year_of,
    format_day,
    format_fiscal_year,
    format_moment,
    format_months,
)
from dxtalent.core.diagnostics.wording import commas as commas_between
from dxtalent.core.diagnostics.wording import sentences as run_together
from dxtalent.core.i18n import bracketed
from dxtalent.core.i18n import colon as label_end
from dxtalent.core.i18n import yen as money
from dxtalent.web.frameworks.services import Named, name_in_language

register = template.Library()


@register.filter
def fiscal_year(value: int | dt.date | None) -> str:
    """2025 (or any date in it) → "2025年度（令和7年度）" in Japanese, "FY2025" in English."""
    if value is None or value == "":
        return ""
    year = fiscal_year_of(value) if isinstance(value, dt.date) else int(value)
    return format_fiscal_year(year, get_language() or "ja")


@register.filter
def months(value: list[int] | None) -> str:
    """Months of a fiscal year (1–12) → "6〜11月" in Japanese, "Jun–Nov" in English."""
    return format_months(value or (), get_language() or "ja")


@register.filter
def commas(values: list[str] | tuple[str, ...] | None) -> str:
    """Items as a list in the reader's language: "A、B" in Japanese, "A, B" in English."""
    return commas_between(str(v) for v in values or ())


@register.simple_tag
def colon() -> str:
    """The end of a label in the reader's language: "{% translate "Source" %}{% colon %}" is
    "出典：" in Japanese, "Source: " in English (core.i18n.colon)."""
    return label_end()


@register.filter
def display_name(obj: Named) -> str:
    """A framework's, skill's or role's name in the reader's language
    (frameworks.services.name_in_language; people/_name.html)."""
    return name_in_language(obj)


@register.simple_tag
def sentences(*parts: object) -> str:
    """Sentences of one paragraph in the reader's language: run together in Japanese, with a
    space in English (core.diagnostics.wording.sentences); escaped as any simple tag's
    output is."""
    return run_together(str(part) for part in parts)


@register.simple_tag
def comma() -> str:
    """What separates the items of a list in the reader's language: "、" in Japanese, ", " in
    English (core.diagnostics.wording.commas)."""
    return commas_between(["", ""])


@register.simple_tag
def bracket(*parts: object) -> str:
    """The parts run together in brackets in the reader's language: "{% bracket 18 " / " 24 %}"
    is "（18 / 24）" in Japanese, " (18 / 24)" in English (core.i18n.bracketed); escaped as
    any simple tag's output is."""
    return bracketed("".join(str(part) for part in parts))


@register.simple_tag
def current_fiscal_year() -> int:
    return fiscal_year_of(timezone.localdate())


@register.filter
def percent(value: float | str | None) -> str:
    """A share from 0 to 1 as a whole percentage ("75%"); a share that rounds to 0 % or 100 %
    without being exactly that shows as "<1%" or ">99%", so that a certainty is never implied
    by rounding."""
    if value is None or value == "":
        return ""
    share = float(value)
    if 0 < share < 0.005:
        return "<1%"
    if 0.995 <= share < 1:
        return ">99%"
    return f"{share:.0%}"


@register.filter
def percent1(value: float | str | None) -> str:
    """A share from 0 to 1 as a percentage with one decimal ("35.2%")."""
    if value is None or value == "":
        return ""
    return f"{100 * float(value):.1f}%"


@register.filter
def points(value: float | str | None) -> str:
    """A difference of shares (−1 to 1) in percentage points with a sign ("+12.5 pt",
    "+12.5ポイント")."""
    if value is None or value == "":
        return ""
    return _("{points} pt").format(points=f"{100 * float(value):+.1f}")


@register.filter
def test_name(test: str) -> str:
    """The test behind a p-value by its name in the reader's language: "chi-square",
    "fisher" (exact) or "none" (nothing to compare: empty)."""
    names = {"chi-square": _("chi-square test"), "fisher": _("Fisher's exact test")}
    return names.get(test, "")


@register.filter
def day(value: dt.date | str | None) -> str:
    """A day as the reader's language writes it: "2027年4月1日" in Japanese, "2027-04-01"
    otherwise; an ISO text ("2027-04-01") is read first. Empty for None or an unreadable text."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            return ""
    return format_day(value, get_language() or "ja")


@register.filter
def when(value: dt.datetime | None) -> str:
    """A moment in local time as the reader's language writes it: "令和8年12月5日 22:30" in
    Japanese, "2026-12-05 22:30" otherwise."""
    if value is None:
        return ""
    return format_moment(timezone.localtime(value), get_language() or "ja")


@register.filter
def yen(value: int | float | str | None) -> str:
    """An amount of money in yen, rounded to the yen, with thousands separators in every
    language: 20000000 → "20,000,000円" in Japanese, "¥20,000,000" in English; a negative
    amount keeps its sign in front ("-1,500円", "-¥1,500"). None or "" → "" (the template shows
    its own dash for a missing amount); a value that is not a number is shown unchanged."""
    if value is None or value == "":
        return ""
    try:
        amount = float(value)
    except (TypeError, ValueError):
        return str(value)
    return money(amount) if math.isfinite(amount) else str(value)


@register.filter
def grouped(value: int | float | str | None) -> str:
    """A whole number with thousands separators in every language (Django's "0g" groups
    nothing in Japanese): 7319 → "7,319". None or "" → ""; not a number: unchanged."""
    if value is None or value == "":
        return ""
    try:
        return f"{round(float(value)):,}"
    except (TypeError, ValueError):
        return str(value)
