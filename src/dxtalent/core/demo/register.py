"""The demo city's register of systems and contracts: the 20 業務 and 共通機能 with three
fictional vendors, and renewals and migrations clustered in the fiscal year the team's
negotiators have rotated out, so the diagnosis has a negotiation finding to show."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass

from dxtalent.core.standardization.catalogue import BUSINESSES

VENDORS = ("株式会社デモ情報システム", "デモ電算株式会社", "デモクラウド株式会社")
# Business areas of the largest vendor's integrated package (the typical 基幹系 bundle).
PACKAGE = frozenset(b.code for b in BUSINESSES if b.number <= 17 or b.code == "common-functions")


@dataclass(frozen=True)
class DemoSystem:
    """A system of the demo register (see web System)."""

    business: str
    vendor: str
    current_product: str
    standard_product: str
    phase: str
    planned_on: dt.date | None
    migrated_on: dt.date | None
    migration_support: bool
    reason: str
    cost_before: int
    cost_after: int | None


@dataclass(frozen=True)
class DemoContract:
    """A contract of the demo register (see web Contract); systems: business codes."""

    title: str
    vendor: str
    systems: tuple[str, ...]
    starts_on: dt.date
    ends_on: dt.date
    renewal_on: dt.date | None
    annual_cost: int
    procurement: str
    bidders: int | None
    is_renewal: bool


@dataclass(frozen=True)
class DemoRegister:
    """The systems, the contracts and the fiscal year where the vendor work clusters."""

    systems: tuple[DemoSystem, ...]
    contracts: tuple[DemoContract, ...]
    cluster_year: int


def cluster_year(able_by_year: Mapping[int, float], current_year: int) -> int:
    """The first fiscal year after the current one in which fewer people able to negotiate
    or write specifications are in post than now (the year negotiators rotate out); the last
    year given when nobody leaves."""
    now = able_by_year.get(current_year, 0.0)
    later = sorted(y for y in able_by_year if y > current_year)
    for year in later:
        if able_by_year[year] < now - 1e-9:
            return year
    return later[-1] if later else current_year


def demo_register(
    able_by_year: Mapping[int, float], current_year: int, events_per_negotiator: int
) -> DemoRegister:
    """A register whose renewals and migrations in `cluster_year` need one more negotiator
    than are in post then (events = (⌈able⌉ + 1) × events_per_negotiator), with the other
    systems migrated by the FY2025 deadline.

    able_by_year: fiscal year → people (full-time equivalent) able to negotiate or write
    specifications in post at its end, from the diagnosis.
    """
    year = cluster_year(able_by_year, current_year)
    events = (math.ceil(able_by_year.get(year, 0.0)) + 1) * events_per_negotiator
    contracts = _contracts(year)
    migrations = max(0, events - len(contracts))
    late = [b.code for b in BUSINESSES if b.code in PACKAGE][:migrations]
    systems = []
    for index, area in enumerate(BUSINESSES):
        vendor = VENDORS[0] if area.code in PACKAGE else VENDORS[1]
        cost = 4_000_000 + 500_000 * (index % 5)
        if area.code in late:
            systems.append(
                DemoSystem(
                    area.code,
                    vendor,
                    f"{area.name.ja}システム（現行）",
                    "",
                    "fit-gap",
                    dt.date(year + 1, 1, 4),
                    None,
                    True,
                    "vendor-resources",
                    cost,
                    None,
                )
            )
        else:
            systems.append(
                DemoSystem(
                    area.code,
                    vendor,
                    f"{area.name.ja}システム（旧）",
                    f"標準準拠{area.name.ja}",
                    "in-service",
                    dt.date(2026, 1, 4),
                    dt.date(2026, 1, 4),
                    False,
                    "",
                    cost,
                    round(cost * 1.6),  # the Tokyo survey's ~1.6× after migration (§3.4)
                )
            )
    return DemoRegister(tuple(systems), contracts, year)


def _contracts(year: int) -> tuple[DemoContract, ...]:
    """Five contracts, all to be renewed or re-procured on 1 April of `year`."""
    renewal = dt.date(year, 4, 1)
    start = dt.date(year - 5, 4, 1)
    end = renewal - dt.timedelta(days=1)
    package = tuple(sorted(PACKAGE - {"common-functions"}))
    return (
        DemoContract(
            "基幹系パッケージ運用保守",
            VENDORS[0],
            package,
            start,
            end,
            renewal,
            48_000_000,
            "negotiated",
            1,
            True,
        ),
        DemoContract(
            "共通機能・連携基盤",
            VENDORS[0],
            ("common-functions",),
            start,
            end,
            renewal,
            9_000_000,
            "negotiated",
            1,
            True,
        ),
        DemoContract(
            "戸籍・戸籍の附票システム",
            VENDORS[1],
            ("family-register", "family-register-supplement"),
            start,
            end,
            renewal,
            12_000_000,
            "single-bid",
            1,
            True,
        ),
        DemoContract(
            "印鑑登録システム",
            VENDORS[1],
            ("seal-registration",),
            start,
            end,
            renewal,
            3_000_000,
            "negotiated",
            None,
            False,
        ),
        DemoContract(
            "ガバメントクラウド運用管理補助",
            VENDORS[2],
            (),
            start,
            end,
            renewal,
            15_000_000,
            "competitive",
            3,
            False,
        ),
    )
