"""The shipped national lists of the standardization: checked by hash and published totals;
a newer edition is read with every problem named."""

import datetime as dt
import hashlib

import pytest

from dxtalent.core.organisations.codes import OrganisationKind
from dxtalent.core.organisations.population import shipped_population
from dxtalent.core.standardization.catalogue import (
    BUSINESSES,
    DEADLINES,
    REASONS,
    UnknownBusinessError,
    business,
    deadline_for,
    reason,
)
from dxtalent.core.standardization.national import (
    StandardizationDataError,
    check_migration_support,
    parse_migration_support,
    shipped_migration_support,
    shipped_progress,
)
from dxtalent.core.standardization.summary import Government, summarise

HEADER = "code,name,prefecture,category,tokutei_system_count,businesses,as_of\n"


def test_there_are_twenty_business_areas_and_the_common_functions():
    assert len([b for b in BUSINESSES if not b.is_common_functions]) == 20
    assert business("共通機能").is_common_functions
    assert business("住民記録") is business("住民基本台帳")  # MIC's name for the same area
    assert business("戸籍附票").code == "family-register-supplement"
    assert business("ｺﾃｲ資産税".replace("ｺﾃｲ", "固定")).code == "fixed-asset-tax"
    with pytest.raises(UnknownBusinessError, match="上下水道"):
        business("上下水道")


def test_the_deadlines_are_fy2025_in_principle_and_about_fy2030_for_migration_support():
    assert deadline_for(False).fiscal_year == 2025
    assert deadline_for(False).last_day == dt.date(2026, 3, 31)
    assert deadline_for(True).fiscal_year == 2030
    assert deadline_for(True).decided_on == dt.date(2024, 12, 24)
    assert all(d.source for d in DEADLINES)


def test_the_four_reasons_are_known_by_code_and_name():
    assert [r.code for r in REASONS] == [
        "mainframe",
        "custom-development",
        "no-compliant-product",
        "vendor-resources",
    ]
    assert reason("メインフレーム").code == "mainframe"
    assert reason("vendor-resources").systems_2025_07 == 3345


def test_the_shipped_list_reproduces_the_published_totals():
    edition = shipped_migration_support()
    assert len(edition.listings) == 935
    assert edition.prefectures() == 37
    assert edition.municipalities() == 898
    assert edition.marks() == 8956
    assert edition.as_of == dt.date(2025, 12, 31)
    sapporo = edition.listings["011002"]
    assert sapporo.name == "札幌市" and len(sapporo.businesses) == 18
    assert edition.listings["012025"].businesses == ("child-support",)  # 函館市
    assert set(edition.listings) <= set(shipped_population())


def test_an_altered_list_is_refused_by_its_hash():
    with pytest.raises(StandardizationDataError, match="reinstall dxtalent"):
        check_migration_support(
            (HEADER + "012025,函館市,北海道,中核市,1,就学,2025-12-31\n").encode()
        )


def test_a_list_with_other_totals_is_refused_even_with_a_matching_hash():
    data = (HEADER + "012025,函館市,北海道,中核市,1,就学,2025-12-31\n").encode()
    with pytest.raises(StandardizationDataError, match="published totals are 935"):
        check_migration_support(data, sha256=hashlib.sha256(data).hexdigest())


def test_a_newer_edition_names_every_bad_row():
    data = (
        HEADER
        + "012025,函館市,北海道,中核市,1,就学,2026-03-31\n"
        + "012026,x,北海道,中核市,1,就学,2026-03-31\n"
        + "012033,小樽市,北海道,一般市,2,上下水道;就学,2026-03-31\n"
        + "012041,旭川市,北海道,大都市,1,就学,2026-03-31\n"
        + "012050,室蘭市,北海道,一般市,3,就学;戸籍,2026-03-31\n"
        + "012025,函館市,北海道,中核市,1,就学,2026-03-31\n"
    ).encode("cp932")
    with pytest.raises(StandardizationDataError) as caught:
        parse_migration_support(data, known_codes=set(shipped_population()))
    problems = caught.value.problems
    assert any(p.startswith('row 3, column "code"') for p in problems)
    assert any(p.startswith('row 4, column "businesses"') and "上下水道" in p for p in problems)
    assert any(p.startswith('row 5, column "category"') and "大都市" in p for p in problems)
    assert any(p.startswith('row 6, column "tokutei_system_count"') for p in problems)
    assert any(p.startswith('row 7, column "code"') and "twice" in p for p in problems)


def test_a_newer_edition_in_cp932_is_read_with_its_date():
    data = (HEADER + "012025,函館市,北海道,中核市,2,就学;戸籍,2026-03-31\n").encode("cp932")
    edition = parse_migration_support(data, known_codes={"012025"})
    assert edition.as_of == dt.date(2026, 3, 31)
    assert edition.listings["012025"].businesses == ("school-enrolment", "family-register")


def test_the_shipped_progress_rates_cover_every_municipality():
    progress = shipped_progress()
    assert len(progress) == 1741
    assert sum(1 for p in progress.values() if p.overall == 1.0) == 70
    sapporo = progress["011002"]
    assert sapporo.overall == pytest.approx(0.7075)
    assert sapporo.businesses["resident-register"] == pytest.approx(0.65)
    assert len(sapporo.businesses) == 20


def test_the_summary_counts_every_government_by_kind_and_band():
    populations = shipped_population()
    governments = [
        Government(
            p.code,
            OrganisationKind.PREFECTURE if p.code[2:5] == "000" else OrganisationKind.TOWN,
            p.population,
        )
        for p in populations.values()
    ]
    summary = summarise(governments, shipped_migration_support())
    assert summary.total.governments == 1788
    assert summary.total.listed == 935
    prefectures = next(r for r in summary.by_kind if r.code == "prefecture")
    assert (prefectures.governments, prefectures.listed) == (47, 37)
    assert sum(r.systems for r in summary.by_kind) == 8956
    assert sum(r.governments for r in summary.by_band) == 1788
    child = next(r for r in summary.by_business if r.code == "child-allowance")
    assert child.listed == 576


def test_the_summary_names_kinds_and_bands_in_the_language_shown():
    summary = summarise([], shipped_migration_support())
    kinds = {r.code: r.name for r in summary.by_kind}
    bands = {r.code: r.name for r in summary.by_band}
    assert (summary.total.name.get("ja"), summary.total.name.get("en")) == ("全体", "all")
    # A kind is named as the list names it; the population band is the census's 政令指定都市.
    assert kinds["designated_city"].get("ja") == "指定都市"
    assert bands["designated-city"].get("ja") == "政令指定都市"
    assert kinds["village"].get("ja") == "村" and kinds["village"].get("en") == "villages"
