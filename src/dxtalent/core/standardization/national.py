"""The national lists of the standardization: which local governments expect 特定移行支援システム,
and MIC's progress rates.

The shipped files (attribution and edits in `dxtalent/data/municipal/SOURCES.md`):

- `migration-support-2025-12.csv`: the Digital Agency's list of 特定移行支援システム expected
  as of 2025-12-31 — 935 local governments (37 prefectures, 898 municipalities), for each the
  business areas (of the 20 業務 and 共通機能) expected to miss the FY2025 deadline, 8,956 in all;
- `standardization-progress-2026-01.csv`: MIC's progress rates (0–1) per municipality and
  業務 as of 2026-01, 1,741 municipalities.

Both are checked at load against their sha256, row counts and totals. A newer edition of the
list is read with `parse_migration_support` (every row checked, every problem reported) and
loaded by `dxtalent data load standardization FILE`.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import hashlib
import io
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from importlib.resources import files
from types import MappingProxyType

from dxtalent.core.i18n import gettext_noop
from dxtalent.core.organisations.codes import (
    InvalidLocalGovernmentCodeError,
    OrganisationKind,
    normalise_code,
)
from dxtalent.core.standardization.catalogue import UnknownBusinessError, business

DATA_PACKAGE = "dxtalent.data"
MIGRATION_SUPPORT_PATH = ("municipal", "migration-support-2025-12.csv")
MIGRATION_SUPPORT_SHA256 = "83c039349a55847a74c93a0f02901330c32547f11fd4a7b9b66f296e89c50fd1"
# The published totals of the 2025-12 list.
MIGRATION_SUPPORT_GOVERNMENTS = 935
MIGRATION_SUPPORT_PREFECTURES = 37
MIGRATION_SUPPORT_MUNICIPALITIES = 898
MIGRATION_SUPPORT_MARKS = 8956
MIGRATION_SUPPORT_COLUMNS = (
    "code",
    "name",
    "prefecture",
    "category",
    "tokutei_system_count",
    "businesses",
    "as_of",
)
# The sources as the pages cite them: English marked for the catalogue, shown as `_(...)`.
MIGRATION_SUPPORT_ATTRIBUTION = gettext_noop(
    "Source: Digital Agency, list of systems expected to be specific migration-support "
    "systems as of 2025-12-31 (https://www.digital.go.jp/policies/local_governments), "
    "processed by dxtalent; transcription by GCInsight (github.com/tadashikudo-reraflow/"
    "gcportal, MIT)"
)

PROGRESS_PATH = ("municipal", "standardization-progress-2026-01.csv")
PROGRESS_SHA256 = "ac3a438ed7b8b0c611176eb35bb5bf85a1a1389275e6fa701c7817e1c49eec0d"
PROGRESS_ROWS = 1741
PROGRESS_ATTRIBUTION = gettext_noop(
    "Source: MIC, progress of the standardization of local governments' information systems "
    "by municipality (2026-01), processed by dxtalent"
)


class StandardizationDataError(ValueError):
    """A national file that is not the one shipped, or has rows that cannot be read; the
    message lists every problem with its row (row 2 is the first after the header)."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(self.problems))


# The list's categories as the file writes them (the Digital Agency's own words, data read
# from the file, not dxtalent's) and the organisation kind each maps to: 中核市 and 一般市
# (other cities) are both cities.
CATEGORIES: Mapping[str, OrganisationKind] = MappingProxyType(
    {
        "都道府県": OrganisationKind.PREFECTURE,
        "指定都市": OrganisationKind.DESIGNATED_CITY,
        "中核市": OrganisationKind.CITY,
        "一般市": OrganisationKind.CITY,
        "特別区": OrganisationKind.SPECIAL_WARD,
        "町": OrganisationKind.TOWN,
        "村": OrganisationKind.VILLAGE,
    }
)


@dataclass(frozen=True)
class MigrationSupportListing:
    """One local government on the list: code (six digits), name, prefecture's name, category
    (a key of CATEGORIES), businesses (codes of the business areas expected to miss FY2025, in
    the file's order, at least one)."""

    code: str
    name: str
    prefecture: str
    category: str
    businesses: tuple[str, ...]

    @property
    def is_prefecture(self) -> bool:
        return self.code[2:5] == "000"


