"""Loading the national list into the database, reading it back as core values, and the
organisation's register (load, convert, call core, save)."""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

from django.db import transaction

from dxtalent.core.organisations.codes import OrganisationKind
from dxtalent.core.organisations.population import shipped_population
from dxtalent.core.standardization.national import (
    MIGRATION_SUPPORT_PATH,
    MigrationSupportEdition,
    MigrationSupportListing,
    parse_migration_support,
    shipped_migration_support,
)
from dxtalent.core.standardization.summary import Government, NationalSummary, summarise
from dxtalent.web.organisations.models import Organisation
from dxtalent.web.standardization.models import NationalEdition, NationalListing


@transaction.atomic
def load_edition(
    edition: MigrationSupportEdition, file_name: str, *, shipped: bool = False
) -> NationalEdition:
    """Store an edition of the list and make it the current one, in one transaction: the
    pages switch from the old edition to the new one at once, never to half of it. The old
    editions stay as a record."""
    NationalEdition.objects.filter(current=True).update(current=False)
    stored = NationalEdition.objects.create(
        as_of=edition.as_of,
        sha256=edition.sha256,
        file_name=file_name[:200],
        shipped=shipped,
        governments=len(edition.listings),
        systems=edition.marks(),
        current=True,
    )
    NationalListing.objects.bulk_create(
        [
            NationalListing(
                edition=stored,
                code=listing.code,
                name=listing.name,
                category=listing.category,
                businesses=list(listing.businesses),
            )
            for listing in edition.listings.values()
        ],
        batch_size=500,
    )
    return stored


def load_file(data: bytes, file_name: str) -> NationalEdition:
    """Check a newer edition's file whole (every row against the local governments, the
    business areas and the categories; core.standardization.national.parse_migration_support)
    and load it as the current edition. Raises StandardizationDataError; nothing is written
    then."""
    edition = parse_migration_support(data, known_codes=set(shipped_population()))
    return load_edition(edition, file_name)


def load_shipped() -> NationalEdition | None:
    """Load the shipped list unless an edition is current already, or replace the current one
    when it is an older shipped file (after an upgrade of dxtalent); None when nothing was
    loaded."""
    shipped = shipped_migration_support()
    current = NationalEdition.objects.filter(current=True).first()
    if current is not None and not (current.shipped and current.sha256 != shipped.sha256):
        return None
    return load_edition(shipped, MIGRATION_SUPPORT_PATH[-1], shipped=True)


def load_shipped_after_migrate(**kwargs: Any) -> None:
    load_shipped()


def current_edition() -> tuple[NationalEdition, MigrationSupportEdition] | None:
    """The current edition as stored and as core's value; None before any is loaded."""
    stored = NationalEdition.objects.filter(current=True).first()
    if stored is None:
        return None
    listings = {
        row.code: MigrationSupportListing(
            row.code, row.name, "", row.category, tuple(row.businesses)
        )
        for row in NationalListing.objects.filter(edition=stored).only(
            "code", "name", "category", "businesses"
        )
    }
    return stored, MigrationSupportEdition(stored.as_of, stored.sha256, MappingProxyType(listings))


def national_summary() -> tuple[NationalEdition, NationalSummary] | None:
    """The current edition summed up over every local government (their kinds and census
    populations from the list of local governments); None before any edition is loaded."""
    found = current_edition()
    if found is None:
        return None
    stored, edition = found
    governments = [
        Government(code, OrganisationKind(kind), population)
        for code, kind, population in Organisation.objects.local_governments()
        .filter(is_synthetic=False)
        .values_list("code", "kind", "population")
    ]
    return stored, summarise(governments, edition)
