"""The census population of every local government, and the population bands peers are
grouped by.

The shipped file `dxtalent/data/municipal/population-2020.csv` is the 2020 census (final
figures) for the 47 prefectures and 1,741 municipalities, edited from e-Stat (attribution
and edits in `dxtalent/data/municipal/SOURCES.md`). It is checked at load against its
sha256, its row count and the national total, like the list of local governments.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib.resources import files
from types import MappingProxyType

from dxtalent.core.i18n import gettext_noop
from dxtalent.core.organisations.codes import (
    InvalidLocalGovernmentCodeError,
    OrganisationKind,
    normalise_code,
)

POPULATION_PACKAGE = "dxtalent.data"
POPULATION_PATH = ("municipal", "population-2020.csv")
POPULATION_SHA256 = "d371d8dd4765f04f9108dadb188026b88e99b1a3dee062180acf25d36090d228"
POPULATION_ROWS = 1788  # 47 prefectures + 1,741 municipalities
CENSUS_YEAR = 2020
# The census's national total; the municipalities and the prefectures each sum to it.
NATIONAL_TOTAL = 126_146_099
# The attribution e-Stat's terms ask for; translated when shown, with `_(...)`.
POPULATION_ATTRIBUTION = gettext_noop(
    "Source: Statistics Bureau of Japan, 2020 Population Census (e-Stat, "
    "https://www.e-stat.go.jp/), processed by dxtalent"
)
COLUMNS = ("code", "name", "prefecture", "population", "source_year")


class PopulationDataError(ValueError):
    """The population file is not the one shipped, or has rows that cannot be read."""


@dataclass(frozen=True)
class CensusPopulation:
    """One local government's census population: code (six digits), name, prefecture's
    name, population (people, 0 or more; 0 for 双葉町 in 2020), census_year."""

    code: str
    name: str
    prefecture: str
    population: int
    census_year: int


def parse_population_rows(rows: Sequence[Mapping[str, str]]) -> Mapping[str, CensusPopulation]:
    """Census populations by code from CSV rows (columns COLUMNS).

    Every row is checked (code with its check digit, population a whole number 0 or more,
    census year a four-digit year, no code twice); every problem is reported together in
    one PopulationDataError naming the row (row 2 is the first after the header).
    """
    found: dict[str, CensusPopulation] = {}
    problems: list[str] = []
    for number, row in enumerate(rows, start=2):
        missing = [c for c in COLUMNS if row.get(c) is None]
        if missing:
            problems.append(f"row {number}: no column {', '.join(missing)}")
            continue
        try:
            code = normalise_code(row["code"])
        except InvalidLocalGovernmentCodeError as error:
            problems.append(f'row {number}, column "code": {error}')
            continue
        text, year = row["population"].strip(), row["source_year"].strip()
        if not text.isascii() or not text.isdigit():
            problems.append(
                f'row {number}, column "population": "{row["population"]}" is not a whole '
                "number of people (0 or more, digits only)"
            )
            continue
        if not (year.isascii() and year.isdigit() and len(year) == 4):
            problems.append(
                f'row {number}, column "source_year": "{row["source_year"]}" is not a year '
                '(four digits, e.g. "2020")'
            )
            continue
        if code in found:
            problems.append(f'row {number}, column "code": {code} appears twice')
            continue
        found[code] = CensusPopulation(
            code, row["name"].strip(), row["prefecture"].strip(), int(text), int(year)
        )
    if problems:
        raise PopulationDataError("; ".join(problems))
    return MappingProxyType(found)


def check_population(
    data: bytes, sha256: str = POPULATION_SHA256
) -> Mapping[str, CensusPopulation]:
    """The populations of the shipped file's bytes, after checking them: the sha256 recorded
    in POPULATION_SHA256 (or `sha256`), POPULATION_ROWS rows, and the municipalities and the
    prefectures each summing to NATIONAL_TOTAL. Raises PopulationDataError saying which
    check failed."""
    digest = hashlib.sha256(data).hexdigest()
    if digest != sha256:
        raise PopulationDataError(
            f"{'/'.join(POPULATION_PATH)} has sha256 {digest}, not the {sha256} of "
            "the file dxtalent ships; reinstall dxtalent"
        )
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    populations = parse_population_rows(rows)
    if len(populations) != POPULATION_ROWS:
        raise PopulationDataError(
            f"{'/'.join(POPULATION_PATH)} has {len(populations)} local governments; expected "
            f"{POPULATION_ROWS} (47 prefectures and 1,741 municipalities)"
        )
    prefectures = sum(p.population for p in populations.values() if p.code[2:5] == "000")
    municipalities = sum(p.population for p in populations.values() if p.code[2:5] != "000")
    if prefectures != NATIONAL_TOTAL or municipalities != NATIONAL_TOTAL:
        raise PopulationDataError(
            f"the prefectures sum to {prefectures:,} and the municipalities to "
            f"{municipalities:,}; both should be the census total {NATIONAL_TOTAL:,}"
        )
    return populations


@functools.cache
def shipped_population() -> Mapping[str, CensusPopulation]:
    """The 2020 census population of every local government, by code (read and checked once:
    see check_population)."""
    resource = files(POPULATION_PACKAGE).joinpath(*POPULATION_PATH)
    return check_population(resource.read_bytes())


# --- population bands --------------------------------------------------------------------

# domain-facts §6. Marked for the catalogue: shown as `_(band.source)`.
BANDS_SOURCE = gettext_noop(
    "MIC, slides of June 2020 (data of 2018): the average staff of the information department "
    "by population is 20.4 at 200,000 and over, 6.2 from 50,000 to 200,000, 4.1 from 10,000 "
    "to 50,000 and 3.5 under 10,000 (https://vdocuments.pub/oe-fffoe-oe.html). Each band "
    "includes its lower edge and not its upper one (dxtalent's choice)."
)


@dataclass(frozen=True)
class PopulationBand:
    """A group of peers: a kind (prefectures, designated cities) or a population range.

    low / high: people, low ≤ population < high (None: open end); None for a kind's band.
    kind: the organisation kind the band is, or None for a population range.
    information_staff: the average staff of the information department in the band in 2018
    (MIC), None where not published.
    """

    code: str
    name: str  # English, marked for the catalogue: shown as `_(band.name)`
    low: int | None = None
    high: int | None = None
    kind: OrganisationKind | None = None
    information_staff: float | None = None
    source: str = BANDS_SOURCE  # English, marked for the catalogue: shown as `_(band.source)`


POPULATION_BANDS: tuple[PopulationBand, ...] = (
    PopulationBand("prefecture", gettext_noop("prefectures"), kind=OrganisationKind.PREFECTURE),
    PopulationBand(
        "designated-city",
        gettext_noop("designated cities"),
        kind=OrganisationKind.DESIGNATED_CITY,
    ),
    PopulationBand("under-10k", gettext_noop("population under 10,000"), 0, 10_000, None, 3.5),
    PopulationBand(
        "10k-50k",
        gettext_noop("population 10,000 to under 50,000"),
        10_000,
        50_000,
        None,
        4.1,
    ),
    PopulationBand(
        "50k-200k",
        gettext_noop("population 50,000 to under 200,000"),
        50_000,
        200_000,
        None,
        6.2,
    ),
    PopulationBand(
        "200k-plus", gettext_noop("population 200,000 or more"), 200_000, None, None, 20.4
    ),
)


def population_band(kind: OrganisationKind | str, population: int | None) -> PopulationBand | None:
    """The band of a local government: its kind's band for a prefecture or a designated
    city, else the population range it falls in (lower edge included); None for an
    organisation that is not a local government or whose population is unknown."""
    kind = OrganisationKind(kind)
    for band in POPULATION_BANDS:
        if band.kind is kind:
            return band
    if not kind.is_local_government or population is None:
        return None
    for band in POPULATION_BANDS:
        if (
            band.kind is None
            and (band.low or 0) <= population
            and (band.high is None or population < band.high)
        ):
            return band
    return None
