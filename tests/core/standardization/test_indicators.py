"""Lock-in indicators and the yearly vendor work of a register."""

import datetime as dt

import pytest

from dxtalent.core.diagnostics import YearWorkload
from dxtalent.core.standardization.indicators import (
    RegisteredContract,
    RegisteredSystem,
    lock_in_indicators,
    workload_by_year,
)

SYSTEMS = [
    RegisteredSystem("A社", planned_on=dt.date(2026, 1, 4)),
    RegisteredSystem("A社", planned_on=dt.date(2027, 5, 1)),
    RegisteredSystem("A社", planned_on=dt.date(2025, 10, 1), migrated_on=dt.date(2025, 10, 1)),
    RegisteredSystem("B社"),
    RegisteredSystem(""),
]
CONTRACTS = [
    RegisteredContract("A社", 30_000_000, "negotiated", True, renewal_on=dt.date(2027, 4, 1)),
    RegisteredContract("A社", 10_000_000, "single-bid", True, ends_on=dt.date(2028, 3, 31)),
    RegisteredContract("B社", 10_000_000, "competitive", True, renewal_on=dt.date(2035, 4, 1)),
    RegisteredContract("C社", None, "competitive"),
]


def by_code(indicators):
    return {i.code: i for i in indicators}


def test_each_indicator_is_computed_from_its_formula():
    found = by_code(lock_in_indicators(SYSTEMS, CONTRACTS, range(2025, 2030)))
    systems = found["vendor-share-systems"]
    assert (systems.numerator, systems.denominator, systems.detail) == (3, 4, "A社")
    assert systems.value == pytest.approx(0.75)
    cost = found["vendor-share-cost"]
    assert cost.value == pytest.approx(40 / 50) and cost.detail == "A社"
    uncompeted = found["renewals-without-competition"]
    assert (uncompeted.numerator, uncompeted.denominator) == (2, 3)
    assert found["single-bid"].numerator == 1
    horizon = found["renewals-in-horizon"]
    assert horizon.numerator == 2 and not horizon.is_share  # 2035 is beyond FY2029
    assert all(i.explanation.ja and i.formula.en for i in found.values())


def test_an_empty_register_gives_no_shares():
    found = by_code(lock_in_indicators([], [], range(2025, 2030)))
    assert found["vendor-share-systems"].value is None
    assert found["vendor-share-cost"].value is None


def test_the_workload_counts_renewals_and_pending_migrations_by_fiscal_year():
    work = workload_by_year(SYSTEMS, CONTRACTS)
    assert work[2025] == YearWorkload(renewals=0, migrations=1)  # January 2026 is FY2025
    assert work[2027] == YearWorkload(renewals=1, migrations=1)
    assert work[2028] == YearWorkload(renewals=1, migrations=0)  # the day after 2028-03-31
    assert 2035 in work and work[2035].renewals == 1


def test_the_indicators_are_named_explained_and_given_their_formula_in_either_language():
    found = by_code(lock_in_indicators(SYSTEMS, CONTRACTS, range(2025, 2030)))
    horizon = found["renewals-in-horizon"]
    assert horizon.name.get("ja") == "計画期間内の更新"
    assert (
        horizon.formula.get("ja") == "更新日（なければ終了日の翌日）が2025–2029年度にある契約の数"
    )
    assert horizon.formula.get("en") == (
        "contracts whose renewal date (else the day after the end) falls in FY2025–2029"
    )
    assert found["single-bid"].name.get("ja") == "一者応札"
    assert all(
        i.name.ja != i.name.en and i.explanation.ja != i.explanation.en for i in found.values()
    )