@dataclass(frozen=True)
class MigrationSupportEdition:
    """An edition of the list: the day it describes (as_of), the sha256 of its file, and its
    listings by code."""

    as_of: dt.date
    sha256: str
    listings: Mapping[str, MigrationSupportListing]

    def marks(self) -> int:
        """Business areas marked in all: the list's count of systems."""
        return sum(len(listing.businesses) for listing in self.listings.values())

    def prefectures(self) -> int:
        """Prefectures on the list."""
        return sum(1 for listing in self.listings.values() if listing.is_prefecture)

    def municipalities(self) -> int:
        """Municipalities on the list."""
        return len(self.listings) - self.prefectures()


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise StandardizationDataError(["the file is neither UTF-8 nor cp932 text"])


def parse_migration_support(
    data: bytes, known_codes: Collection[str] | None = None
) -> MigrationSupportEdition:
    """An edition of the list of 特定移行支援システム from a CSV file's bytes (UTF-8, UTF-8 with
    BOM or cp932; columns MIGRATION_SUPPORT_COLUMNS).

    Every row is checked: the code (check digit; one of `known_codes`, the local governments,
    when given), the category, each business area (the 20 業務 or 共通機能, no repeat), the
    count equal to the areas listed, one as_of date (YYYY-MM-DD) for the whole file, no code
    twice, at least one row. Every problem is reported together in one
    StandardizationDataError.
    """
    text = _decode(data)
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in MIGRATION_SUPPORT_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise StandardizationDataError(
            [
                f"the header has no column {', '.join(missing)}; expected: "
                f"{','.join(MIGRATION_SUPPORT_COLUMNS)}"
            ]
        )
    problems: list[str] = []
    listings: dict[str, MigrationSupportListing] = {}
    dates: set[dt.date] = set()
    for number, row in enumerate(reader, start=2):
        where = f"row {number}"
        try:
            code = normalise_code(row["code"] or "")
        except InvalidLocalGovernmentCodeError as error:
            problems.append(f'{where}, column "code": {error}')
            continue
        if known_codes is not None and code not in known_codes:
            problems.append(f'{where}, column "code": {code} is not a local government')
            continue
        if code in listings:
            problems.append(f'{where}, column "code": {code} appears twice')
            continue
        category = (row["category"] or "").strip()
        if category not in CATEGORIES:
            problems.append(
                f'{where}, column "category": "{category}" is not accepted; accepted: '
                + ", ".join(CATEGORIES)
            )
            continue
        areas: list[str] = []
        for name in (row["businesses"] or "").split(";"):
            if not name.strip():
                continue
            try:
                found = business(name).code
            except UnknownBusinessError as error:
                problems.append(f'{where}, column "businesses": {error}')
                continue
            if found in areas:
                problems.append(f'{where}, column "businesses": "{name}" is listed twice')
            areas.append(found)
        if not areas:
            problems.append(f'{where}, column "businesses": no business area listed')
            continue
        count = (row["tokutei_system_count"] or "").strip()
        if not (count.isascii() and count.isdigit()) or int(count) != len(areas):
            problems.append(
                f'{where}, column "tokutei_system_count": "{count}" is not the '
                f"{len(areas)} business areas listed"
            )
        try:
            dates.add(dt.date.fromisoformat((row["as_of"] or "").strip()))
        except ValueError:
            problems.append(f'{where}, column "as_of": "{row["as_of"]}" is not a date (YYYY-MM-DD)')
        listings[code] = MigrationSupportListing(
            code,
            (row["name"] or "").strip(),
            (row["prefecture"] or "").strip(),
            category,
            tuple(dict.fromkeys(areas)),
        )
    if len(dates) > 1:
        problems.append(
            'column "as_of": the file mixes dates '
            + ", ".join(d.isoformat() for d in sorted(dates))
            + "; one edition has one date"
        )
    if not listings and not problems:
        problems.append("the file has no rows")
    if problems:
        raise StandardizationDataError(problems)
    return MigrationSupportEdition(
        dates.pop(), hashlib.sha256(data).hexdigest(), MappingProxyType(listings)
    )


