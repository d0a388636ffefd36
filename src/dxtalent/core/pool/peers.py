"""Peers by size and kind: an organisation's own figures beside the totals of the governments
of its kind and population band that chose to share, with small groups suppressed.

The group: the other organisations of the same kind (designated city, city, special ward,
town, village, prefecture) in the same band (core.organisations.population: a prefecture's
and a designated city's band is their kind; the others' a population range of the 2020
census). Only group totals and means are shown, never a peer's own figures; the group total
follows core.pool.aggregate: fewer than `threshold` organisations or people, or a group that
differs from one shown in the last year by fewer than `threshold`, and it is suppressed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from dxtalent.core.organisations.codes import OrganisationKind
from dxtalent.core.organisations.population import PopulationBand, population_band
from dxtalent.core.pool.aggregate import (
    DEFAULT_THRESHOLD,
    Contribution,
    Suppressed,
    aggregate,
)


@dataclass(frozen=True)
class Peer:
    """An organisation as the comparison needs it: code, kind, census population (None: not
    known), the people its figures come from (its DX staff) and the figures."""

    code: str
    kind: OrganisationKind
    population: int | None
    people: int
    figures: Mapping[str, float]


@dataclass(frozen=True)
class PeerComparison:
    """The organisation's group and how it compares.

    band: None when the organisation has no band (not a local government, population not
    known): then there is no group. peers: organisations in the group (itself not counted).
    total / mean: the group's sums and means per organisation, None when suppressed (with
    `suppressed` saying why). own: the organisation's own figures, `people` included.
    """

    kind: OrganisationKind
    band: PopulationBand | None
    peers: int
    threshold: int
    own: Mapping[str, float]
    total: Mapping[str, float] | None
    mean: Mapping[str, float] | None
    suppressed: Suppressed | None
    members: Mapping[str, int]  # who the group is built from: code → people

    @property
    def view(self) -> str:
        """The key of this group's view, for the views shown before."""
        return f"peers:{self.kind.value}:{self.band.code if self.band else '-'}"


def view_key(kind: OrganisationKind | str, band: PopulationBand | None) -> str:
    """The key of the view of the group of `kind` in `band`."""
    return f"peers:{OrganisationKind(kind).value}:{band.code if band else '-'}"


def in_group(own: Peer, other: Peer) -> bool:
    """Whether `other` is one of `own`'s peers: another organisation of its kind and band."""
    band = population_band(own.kind, own.population)
    return (
        band is not None
        and other.code != own.code
        and other.kind is own.kind
        and population_band(other.kind, other.population) == band
    )


def compare_with_peers(
    own: Peer,
    candidates: Sequence[Peer],
    threshold: int = DEFAULT_THRESHOLD,
    published: Sequence[Mapping[str, int]] = (),
) -> PeerComparison:
    """`own` beside its group among `candidates` (those that chose to share). Every figure
    of the group is a total over its members (the DX staff as "people"), shown only as a
    total and a mean per organisation, suppressed as the module notes say."""
    band = population_band(own.kind, own.population)
    group = [c for c in candidates if in_group(own, c)] if band is not None else []
    contributions = [
        Contribution(p.code, p.people, {**p.figures, "people": float(p.people)}) for p in group
    ]
    result = aggregate(contributions, threshold, published)
    total = dict(result.total) if result.total is not None and group else None
    suppressed = result.total_suppressed if group else Suppressed.FEW_MUNICIPALITIES
    return PeerComparison(
        kind=own.kind,
        band=band,
        peers=len(group),
        threshold=threshold,
        own={**own.figures, "people": float(own.people)},
        total=total,
        mean={k: v / len(group) for k, v in total.items()} if total is not None else None,
        suppressed=None if total is not None else suppressed,
        members={p.code: p.people for p in group},
    )
