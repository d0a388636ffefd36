"""Figures of several municipalities put together for their prefecture, with small cells
suppressed.

A prefecture reads aggregates of the municipalities that share with it, never a named person.
A figure built from fewer than `threshold` people (a municipality's DX team) or, for the
overall figure, from fewer than `threshold` municipalities or people, would let a reader
recognise someone: a town whose one DX staff member is leaving shows "1 departure". Such a
figure is suppressed (primary suppression).

Differencing: the overall figure minus the figures shown recovers a single suppressed
municipality's figure. So when exactly one municipality is suppressed and the overall
figure is shown, the smallest other municipality is suppressed too (secondary suppression);
when no second one is left, the overall figure is suppressed instead.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

DEFAULT_THRESHOLD = 3


class Suppressed(enum.StrEnum):
    """Why a municipality's figures are not shown."""

    FEW_PEOPLE = "few_people"  # built from fewer people than the threshold
    DIFFERENCING = "differencing"  # would be recovered from the total and the others


@dataclass(frozen=True)
class Contribution:
    """One municipality's figures (figure key → value) and how many people they come from."""

    municipality: str
    people: int
    figures: Mapping[str, float]


@dataclass(frozen=True)
class AggregateRow:
    """A municipality's figures as shown: None where suppressed, with the reason."""

    municipality: str
    figures: Mapping[str, float] | None
    suppressed: Suppressed | None


@dataclass(frozen=True)
class Aggregate:
    """The rows, the overall figures (None when suppressed) and the threshold applied."""

    rows: tuple[AggregateRow, ...]
    total: Mapping[str, float] | None
    threshold: int
    municipalities: int
    people: int


def aggregate(
    contributions: Sequence[Contribution], threshold: int = DEFAULT_THRESHOLD
) -> Aggregate:
    """The figures of `contributions` with small cells suppressed (see the module notes).

    threshold: people or municipalities, ≥ 1 (1: nothing suppressed). The overall figures
    are the sums over every contribution, suppressed ones included; they are shown only
    when at least `threshold` municipalities and `threshold` people contribute.
    """
    if threshold < 1:
        raise ValueError(f"threshold {threshold}: at least 1")
    keys = sorted({key for c in contributions for key in c.figures})
    reasons: dict[str, Suppressed] = {
        c.municipality: Suppressed.FEW_PEOPLE for c in contributions if c.people < threshold
    }
    people = sum(c.people for c in contributions)
    total_shown = len(contributions) >= threshold and people >= threshold
    if total_shown and len(reasons) == 1:
        others = sorted(
            (c for c in contributions if c.municipality not in reasons),
            key=lambda c: (c.people, c.municipality),
        )
        if others:
            reasons[others[0].municipality] = Suppressed.DIFFERENCING
        else:
            total_shown = False
    total = (
        {key: sum(c.figures.get(key, 0.0) for c in contributions) for key in keys}
        if total_shown
        else None
    )
    rows = tuple(
        AggregateRow(
            c.municipality,
            None if c.municipality in reasons else {k: c.figures.get(k, 0.0) for k in keys},
            reasons.get(c.municipality),
        )
        for c in contributions
    )
    return Aggregate(rows, total, threshold, len(contributions), people)
