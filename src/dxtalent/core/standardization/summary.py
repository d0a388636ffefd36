"""The national picture: how many local governments and systems are 特定移行支援システム, by
business area, by kind and by population band."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from dxtalent.core.frameworks.model import Text
from dxtalent.core.i18n import Phrase, pgettext
from dxtalent.core.organisations.codes import OrganisationKind
from dxtalent.core.organisations.population import POPULATION_BANDS, population_band
from dxtalent.core.standardization.catalogue import BUSINESSES
from dxtalent.core.standardization.national import MigrationSupportEdition

# The summary's names of its groups ("national summary" in the catalogue: a kind's name here
# is not the population band's, 政令指定都市).
KIND_NAMES = {
    OrganisationKind.PREFECTURE: Phrase(lambda: pgettext("national summary", "prefectures")),
    OrganisationKind.DESIGNATED_CITY: Phrase(
        lambda: pgettext("national summary", "designated cities")
    ),
    OrganisationKind.CITY: Phrase(lambda: pgettext("national summary", "cities")),
    OrganisationKind.SPECIAL_WARD: Phrase(lambda: pgettext("national summary", "special wards")),
    OrganisationKind.TOWN: Phrase(lambda: pgettext("national summary", "towns")),
    OrganisationKind.VILLAGE: Phrase(lambda: pgettext("national summary", "villages")),
}


@dataclass(frozen=True)
class Government:
    """A local government as the summary needs it: code, kind, census population (None:
    unknown)."""

    code: str
    kind: OrganisationKind
    population: int | None


@dataclass(frozen=True)
class GroupRow:
    """One group (a kind, a population band, or a business area).

    code / name: the group (a business area's name is bilingual data; a kind's or a band's is
    translated when shown); governments: local governments in the group (for a business area:
    all governments); listed: those with at least one 特定移行支援システム (for a business
    area: those with one in that area); systems: business areas marked in the group.
    """

    code: str
    name: Text | Phrase
    governments: int
    listed: int
    systems: int

    @property
    def share(self) -> float | None:
        """listed / governments, 0–1; None for an empty group."""
        return self.listed / self.governments if self.governments else None


@dataclass(frozen=True)
class NationalSummary:
    """The list's edition summed up over every local government."""

    total: GroupRow
    by_business: tuple[GroupRow, ...]
    by_kind: tuple[GroupRow, ...]
    by_band: tuple[GroupRow, ...]


def summarise(
    governments: Iterable[Government], edition: MigrationSupportEdition
) -> NationalSummary:
    """Count the governments and systems on the list by business area, kind and population
    band. A listing whose code is not among `governments` is still counted in the total and
    the business areas (it has no kind or band)."""
    governments = [g for g in governments if g.kind.is_local_government]
    listings = edition.listings
    kinds: dict[OrganisationKind, list[int]] = {k: [0, 0, 0] for k in KIND_NAMES}
    bands: dict[str, list[int]] = {b.code: [0, 0, 0] for b in POPULATION_BANDS}
    for government in governments:
        marks = len(listings[government.code].businesses) if government.code in listings else 0
        band = population_band(government.kind, government.population)
        groups = [kinds[government.kind]] + ([bands[band.code]] if band else [])
        for counts in groups:
            counts[0] += 1
            counts[1] += 1 if marks else 0
            counts[2] += marks
    per_business = {b.code: 0 for b in BUSINESSES}
    for listing in listings.values():
        for code in listing.businesses:
            per_business[code] += 1
    total = GroupRow(
        "total",
        Phrase(lambda: pgettext("national summary", "all")),
        len(governments),
        len(listings),
        edition.marks(),
    )
    return NationalSummary(
        total=total,
        by_business=tuple(
            GroupRow(b.code, b.name, len(governments), per_business[b.code], per_business[b.code])
            for b in BUSINESSES
        ),
        by_kind=tuple(GroupRow(k.value, KIND_NAMES[k], *kinds[k]) for k in KIND_NAMES),
        by_band=tuple(
            GroupRow(b.code, Phrase.of(b.name), *bands[b.code]) for b in POPULATION_BANDS
        ),
    )
