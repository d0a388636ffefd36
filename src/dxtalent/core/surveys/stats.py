"""Statistics for survey tables of organisations: intervals for one proportion, the difference
of two, a test comparing two groups, and corrections for testing many options at once.

Choices (methods notes §4): the Wilson score interval for one proportion (the Wald interval
collapses at 0 % and 100 %, common with small samples of organisations); Newcombe's hybrid
score interval (his method 10) for a difference of proportions; Pearson's chi-square without
continuity correction for a 2 × 2 table unless an expected count is below 5, then Fisher's
exact test, the test used being named in the result; Holm or Benjamini–Hochberg across a
question's options, the method named. The tests check every figure against statsmodels and
scipy.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from scipy import stats as scipy_stats  # type: ignore[import-untyped]  # no type stubs installed for SciPy

CONFIDENCE = 0.95
# A 2 × 2 table with an expected count below this is tested with Fisher's exact test.
MIN_EXPECTED = 5.0
CORRECTIONS = ("holm", "fdr_bh")


class StatisticsError(ValueError):
    """Counts that no interval or test accepts (e.g. more successes than trials); the message
    names the value."""


def _check(count: int, total: int, name: str = "count") -> None:
    if isinstance(count, bool) or isinstance(total, bool):
        raise StatisticsError(f"{name}: {count!r} of {total!r}; whole numbers")
    if not isinstance(count, int) or not isinstance(total, int):
        raise StatisticsError(f"{name}: {count!r} of {total!r}; whole numbers")
    if total < 0 or count < 0 or count > total:
        raise StatisticsError(f"{name}: {count} of {total}; 0 ≤ {name} ≤ total")


def _z(confidence: float) -> float:
    if not 0 < confidence < 1:
        raise StatisticsError(f"confidence: {confidence!r}; between 0 and 1, e.g. 0.95")
    return float(scipy_stats.norm.ppf(1 - (1 - confidence) / 2))


@dataclass(frozen=True)
class Interval:
    """A proportion (or a difference) and its confidence interval, as shares from 0 to 1."""

    estimate: float
    low: float
    high: float
    confidence: float = CONFIDENCE


def wilson(count: int, total: int, confidence: float = CONFIDENCE) -> Interval | None:
    """The Wilson score interval for count / total; None when total is 0."""
    _check(count, total)
    if total == 0:
        return None
    z = _z(confidence)
    share = count / total
    denominator = 1 + z * z / total
    centre = (share + z * z / (2 * total)) / denominator
    half = z * math.sqrt(share * (1 - share) / total + z * z / (4 * total * total)) / denominator
    return Interval(share, max(0.0, centre - half), min(1.0, centre + half), confidence)


def newcombe(
    count1: int, total1: int, count2: int, total2: int, confidence: float = CONFIDENCE
) -> Interval | None:
    """Newcombe's hybrid score interval for p1 − p2 (Wilson limits of each proportion
    combined); None when a group has no one."""
    first, second = wilson(count1, total1, confidence), wilson(count2, total2, confidence)
    if first is None or second is None:
        return None
    p1, p2 = first.estimate, second.estimate
    difference = p1 - p2
    low = difference - math.sqrt((p1 - first.low) ** 2 + (second.high - p2) ** 2)
    high = difference + math.sqrt((first.high - p1) ** 2 + (p2 - second.low) ** 2)
    return Interval(difference, low, high, confidence)


@dataclass(frozen=True)
class Comparison:
    """Two groups' shares compared: the difference with its Newcombe interval, the test used
    ("chi-square": Pearson, no continuity correction; "fisher": two-sided exact), its
    statistic (chi-square; the odds ratio for Fisher) and p-value; p_adjusted is set by
    `adjust` when many options are compared."""

    count1: int
    total1: int
    count2: int
    total2: int
    difference: Interval | None
    test: str
    statistic: float
    p_value: float
    p_adjusted: float | None = None


def compare(
    count1: int, total1: int, count2: int, total2: int, confidence: float = CONFIDENCE
) -> Comparison:
    """Compare count1 / total1 with count2 / total2 (see Comparison)."""
    _check(count1, total1, "count1")
    _check(count2, total2, "count2")
    table = [[count1, total1 - count1], [count2, total2 - count2]]
    rows = [sum(row) for row in table]
    columns = [table[0][j] + table[1][j] for j in range(2)]
    grand = sum(rows)
    difference = newcombe(count1, total1, count2, total2, confidence)
    if grand == 0 or 0 in rows or 0 in columns:
        # No variation to test: nothing in one group, or everyone (or no one) answered yes.
        return Comparison(count1, total1, count2, total2, difference, "none", math.nan, 1.0)
    expected = min(rows[i] * columns[j] / grand for i in range(2) for j in range(2))
    if expected < MIN_EXPECTED:
        odds, p = scipy_stats.fisher_exact(table, alternative="two-sided")
        return Comparison(
            count1, total1, count2, total2, difference, "fisher", float(odds), float(p)
        )
    result = scipy_stats.chi2_contingency(table, correction=False)
    return Comparison(
        count1,
        total1,
        count2,
        total2,
        difference,
        "chi-square",
        float(result.statistic),
        float(result.pvalue),
    )


def adjust(p_values: Sequence[float], method: str = "holm") -> list[float]:
    """p-values adjusted for testing them together: "holm" (Holm's step-down, controls the
    family-wise error) or "fdr_bh" (Benjamini–Hochberg, controls the false discovery rate);
    in the given order, each at most 1."""
    if method not in CORRECTIONS:
        raise StatisticsError(f'method "{method}": accepted {", ".join(CORRECTIONS)}')
    m = len(p_values)
    for p in p_values:
        if not 0 <= p <= 1:
            raise StatisticsError(f"p-value {p!r}; between 0 and 1")
    order = sorted(range(m), key=lambda i: p_values[i])
    adjusted = [0.0] * m
    if method == "holm":
        running = 0.0
        for rank, i in enumerate(order):
            running = max(running, min(1.0, (m - rank) * p_values[i]))
            adjusted[i] = running
    else:
        running = 1.0
        for rank in range(m - 1, -1, -1):
            i = order[rank]
            running = min(running, m * p_values[i] / (rank + 1))
            adjusted[i] = min(1.0, running)
    return adjusted


def compare_options(
    counts1: Sequence[int],
    total1: int,
    counts2: Sequence[int],
    total2: int,
    method: str = "holm",
    confidence: float = CONFIDENCE,
) -> list[Comparison]:
    """Each option of a question compared between two groups, the p-values adjusted together
    with `method`."""
    if len(counts1) != len(counts2):
        raise StatisticsError(
            f"options: {len(counts1)} counts for one group, {len(counts2)} for the other"
        )
    found = [
        compare(a, total1, b, total2, confidence) for a, b in zip(counts1, counts2, strict=True)
    ]
    adjusted = adjust([c.p_value for c in found], method)
    return [
        Comparison(**{**c.__dict__, "p_adjusted": p}) for c, p in zip(found, adjusted, strict=True)
    ]
