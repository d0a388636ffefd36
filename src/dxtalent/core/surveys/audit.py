"""The consistency audit of published tables (a GRIM-style check, methods notes §4.6): does
each printed rate follow from its printed count and the table's stated denominator, under the
table's rounding? If not, which denominators would explain it, and does the rate belong to
another row's count (rows shifted)?

Rounding: a rate printed with d decimals is consistent with count / denominator when the
exact percentage lies within half a unit of the last printed digit, ends included, so that
both rounding half up and half to even (and either direction at an exact half) pass. The
arithmetic is exact (fractions), never floating point.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from dxtalent.core.frameworks import Text
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
    the rates look shifted between rows). reason: why, in Japanese and English.
    """

    table: int
    row: int
    item: Text
    count: int
    percent: str
    denominator: int
    recomputed: str
    consistent: bool
    reason: Text
    denominators: tuple[int, ...] = ()
    beyond: tuple[int, ...] = ()
    rate_of_rows: tuple[int, ...] = ()
    count_on_rows: tuple[int, ...] = ()

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
        }


def _explain(table: PublishedTable, row: PublishedRow, audit: dict[str, Any]) -> Text:
    n, k, p = table.denominator, row.count, row.percent
    exact = float(Fraction(100 * k, n))
    if audit["consistent"]:
        return Text(
            f"{k}/{n} = {exact:.3f}% で、表示の {p}% に丸められる。",
            f"{k}/{n} = {exact:.3f}%, which rounds to the {p}% printed.",
        )
    ja = [f"{k}/{n} = {exact:.3f}% は {audit['recomputed']}% に丸められ、表示の {p}% と合わない。"]
    en = [f"{k}/{n} = {exact:.3f}% rounds to {audit['recomputed']}%, not the {p}% printed."]
    if audit["rate_of_rows"]:
        rows = ", ".join(str(r) for r in audit["rate_of_rows"])
        ja.append(f"表示の {p}% は {rows} 行目の回答数から計算した値と一致する（行のずれ）。")
        en.append(f"The printed {p}% is the rate of row {rows}'s count: the rates look shifted.")
    if audit["count_on_rows"]:
        rows = ", ".join(str(r) for r in audit["count_on_rows"])
        ja.append(f"この行の回答数の割合 {audit['recomputed']}% は {rows} 行目に表示されている。")
        en.append(f"This row's own rate, {audit['recomputed']}%, is printed on row {rows}.")
    if audit["denominators"]:
        spans = _spans(list(audit["denominators"]))
        ja.append(f"{p}% になる母数は {spans}（表の母数 {n} 以下）。")
        en.append(f"Denominators that give {p}%: {spans} (the table's base is {n}).")
    elif audit["beyond"]:
        spans = _spans(list(audit["beyond"]))
        ja.append(
            f"母数 {n} 以下で {p}% になるものはなく、{spans} なら {p}% になる（誤植の可能性）。"
        )
        en.append(f"No denominator up to the table's {n} gives {p}%; {spans} would (a misprint?).")
    else:
        ja.append(f"{k} から {n} までのどの母数でも {p}% にならない。")
        en.append(f"No denominator from {k} to {n} gives {p}%.")
    return Text("".join(ja), " ".join(en))


def audit_table(table: PublishedTable) -> list[RowAudit]:
    """The verdict on every row of `table`, in printed order."""
    found = []
    n = table.denominator
    ceiling = int(n * BEYOND)
    for row in table.rows:
        consistent = fits(row.count, n, row)
        audit: dict[str, Any] = {
            "consistent": consistent,
            "recomputed": recomputed(row.count, n, row.decimals),
            "denominators": (),
            "beyond": (),
            "rate_of_rows": (),
            "count_on_rows": (),
        }
        if not consistent:
            audit["denominators"] = tuple(
                d for d in range(max(row.count, 1), n + 1) if fits(row.count, d, row)
            )
            audit["beyond"] = tuple(d for d in range(n + 1, ceiling + 1) if fits(row.count, d, row))
            audit["rate_of_rows"] = tuple(
                other.number
                for other in table.rows
                if other.number != row.number and fits(other.count, n, row)
            )
            audit["count_on_rows"] = tuple(
                other.number
                for other in table.rows
                if other.number != row.number and fits(row.count, n, other)
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
            )
        )
    return found


def audit(tables: PublishedTables, number: int | None = None) -> list[RowAudit]:
    """The verdict on every row of every table (or of table `number`; KeyError when absent)."""
    chosen = [tables.table(number)] if number is not None else list(tables.tables)
    return [verdict for table in chosen for verdict in audit_table(table)]
