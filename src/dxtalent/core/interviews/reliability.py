"""Krippendorff's alpha for any number of coders, categories and missing values, and Fleiss'
kappa where it applies.

The data are a reliability data matrix: one row per unit (a segment, a paragraph, a character,
or any unit the researcher defines), one value per coder, None where a coder gave no value.
Alpha follows Krippendorff (2011) "Computing Krippendorff's Alpha-Reliability" (University of
Pennsylvania, Departmental Papers ASC 43): from the coincidence matrix of the pairable values
(units with at least two values),

    α = 1 − D_o / D_e,  D_o = Σ_ck o_ck δ²_ck / n,  D_e = Σ_ck n_c n_k δ²_ck / (n (n − 1)),

with the difference function δ² of the metric (nominal, ordinal, interval, ratio). Units with
fewer than two values are not pairable and are left out, as the method prescribes.

The confidence interval is a percentile bootstrap over units (units drawn with replacement,
alpha recomputed, the percentiles of the draws; a fixed seed makes it reproducible). Krippendorff's own bootstrap resamples
pairs of values instead; over units is the usual choice when units are the sampling design,
and the report says which was used.

Fleiss' kappa (Fleiss 1971) is defined for nominal values with the same number of coders on
every unit and no missing value; it is reported only then, and named as what it is.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

import numpy

Value = Hashable


class ReliabilityError(ValueError):
    """Reliability data that cannot give a coefficient; the message says what is missing."""


class Metric(enum.StrEnum):
    """The level of measurement of the values, which sets how far apart two values are."""

    NOMINAL = "nominal"
    ORDINAL = "ordinal"
    INTERVAL = "interval"
    RATIO = "ratio"


@dataclass(frozen=True)
class Alpha:
    """Krippendorff's alpha and what it rests on.

    alpha: None when the pairable values show no variation (D_e = 0: every value the same).
    units: pairable units (two or more values); pairable_values: n, the values in them.
    interval: (low, high) of the bootstrap percentile interval at `level`, None if not asked
    or when alpha is None.
    """

    alpha: float | None
    metric: Metric
    units: int
    pairable_values: int
    observed_disagreement: float
    expected_disagreement: float
    interval: tuple[float, float] | None = None
    level: float = 0.95
    resamples: int = 0


def _numbers(values: Sequence[Value], metric: Metric) -> None:
    if metric in (Metric.INTERVAL, Metric.RATIO):
        for value in values:
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ReliabilityError(f"{metric.value} data must be numbers; found {value!r}")
            if metric is Metric.RATIO and value < 0:
                raise ReliabilityError(f"ratio data must be 0 or more; found {value!r}")


def _coincidences(
    patterns: Mapping[tuple[Value | None, ...], int],
) -> tuple[dict[tuple[Value, Value], float], int]:
    """The coincidence matrix o_ck and the number of pairable units, from each distinct unit
    (its values by coder) and how many units look like it."""
    matrix: dict[tuple[Value, Value], float] = {}
    pairable = 0
    for unit, weight in patterns.items():
        present = [v for v in unit if v is not None]
        m = len(present)
        if m < 2 or weight == 0:
            continue
        pairable += weight
        counts = Counter(present)
        for c, n_c in counts.items():
            for k, n_k in counts.items():
                pairs = n_c * (n_k - 1) if c == k else n_c * n_k
                if pairs:
                    matrix[(c, k)] = matrix.get((c, k), 0.0) + weight * pairs / (m - 1)
    return matrix, pairable


def _difference(metric: Metric, marginals: dict[Value, float]) -> dict[tuple[Value, Value], float]:
    """δ²_ck for every pair of values present."""
    values = list(marginals)
    if metric is Metric.NOMINAL:
        return {(c, k): 0.0 if c == k else 1.0 for c in values for k in values}
    if metric is Metric.INTERVAL:
        return {(c, k): float(c - k) ** 2 for c in values for k in values}  # type: ignore[operator]
    if metric is Metric.RATIO:
        return {
            (c, k): 0.0 if c == k else ((c - k) / (c + k)) ** 2  # type: ignore[operator]
            for c in values
            for k in values
        }
    # Ordinal: the ranks are the values' order; the distance counts the values between them.
    ordered = sorted(values)  # type: ignore[type-var]
    position = {v: i for i, v in enumerate(ordered)}
    cumulative = [0.0]
    for v in ordered:
        cumulative.append(cumulative[-1] + marginals[v])
    table = {}
    for c in values:
        for k in values:
            low, high = sorted((position[c], position[k]))
            between = cumulative[high + 1] - cumulative[low]
            table[(c, k)] = (between - (marginals[c] + marginals[k]) / 2) ** 2
    return table


def _alpha(
    patterns: Mapping[tuple[Value | None, ...], int], metric: Metric
) -> tuple[float | None, int, int, float, float]:
    matrix, pairable = _coincidences(patterns)
    marginals: dict[Value, float] = {}
    for (c, _k), count in matrix.items():
        marginals[c] = marginals.get(c, 0.0) + count
    n = sum(marginals.values())
    if n < 2:
        raise ReliabilityError(
            "no unit has values from two coders; alpha needs at least one pairable unit"
        )
    delta = _difference(metric, marginals)
    observed = sum(count * delta[pair] for pair, count in matrix.items()) / n
    expected = sum(
        marginals[c] * marginals[k] * delta[(c, k)] for c in marginals for k in marginals
    ) / (n * (n - 1))
    value = None if expected == 0 else 1 - observed / expected
    return value, pairable, round(n), observed, expected


def krippendorff_alpha(
    units: Sequence[Sequence[Value | None]] | Mapping[tuple[Value | None, ...], int],
    metric: Metric | str = Metric.NOMINAL,
    *,
    resamples: int = 0,
    level: float = 0.95,
    seed: int = 0,
) -> Alpha:
    """Krippendorff's alpha of a reliability data matrix (one row per unit, one value per
    coder, None where missing; or each distinct unit with how many units look like it). `resamples` > 0 adds a percentile bootstrap interval over
    units at `level` (0–1), reproducible with `seed`.

    Raises ReliabilityError when no unit is pairable, or when interval or ratio data are not
    numbers (ratio: not negative).
    """
    metric = Metric(metric)
    patterns = Counter(units) if isinstance(units, Mapping) else Counter(tuple(u) for u in units)
    _numbers([v for unit in patterns for v in unit if v is not None], metric)
    if not 0 < level < 1:
        raise ReliabilityError(f"the interval's level must lie between 0 and 1; found {level}")
    value, pairable, n, observed, expected = _alpha(patterns, metric)
    interval = None
    if resamples > 0 and value is not None:
        # Drawing len(units) units with replacement is a multinomial draw over the distinct
        # units, which keeps the bootstrap fast on characters (few distinct patterns).
        usable = [(u, w) for u, w in patterns.items() if sum(v is not None for v in u) >= 2]
        weights = numpy.array([w for _u, w in usable], dtype=float)
        rng = numpy.random.default_rng(seed)
        draws = []
        for counts in rng.multinomial(int(weights.sum()), weights / weights.sum(), resamples):
            sample = {u: int(c) for (u, _w), c in zip(usable, counts, strict=True) if c}
            try:
                drawn = _alpha(sample, metric)[0]
            except ReliabilityError:
                continue
            if drawn is not None:
                draws.append(drawn)
        if draws:
            tail = (1 - level) / 2
            low, high = numpy.quantile(draws, [tail, 1 - tail])
            interval = (float(low), float(high))
    return Alpha(value, metric, pairable, n, observed, expected, interval, level, resamples)


def fleiss_kappa(units: Sequence[Sequence[Value | None]]) -> float | None:
    """Fleiss' kappa (nominal values) when every unit has the same number of coders' values,
    at least two, and none is missing; None when it does not apply (missing values, unequal
    numbers of values) or when there is no variation (chance agreement 1)."""
    if not units:
        return None
    raters = len(units[0])
    if raters < 2 or any(len(u) != raters or any(v is None for v in u) for u in units):
        return None
    totals: Counter[Value] = Counter()
    observed = 0.0
    for unit in units:
        counts = Counter(unit)
        totals.update(counts)
        observed += sum(c * (c - 1) for c in counts.values()) / (raters * (raters - 1))
    observed /= len(units)
    all_values = len(units) * raters
    chance = sum((c / all_values) ** 2 for c in totals.values())
    if chance == 1:
        return None
    return (observed - chance) / (1 - chance)
