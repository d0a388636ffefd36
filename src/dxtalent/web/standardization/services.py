"""Loading the national list into the database, reading it back as core values, and the
organisation's register (load, convert, call core, save)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from dxtalent.core.diagnostics.settings import YearWorkload
from dxtalent.core.organisations.codes import OrganisationKind
from dxtalent.core.organisations.population import shipped_population
from dxtalent.core.records import RecordRuleError
from dxtalent.core.standardization.catalogue import BUSINESSES, business, deadline_for, reason
from dxtalent.core.standardization.indicators import (
    Indicator,
    RegisteredContract,
    RegisteredSystem,
    lock_in_indicators,
    workload_by_year,
)
from dxtalent.core.standardization.national import (
    MIGRATION_SUPPORT_PATH,
    MigrationSupportEdition,
    MigrationSupportListing,
    parse_migration_support,
    shipped_migration_support,
)
from dxtalent.core.standardization.register import (
    PROCUREMENT_NAMES,
    Procurement,
    check_contract,
    check_system,
    phase,
)
from dxtalent.core.standardization.summary import Government, NationalSummary, summarise
from dxtalent.web.organisations.models import Organisation
from dxtalent.web.standardization.models import (
    Contract,
    NationalEdition,
    NationalListing,
    System,
)


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


# --- the organisation's register ---------------------------------------------------------


def national_listing(organisation: Organisation) -> tuple[NationalEdition, tuple[str, ...]] | None:
    """The current edition and the business areas it lists for the organisation (empty when
    the organisation is not on the list); None before any edition is loaded."""
    stored = NationalEdition.objects.filter(current=True).first()
    if stored is None:
        return None
    row = NationalListing.objects.filter(edition=stored, code=organisation.code).first()
    return stored, tuple(row.businesses) if row else ()


@transaction.atomic
def prefill_register(organisation: Organisation) -> int:
    """Add a system for each of the 20 業務 and 共通機能 the register lacks, flagged as a
    特定移行支援システム where the current national list says so, with the list as its source
    (an area the list does not name is not flagged, from the same source). Systems already
    there are left as they are. Returns how many were added (0 for an organisation that is
    not a local government)."""
    if not organisation.is_local_government:
        return 0
    found = national_listing(organisation)
    have = set(
        System.objects.filter(organisation=organisation)
        .exclude(business="")
        .values_list("business", flat=True)
    )
    added = 0
    for area in BUSINESSES:
        if area.code in have:
            continue
        flagged = found is not None and area.code in found[1]
        System(
            organisation=organisation,
            business=area.code,
            migration_support=flagged,
            reason="",
            source=System.Source.NATIONAL if found else System.Source.ENTERED,
            national_as_of=found[0].as_of if found else None,
        ).save()  # one by one: each creation goes to the audit trail
        added += 1
    return added


def system_errors(system: System) -> dict[str, list[str]]:
    """The record rules `system` breaks, by field, in the reader's language."""
    try:
        check_system(
            migration_support=system.migration_support,
            reason=system.reason,
            planned_on=system.planned_on,
            migrated_on=system.migrated_on,
            cost_before=system.cost_before,
            cost_after=system.cost_after,
        )
    except RecordRuleError as error:
        return {error.field: [error.reason.render()]}
    if not system.business and not system.name.strip():
        return {"name": [gettext("Give the system's name, or choose its business area.")]}
    return {}


def contract_errors(contract: Contract) -> dict[str, list[str]]:
    """The record rules `contract` breaks, by field, in the reader's language."""
    try:
        check_contract(
            starts_on=contract.starts_on,
            ends_on=contract.ends_on,
            renewal_on=contract.renewal_on,
            annual_cost=contract.annual_cost,
            procurement=contract.procurement,
            bidders=contract.bidders,
        )
    except RecordRuleError as error:
        return {error.field: [error.reason.render()]}
    return {}


def check_record(errors: dict[str, list[str]]) -> None:
    """Raise Django's ValidationError with `errors` (the API answers 400 naming the field)."""
    if errors:
        raise ValidationError(errors)


