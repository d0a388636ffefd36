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

Differencing between views: two overall figures a reader holds (this month's and last
month's, or two overlapping groups) differ by the figures of the municipalities in one and
not the other. When that difference comes from fewer than `threshold` municipalities or
fewer than `threshold` people (a town that began sharing this month, with its one DX staff
member), the overall figure is suppressed: `published` names the views already shown (who
contributed, with their people), and the overall figure is shown only when it differs from
each by nothing or by at least `threshold` municipalities and people.
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
    FEW_MUNICIPALITIES = "few_municipalities"  # the total: fewer municipalities or people
    VIEWS_DIFFER = "views_differ"  # the total: another view differs by too few


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
    total_suppressed: Suppressed | None = None
    # The municipalities by which a published view differs too little (VIEWS_DIFFER).
    differs_by: tuple[str, ...] = ()


def small_difference(
    members: Mapping[str, int], other: Mapping[str, int], threshold: int
) -> tuple[str, ...]:
    """The municipalities in one view and not the other (municipality → people) when they
    are some but fewer than `threshold`, or have fewer than `threshold` people: the overall
    figures of the two would then tell their figures. Empty when the difference is safe."""
    differ = sorted(set(members) ^ set(other))
    if not differ:
        return ()
    people = sum(members.get(m, other.get(m, 0)) for m in differ)
    if len(differ) < threshold or people < threshold:
        return tuple(differ)
    return ()


def aggregate(
    contributions: Sequence[Contribution],
    threshold: int = DEFAULT_THRESHOLD,
    published: Sequence[Mapping[str, int]] = (),
) -> Aggregate:
    """The figures of `contributions` with small cells suppressed (see the module notes).

    threshold: people or municipalities, ≥ 1 (1: nothing suppressed). The overall figures
    are the sums over every contribution, suppressed ones included; they are shown only
    when at least `threshold` municipalities and `threshold` people contribute, and when
    they differ from no view in `published` (municipality → people of each view whose
    overall figures were shown) by fewer than `threshold` municipalities or people.
    """
    if threshold < 1:
        raise ValueError(f"threshold {threshold}: at least 1")
    keys = sorted({key for c in contributions for key in c.figures})
    reasons: dict[str, Suppressed] = {
        c.municipality: Suppressed.FEW_PEOPLE for c in contributions if c.people < threshold
    }
    people = sum(c.people for c in contributions)
    total_shown = len(contributions) >= threshold and people >= threshold
    total_reason = None if total_shown else Suppressed.FEW_MUNICIPALITIES
    members = {c.municipality: c.people for c in contributions}
    differs_by: tuple[str, ...] = ()
    if total_shown:
        for view in published:
            differs_by = small_difference(members, view, threshold)
            if differs_by:
                total_shown, total_reason = False, Suppressed.VIEWS_DIFFER
                break
    if total_shown and len(reasons) == 1:
        others = sorted(
            (c for c in contributions if c.municipality not in reasons),
            key=lambda c: (c.people, c.municipality),
        )
        if others:
            reasons[others[0].municipality] = Suppressed.DIFFERENCING
        else:
            total_shown, total_reason = False, Suppressed.DIFFERENCING
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
    return Aggregate(
        rows,
        total,
        threshold,
        len(contributions),
        people,
        None if total_shown else total_reason,
        differs_by,
    )