def check_migration_support(
    data: bytes, sha256: str = MIGRATION_SUPPORT_SHA256
) -> MigrationSupportEdition:
    """The shipped list after checking its bytes: the sha256 recorded in
    MIGRATION_SUPPORT_SHA256 (or `sha256`), 935 governments (37 prefectures, 898
    municipalities) and 8,956 business areas marked. Raises StandardizationDataError."""
    digest = hashlib.sha256(data).hexdigest()
    if digest != sha256:
        raise StandardizationDataError(
            [
                f"{'/'.join(MIGRATION_SUPPORT_PATH)} has sha256 {digest}, not the {sha256} of "
                "the file dxtalent ships; reinstall dxtalent"
            ]
        )
    edition = parse_migration_support(data)
    found = (len(edition.listings), edition.prefectures(), edition.municipalities())
    expected = (
        MIGRATION_SUPPORT_GOVERNMENTS,
        MIGRATION_SUPPORT_PREFECTURES,
        MIGRATION_SUPPORT_MUNICIPALITIES,
    )
    if found != expected or edition.marks() != MIGRATION_SUPPORT_MARKS:
        raise StandardizationDataError(
            [
                f"the list has {found[0]} governments ({found[1]} prefectures, {found[2]} "
                f"municipalities) and {edition.marks()} business areas; the published totals "
                f"are {expected[0]} ({expected[1]}, {expected[2]}) and {MIGRATION_SUPPORT_MARKS}"
            ]
        )
    return edition


@functools.cache
def shipped_migration_support() -> MigrationSupportEdition:
    """The shipped list of 特定移行支援システム (2025-12-31), read and checked once."""
    resource = files(DATA_PACKAGE).joinpath(*MIGRATION_SUPPORT_PATH)
    return check_migration_support(resource.read_bytes())


# --- MIC progress rates ----------------------------------------------------------------


@dataclass(frozen=True)
class Progress:
    """A municipality's progress in the standardization (MIC, monthly): overall and per
    business area, each a rate 0–1 (MIC's 40 procedure steps, 2.5% each); as_of YYYY-MM."""

    code: str
    overall: float
    businesses: Mapping[str, float]
    as_of: str


def parse_progress(data: bytes) -> Mapping[str, Progress]:
    """MIC's progress rates by code from a CSV file's bytes: `code`, `overall_rate`, one
    column per 業務 (named as MIC names them), `as_of`. Every rate must be 0–1; every problem
    is reported together in one StandardizationDataError."""
    reader = csv.DictReader(io.StringIO(_decode(data)))
    fields = list(reader.fieldnames or [])
    problems: list[str] = []
    columns: dict[str, str] = {}
    for column in fields:
        if column in ("code", "name", "prefecture", "overall_rate", "as_of"):
            continue
        try:
            columns[column] = business(column).code
        except UnknownBusinessError as error:
            problems.append(f'the header: column "{column}": {error}')
    if problems:
        raise StandardizationDataError(problems)
    found: dict[str, Progress] = {}
    for number, row in enumerate(reader, start=2):
        try:
            code = normalise_code(row["code"] or "")
        except InvalidLocalGovernmentCodeError as error:
            problems.append(f'row {number}, column "code": {error}')
            continue
        rates: dict[str, float] = {}
        for column in ("overall_rate", *columns):
            value = (row.get(column) or "").strip()
            try:
                rate = float(value)
            except ValueError:
                rate = -1.0
            if not 0.0 <= rate <= 1.0:
                problems.append(f'row {number}, column "{column}": "{value}" is not a rate 0–1')
            rates[column] = rate
        overall = rates.pop("overall_rate")
        found[code] = Progress(
            code,
            overall,
            MappingProxyType({columns[c]: r for c, r in rates.items()}),
            (row.get("as_of") or "").strip(),
        )
    if problems:
        raise StandardizationDataError(problems)
    return MappingProxyType(found)


@functools.cache
def shipped_progress() -> Mapping[str, Progress]:
    """The shipped MIC progress rates (2026-01), checked against PROGRESS_SHA256 and
    PROGRESS_ROWS, read once."""
    data = files(DATA_PACKAGE).joinpath(*PROGRESS_PATH).read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != PROGRESS_SHA256:
        raise StandardizationDataError(
            [
                f"{'/'.join(PROGRESS_PATH)} has sha256 {digest}, not the {PROGRESS_SHA256} of "
                "the file dxtalent ships; reinstall dxtalent"
            ]
        )
    progress = parse_progress(data)
    if len(progress) != PROGRESS_ROWS:
        raise StandardizationDataError(
            [f"{'/'.join(PROGRESS_PATH)} has {len(progress)} rows; expected {PROGRESS_ROWS}"]
        )
    return progress
