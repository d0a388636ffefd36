"""Lock-in indicators of an organisation's register, each with its plain-words explanation
and formula, and the vendor work of each fiscal year the diagnosis's negotiation rule reads.

The indicators follow the paper's concern with vendor lock-in and information asymmetry
(Nakagawa 2025, "Discussion"); which figures to show and how to compute them is dxtalent's
choice, stated in each formula.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from dxtalent.core.calendar import fiscal_year_of
from dxtalent.core.diagnostics.settings import YearWorkload
from dxtalent.core.i18n import Phrase, _, gettext_noop
from dxtalent.core.standardization.register import Procurement


@dataclass(frozen=True)
class RegisteredSystem:
    """A system of the register as the indicators need it: vendor name ("" when none),
    planned and actual migration dates."""

    vendor: str
    planned_on: dt.date | None = None
    migrated_on: dt.date | None = None


@dataclass(frozen=True)
class RegisteredContract:
    """A contract of the register: vendor name, annual cost in yen (None: not known), how it
    was procured (a Procurement value), whether it renews an earlier contract, its renewal
    and end dates."""

    vendor: str
    annual_cost: int | None
    procurement: str
    is_renewal: bool = False
    renewal_on: dt.date | None = None
    ends_on: dt.date | None = None

    @property
    def next_date(self) -> dt.date | None:
        """When it must be renegotiated: the renewal date, else the day after the end."""
        if self.renewal_on:
            return self.renewal_on
        return self.ends_on + dt.timedelta(days=1) if self.ends_on else None


@dataclass(frozen=True)
class Indicator:
    """One lock-in indicator: code, name, value (a share 0–1 or a count; None when nothing
    to count), numerator and denominator, what it means in plain words, its formula, and
    `detail` (e.g. the largest vendor's name)."""

    code: str
    name: Phrase
    value: float | None
    numerator: int
    denominator: int
    explanation: Phrase
    formula: Phrase
    is_share: bool = True
    detail: str = ""


def _share(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def lock_in_indicators(
    systems: Sequence[RegisteredSystem],
    contracts: Sequence[RegisteredContract],
    fiscal_years: Sequence[int],
) -> tuple[Indicator, ...]:
    """The five indicators: the largest vendor's share of systems and of annual cost,
    renewals without competition, single-bid procurements, and renewals falling in
    `fiscal_years` (the planning horizon). A share is None when its denominator is 0."""
    by_systems = Counter(s.vendor for s in systems if s.vendor)
    with_vendor = sum(by_systems.values())
    top_systems = by_systems.most_common(1)[0] if by_systems else ("", 0)
    costs: Counter[str] = Counter()
    for contract in contracts:
        costs[contract.vendor] += contract.annual_cost or 0
    total_cost = sum(costs.values())
    top_cost = costs.most_common(1)[0] if total_cost else ("", 0)
    renewals = [c for c in contracts if c.is_renewal]
    uncompeted = [c for c in renewals if c.procurement != Procurement.COMPETITIVE]
    single = [c for c in contracts if c.procurement == Procurement.SINGLE_BID]
    years = set(fiscal_years)
    due = [c for c in contracts if c.next_date and fiscal_year_of(c.next_date) in years]
    span = f"{min(years)}–{max(years)}" if years else ""
    return (
        Indicator(
            "vendor-share-systems",
            Phrase.of(gettext_noop("Largest vendor's share of systems")),
            _share(top_systems[1], with_vendor),
            top_systems[1],
            with_vendor,
            Phrase.of(
                gettext_noop(
                    "When one vendor runs most systems, there is little room to choose another "
                    "at a migration or renewal."
                )
            ),
            Phrase.of(
                gettext_noop("systems of the largest vendor ÷ systems with a vendor recorded")
            ),
            detail=top_systems[0],
        ),
        Indicator(
            "vendor-share-cost",
            Phrase.of(gettext_noop("Largest vendor's share of annual cost")),
            _share(top_cost[1], total_cost),
            top_cost[1],
            total_cost,
            Phrase.of(
                gettext_noop(
                    "The part of the contracts' annual cost paid to one vendor; the higher, the "
                    "more the bargaining power lies with that vendor."
                )
            ),
            Phrase.of(
                gettext_noop(
                    "annual cost of the largest vendor's contracts ÷ annual cost of all "
                    "contracts (yen)"
                )
            ),
            detail=top_cost[0],
        ),
        Indicator(
            "renewals-without-competition",
            Phrase.of(gettext_noop("Renewals without competition")),
            _share(len(uncompeted), len(renewals)),
            len(uncompeted),
            len(renewals),
            Phrase.of(
                gettext_noop(
                    "Of the renewed contracts, the share concluded without competition "
                    "(negotiated or single bid): without competition, price and terms cannot "
                    "be compared."
                )
            ),
            Phrase.of(gettext_noop("renewals negotiated or single-bid ÷ renewals")),
        ),
        Indicator(
            "single-bid",
            Phrase.of(gettext_noop("Single-bid procurements")),
            _share(len(single), len(contracts)),
            len(single),
            len(contracts),
            Phrase.of(
                gettext_noop(
                    "The share of contracts where a competition drew a single bidder: "
                    "competitive in form, with nothing to compare in substance."
                )
            ),
            Phrase.of(gettext_noop("single-bid contracts ÷ contracts")),
        ),
        Indicator(
            "renewals-in-horizon",
            Phrase.of(gettext_noop("Renewals within the planning horizon")),
            float(len(due)),
            len(due),
            len(contracts),
            Phrase.of(
                gettext_noop(
                    "Contracts whose renewal or end falls within the planning horizon: in "
                    "those years people who can negotiate and write specifications are needed."
                )
            ),
            Phrase(
                lambda: _(
                    "contracts whose renewal date (else the day after the end) falls in FY{span}"
                ).format(span=span)
            ),
            is_share=False,
        ),
    )


def workload_by_year(
    systems: Iterable[RegisteredSystem], contracts: Iterable[RegisteredContract]
) -> Mapping[int, YearWorkload]:
    """Renewals and migrations per fiscal year (April–March): a contract counts in the year of
    its next date (RegisteredContract.next_date), a system in the year of its planned
    migration unless it has migrated already. Years without any are left out."""
    renewals: Counter[int] = Counter()
    migrations: Counter[int] = Counter()
    for contract in contracts:
        if contract.next_date:
            renewals[fiscal_year_of(contract.next_date)] += 1
    for system in systems:
        if system.planned_on and not system.migrated_on:
            migrations[fiscal_year_of(system.planned_on)] += 1
    years = sorted(set(renewals) | set(migrations))
    return MappingProxyType(
        {year: YearWorkload(renewals[year], migrations[year]) for year in years}
    )
