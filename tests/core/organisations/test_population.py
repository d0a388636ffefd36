"""The shipped 2020 census population: checked like the list of local governments, and the
population bands peers are grouped by."""

import hashlib

import pytest

from dxtalent.core.organisations.codes import OrganisationKind
from dxtalent.core.organisations.population import (
    NATIONAL_TOTAL,
    POPULATION_ATTRIBUTION,
    PopulationDataError,
    check_population,
    parse_population_rows,
    population_band,
    shipped_population,
)

HEADER = "code,name,prefecture,population,source_year\n"


def test_the_shipped_census_has_every_local_government_with_its_2020_population():
    populations = shipped_population()
    assert len(populations) == 1788
    assert populations["012092"].population == 7_334  # 夕張市
    assert populations["134023"].population == 169  # 青ヶ島村
    assert populations["011002"].population == 1_973_395  # 札幌市
    assert populations["075469"].population == 0  # 双葉町, evacuated in 2020
    assert {p.census_year for p in populations.values()} == {2020}
    assert "2020 Population Census" in POPULATION_ATTRIBUTION


def test_an_altered_file_is_refused_by_its_hash():
    with pytest.raises(PopulationDataError, match=r"has sha256 .*reinstall dxtalent"):
        check_population((HEADER + "010006,北海道,北海道,1,2020\n").encode())


def checked(text):
    data = text.encode()
    return check_population(data, sha256=hashlib.sha256(data).hexdigest())


def test_a_file_with_rows_missing_is_refused_by_its_count():
    with pytest.raises(PopulationDataError, match="has 1 local governments; expected 1788"):
        checked(HEADER + "010006,北海道,北海道,5224614,2020\n")


def test_every_bad_row_is_reported_with_its_number():
    rows = [
        {"code": "010007", "name": "北海道", "prefecture": "北海道", "population": "1",
         "source_year": "2020"},
        {"code": "011002", "name": "札幌市", "prefecture": "北海道", "population": "1.9M",
         "source_year": "2020"},
        {"code": "011002", "name": "札幌市", "prefecture": "北海道", "population": "5",
         "source_year": "R2"},
    ]  # fmt: skip
    with pytest.raises(PopulationDataError) as error:
        parse_population_rows(rows)
    message = str(error.value)
    assert 'row 2, column "code": "010007" has check digit 7' in message
    assert 'row 3, column "population": "1.9M" is not a whole number' in message
    assert 'row 4, column "source_year": "R2" is not a year' in message


def test_the_municipalities_sum_to_the_national_total():
    municipalities = [p for p in shipped_population().values() if p.code[2:5] != "000"]
    assert sum(p.population for p in municipalities) == NATIONAL_TOTAL


@pytest.mark.parametrize(
    ("kind", "population", "band"),
    [
        ("town", 9_999, "under-10k"),
        ("town", 10_000, "10k-50k"),
        ("city", 49_999, "10k-50k"),
        ("city", 50_000, "50k-200k"),
        ("city", 200_000, "200k-plus"),
        ("special_ward", 66_680, "50k-200k"),
        ("designated_city", 700_000, "designated-city"),
        ("prefecture", 5_224_614, "prefecture"),
    ],
)
def test_a_local_government_falls_in_its_kinds_band_or_its_population_range(kind, population, band):
    assert population_band(kind, population).code == band


def test_no_band_without_a_population_or_for_an_organisation_that_is_not_a_government():
    assert population_band(OrganisationKind.TOWN, None) is None
    assert population_band(OrganisationKind.RESEARCH, 100) is None
    assert population_band("village", 169).information_staff == 3.5