def system_name(system: System, language: str) -> str:
    """A system's name for a page: the business area's name in `language`, with the
    organisation's own name when it gave one; the name alone for another system."""
    if not system.business:
        return system.name
    area = business(system.business).name.get(language)
    return f"{area}（{system.name}）" if system.name and system.name != area else area


def listed_names(organisation: Organisation, language: str) -> list[str]:
    """The names of the business areas the current national list names for the organisation."""
    found = national_listing(organisation)
    return [business(code).name.get(language) for code in found[1]] if found else []


def system_row(system: System, language: str) -> dict[str, Any]:
    """A system as the register page shows it: names, not codes, and where the flag came
    from."""
    area_phase = phase(system.phase)
    return {
        "pk": system.pk,
        "business": system.business,
        "name": system_name(system, language),
        "vendor": system.vendor.name if system.vendor else "",
        "current_product": system.current_product,
        "standard_product": system.standard_product,
        "phase": area_phase.name.get(language),
        "steps": area_phase.steps,
        "planned_on": system.planned_on,
        "migrated_on": system.migrated_on,
        "migration_support": system.migration_support,
        "reason": reason(system.reason).name.get(language) if system.reason else "",
        "deadline": deadline_for(system.migration_support).fiscal_year,
        "cost_before": system.cost_before,
        "cost_after": system.cost_after,
        "from_national": system.source == System.Source.NATIONAL,
        "national_as_of": system.national_as_of,
        "notes": system.notes,
    }


def contract_row(contract: Contract, language: str) -> dict[str, Any]:
    """A contract as the contracts page shows it."""
    return {
        "pk": contract.pk,
        "title": contract.title,
        "vendor": contract.vendor.name,
        "systems": [system_name(s, language) for s in contract.systems.all()],
        "starts_on": contract.starts_on,
        "ends_on": contract.ends_on,
        "renewal_on": contract.renewal_on,
        "annual_cost": contract.annual_cost,
        "procurement": PROCUREMENT_NAMES[Procurement(contract.procurement)].get(language),
        "bidders": contract.bidders,
        "is_renewal": contract.is_renewal,
    }


def register_values(
    organisation: Organisation,
) -> tuple[list[RegisteredSystem], list[RegisteredContract]]:
    """The organisation's register as core values (to_domain)."""
    systems = [
        RegisteredSystem(s.vendor.name if s.vendor else "", s.planned_on, s.migrated_on)
        for s in System.objects.filter(organisation=organisation).select_related("vendor")
    ]
    contracts = [
        RegisteredContract(
            c.vendor.name, c.annual_cost, c.procurement, c.is_renewal, c.renewal_on, c.ends_on
        )
        for c in Contract.objects.filter(organisation=organisation).select_related("vendor")
    ]
    return systems, contracts


def indicators_for(
    organisation: Organisation, fiscal_years: Sequence[int]
) -> tuple[Indicator, ...]:
    """The lock-in indicators of the organisation's register over `fiscal_years`."""
    systems, contracts = register_values(organisation)
    return lock_in_indicators(systems, contracts, fiscal_years)


def workload_for(organisation: Organisation) -> tuple[Mapping[int, YearWorkload], int]:
    """Renewals and migrations per fiscal year from the register, and how many contracts it
    holds; ({}, 0) for an empty register (the diagnosis then uses its settings' count)."""
    systems, contracts = register_values(organisation)
    if not systems and not contracts:
        return {}, 0
    return workload_by_year(systems, contracts), len(contracts)


def peer_comparison(organisation: Organisation, language: str) -> dict[str, Any] | None:
    """How the organisation stands against the governments of its band (its kind for a
    prefecture or designated city, else its population range) on the current national list:
    the band's name, governments, those listed and their share, the mean business areas of a
    listed government, and the organisation's own count. None for an organisation without a
    band or before any edition is loaded."""
    band = organisation.population_band
    found = national_summary() if band is not None else None
    if band is None or found is None:
        return None
    _stored, summary = found
    row = next(r for r in summary.by_band if r.code == band.code)
    listing = national_listing(organisation)
    return {
        "band": gettext(band.name),
        "governments": row.governments,
        "listed": row.listed,
        "share": row.share,
        "mean_systems": row.systems / row.listed if row.listed else None,
        "own": len(listing[1]) if listing else 0,
    }
