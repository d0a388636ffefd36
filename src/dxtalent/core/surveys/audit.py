"""The consistency audit of published tables (a GRIM-style check, methods notes §4.6): does
each printed rate follow from its printed count and the table's stated denominator, under the
table's rounding? If not, which denominators would explain it, and does the rate belong to
another row's count (rows shifted)?

Rounding: one rule per table. A table is printed by one program with one rule, so the audit
infers it: of half up (四捨五入), half to even (銀行丸め, the default of many statistics
packages) and truncation (切り捨て), the rule under which most of the table's rows follow from
their counts (a tie goes in that order). Each row is then checked under that rule; a row that
follows only under another rule is flagged, and the reason says so (12.5 → 13 and 62.5 → 62 in
one table need two rules). `fits` (any rounding to the nearest, either way at an exact half)
remains for a single figure. The arithmetic is exact (fractions), never floating point.
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from dxtalent.core.diagnostics.wording import sentences
from dxtalent.core.frameworks import Text
from dxtalent.core.i18n import Phrase, _, gettext_noop
from dxtalent.core.surveys.published import PublishedRow, PublishedTable, PublishedTables

# Denominators above the stated maximum are searched up to this factor of it, to tell a
# likely misprint of the base from a rate no base explains.
BEYOND = Fraction(11, 10)
MAX_LISTED = 8


def _half_unit(row: PublishedRow) -> Fraction:
    return Fraction(1, 2 * 10**row.decimals)


def fits(count: int, denominator: int, row: PublishedRow) -> bool:
    """Whether count / denominator, as a percentage, rounds to the rate printed on `row`."""
    if denominator <= 0:
        return False
    exact = Fraction(100 * count, denominator)
    return abs(exact - Fraction(row.rate)) <= _half_unit(row)


class Rounding(enum.StrEnum):
    """How a table rounds its percentages to the printed digits."""

    HALF_UP = "half_up"
    HALF_EVEN = "half_even"
    TRUNCATE = "truncate"


ROUNDING_NAMES = {
    Rounding.HALF_UP: gettext_noop("rounding half up"),
    Rounding.HALF_EVEN: gettext_noop("rounding half to even"),
    Rounding.TRUNCATE: gettext_noop("truncation"),
}


def rounded(count: int, denominator: int, decimals: int, rule: Rounding) -> Fraction:
    """count / denominator as a percentage rounded to `decimals` places under `rule`, exactly
    (a Fraction: e.g. 1/8 with 0 decimals → 13, 12 or 12)."""
    scale = 10**decimals
    exact = Fraction(100 * count * scale, denominator)
    if rule is Rounding.HALF_UP:
        units = math.floor(exact + Fraction(1, 2))
    elif rule is Rounding.HALF_EVEN:
        units = round(exact)  # Fraction rounds half to even
    else:
        units = math.floor(exact)
    return Fraction(units, scale)


def fits_rule(count: int, denominator: int, row: PublishedRow, rule: Rounding) -> bool:
    """Whether count / denominator rounds under `rule` to the rate printed on `row`."""
    if denominator <= 0:
        return False
    return rounded(count, denominator, row.decimals, rule) == Fraction(row.rate)


def table_rounding(table: PublishedTable) -> Rounding:
    """The rule under which most rows of `table` follow from their counts and the table's
    denominator (ties: half up, then half to even, then truncation)."""
    return max(
        Rounding,
        key=lambda rule: sum(fits_rule(r.count, table.denominator, r, rule) for r in table.rows),
    )


def _as_printed(value: Fraction, decimals: int) -> str:
    """A rounded rate as a table prints it ("13", "35.2")."""
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return str(exact.quantize(Decimal(1).scaleb(-decimals)))


def recomputed(count: int, denominator: int, decimals: int) -> str:
    """count / denominator as a percentage rounded half up to `decimals` places."""
    exact = Decimal(100 * count) / Decimal(denominator)
    return str(exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))


def _spans(values: list[int]) -> str:
    """[198, 199, 200, 205] → "198–200, 205"; at most MAX_LISTED spans, then "…"."""
    runs: list[list[int]] = []
    for value in values:
        if runs and value == runs[-1][-1] + 1:
            runs[-1].append(value)
        else:
            runs.append([value])
    spans = [str(run[0]) if len(run) == 1 else f"{run[0]}–{run[-1]}" for run in runs]
    return ", ".join(spans[:MAX_LISTED]) + (", …" if len(spans) > MAX_LISTED else "")


@dataclass(frozen=True)
class RowAudit:
    """The verdict on one printed row.

    recomputed: count / denominator rounded as printed. denominators: the bases from the
    count up to the stated one that give the printed rate; beyond: bases above the stated one
    (up to 10 % more) that would. rate_of_rows: other rows whose count gives this row's
    printed rate; count_on_rows: other rows whose printed rate this row's count gives (both:
    the rates look shifted between rows). reason: why, in the language current when shown.
    """

    table: int
    row: int
    item: Text
    count: int
    percent: str
    denominator: int
    recomputed: str
    consistent: bool
    reason: Phrase
    denominators: tuple[int, ...] = ()
    beyond: tuple[int, ...] = ()
    rate_of_rows: tuple[int, ...] = ()
    count_on_rows: tuple[int, ...] = ()
    rounding: Rounding = Rounding.HALF_UP
    only_under: tuple[Rounding, ...] = ()

    def to_dict(self, language: str = "en") -> dict[str, Any]:
        """JSON-ready values; `reason` in `language`."""
        return {
            "table": self.table,
            "row": self.row,
            "item": self.item.get(language),
            "count": self.count,
            "percent": self.percent,
            "denominator": self.denominator,
            "recomputed": self.recomputed,
            "consistent": self.consistent,
            "reason": self.reason.get(language),
            "denominators": list(self.denominators),
            "beyond": list(self.beyond),
            "rate_of_rows": list(self.rate_of_rows),
            "count_on_rows": list(self.count_on_rows),
            "rounding": self.rounding.value,
            "only_under": [rule.value for rule in self.only_under],
        }


def _explain(table: PublishedTable, row: PublishedRow, audit: dict[str, Any]) -> Phrase:
    """Why the row is consistent or not, sentence by sentence, in the language current when it
    is shown."""
    n, k, p = table.denominator, row.count, row.percent
    exact = f"{float(Fraction(100 * k, n)):.3f}"
    recomputed = audit["recomputed"]
    rule: str = ROUNDING_NAMES[audit["rounding"]]
    if audit["consistent"]:
        return Phrase(
            lambda: _(
                "{count}/{base} = {exact}%, which the table's {rule} prints as {printed}%."
            ).format(count=k, base=n, exact=exact, rule=_(rule), printed=p)
        )

    def alternatives() -> str:
        names = [_(ROUNDING_NAMES[r]) for r in audit["only_under"]]
        if len(names) == 1:
            return names[0]
        return _("{first} or {second}").format(first=names[0], second=names[1])

    def rows(numbers: tuple[int, ...]) -> str:
        return ", ".join(str(number) for number in numbers)

    def why() -> str:
        parts = [
            _(
                "{count}/{base} = {exact}% is {recomputed}% under the table's {rule}, not the "
                "{printed}% printed."
            ).format(count=k, base=n, exact=exact, recomputed=recomputed, rule=_(rule), printed=p)
        ]
        if audit["only_under"]:
            parts.append(
                _(
                    "It would be {printed}% under {rules}: this row is rounded unlike the rest "
                    "of its table."
                ).format(printed=p, rules=alternatives())
            )
        if audit["rate_of_rows"]:
            parts.append(
                _(
                    "The printed {printed}% is the rate of row {rows}'s count: the rates look shifted."
                ).format(printed=p, rows=rows(audit["rate_of_rows"]))
            )
        if audit["count_on_rows"]:
            parts.append(
                _("This row's own rate, {recomputed}%, is printed on row {rows}.").format(
                    recomputed=recomputed, rows=rows(audit["count_on_rows"])
                )
            )
        if audit["denominators"]:
            parts.append(
                _(
                    "Denominators that give {printed}%: {spans} (the table's base is {base})."
                ).format(printed=p, spans=_spans(list(audit["denominators"])), base=n)
            )
        elif audit["beyond"]:
            parts.append(
                _(
                    "No denominator up to the table's {base} gives {printed}%; {spans} would "
                    "(a misprint?)."
                ).format(base=n, printed=p, spans=_spans(list(audit["beyond"])))
            )
        else:
            parts.append(
                _("No denominator from {count} to {base} gives {printed}%.").format(
                    count=k, base=n, printed=p
                )
            )
        return sentences(parts)

    return Phrase(why)


def audit_table(table: PublishedTable) -> list[RowAudit]:
    """The verdict on every row of `table`, in printed order."""
    found = []
    n = table.denominator
    ceiling = int(n * BEYOND)
    rule = table_rounding(table)
    for row in table.rows:
        consistent = fits_rule(row.count, n, row, rule)
        audit: dict[str, Any] = {
            "consistent": consistent,
            "rounding": rule,
            "recomputed": _as_printed(rounded(row.count, n, row.decimals, rule), row.decimals),
            "denominators": (),
            "beyond": (),
            "rate_of_rows": (),
            "count_on_rows": (),
            "only_under": (),
        }
        if not consistent:
            audit["only_under"] = tuple(
                other
                for other in Rounding
                if other is not rule and fits_rule(row.count, n, row, other)
            )
            audit["denominators"] = tuple(
                d for d in range(max(row.count, 1), n + 1) if fits_rule(row.count, d, row, rule)
            )
            audit["beyond"] = tuple(
                d for d in range(n + 1, ceiling + 1) if fits_rule(row.count, d, row, rule)
            )
            audit["rate_of_rows"] = tuple(
                other.number
                for other in table.rows
                if other.number != row.number and fits_rule(other.count, n, row, rule)
            )
            audit["count_on_rows"] = tuple(
                other.number
                for other in table.rows
                if other.number != row.number and fits_rule(row.count, n, other, rule)
            )
        found.append(
            RowAudit(
                table=table.number,
                row=row.number,
                item=row.item,
                count=row.count,
                percent=row.percent,
                denominator=n,
                recomputed=audit["recomputed"],
                consistent=consistent,
                reason=_explain(table, row, audit),
                denominators=audit["denominators"],
                beyond=audit["beyond"],
                rate_of_rows=audit["rate_of_rows"],
                count_on_rows=audit["count_on_rows"],
                rounding=rule,
                only_under=audit["only_under"],
            )
        )
    return found


def audit(tables: PublishedTables, number: int | None = None) -> list[RowAudit]:
    """The verdict on every row of every table (or of table `number`; KeyError when absent)."""
    chosen = [tables.table(number)] if number is not None else list(tables.tables)
    return [verdict for table in chosen for verdict in audit_table(table)]
