"""The rules of a person's record: rotation window, employment type and term, rating levels.

Every entry point that writes a person or a rating calls these (the person form, the staff
and candidates import, the API, and through the import the CLI), so that a bad value gets the
same message wherever it comes in (see dxtalent.core.records).

- Rotation window: the years in post before rotation, shortest and longest, both given or
  neither (then the organisation's window applies); each a whole number from 1 to
  MAX_WINDOW_YEARS, the shortest not above the longest. This is the window the diagnosis
  accepts (core.diagnostics.model.check_window), which is called last as the authority.
- Employment: a type of EmploymentType; staff of a type that serves a term (TERM_TYPES) need
  the term's last day (contract_end). Candidates are not appointed yet and need none.
- Rating level: a whole number within the framework's scale, 0 to 4
  (core.frameworks.model.check_level is the authority).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dxtalent.core import records as r
from dxtalent.core.diagnostics.model import (
    MAX_WINDOW_YEARS,
    EmploymentType,
    InvalidSettingError,
    check_window,
)
from dxtalent.core.frameworks.model import MAX_LEVEL, MIN_LEVEL, LevelOutOfRangeError, check_level
from dxtalent.core.records import RecordRuleError
from dxtalent.core.tabular.messages import Message, quoted_list

# Shortest stay in post a rotation window accepts, in years (check_window's lower bound).
MIN_WINDOW_YEARS = 1

# Employment types that serve a term, whose last day must be known: 任期付職員 (a term set on
# appointment, up to five years: 地方公共団体の一般職の任期付職員の採用に関する法律 第6条),
# 会計年度任用職員 (within one fiscal year: 地方公務員法 第22条の2) and 地域活性化起業人 (an
# agreement of six months to three years: reference/domain-facts.md).
TERM_TYPES: frozenset[EmploymentType] = frozenset(
    {
        EmploymentType.FIXED_TERM,
        EmploymentType.FIXED_TERM_PART_TIME,
        EmploymentType.CORPORATE_SECONDEE,
    }
)


class RotationWindowError(RecordRuleError):
    """A rotation window outside what the diagnosis accepts (field: rotation_min_years or
    rotation_max_years)."""


class UnknownEmploymentTypeError(RecordRuleError):
    """An employment type that is not one of EmploymentType (field: employment_type)."""


class EmploymentTermError(RecordRuleError):
    """A member of staff of a term type without the term's end (field: contract_end)."""


class LevelOutOfScaleError(RecordRuleError):
    """A level outside the framework's scale, or not a whole number."""


def _whole_number(value: object) -> int | None:
    """`value` as an int when it is one (bool refused), else None."""
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value


def check_rotation_window(low: object, high: object) -> tuple[int, int] | None:
    """The window (shortest, longest) in years in post, or None when neither is given.

    low: rotation_min_years; high: rotation_max_years; None means not given. Raises
    RotationWindowError naming the field: one given without the other; a value that is not a
    whole number from 1 to MAX_WINDOW_YEARS (40); a longest stay below the shortest (blamed on
    the longest, the field one fixes). A window that passes is one check_window accepts.
    """
    if low is None and high is None:
        return None
    if low is None or high is None:
        missing, given = (
            ("rotation_min_years", r.ROTATION_LONGEST)
            if low is None
            else ("rotation_max_years", r.ROTATION_SHORTEST)
        )
        raise RotationWindowError(
            missing, "", Message(r.ROTATION_HALF_GIVEN, {"given": Message(given)})
        )
    for field, value in (("rotation_min_years", low), ("rotation_max_years", high)):
        years = _whole_number(value)
        if years is None or not MIN_WINDOW_YEARS <= years <= MAX_WINDOW_YEARS:
            raise RotationWindowError(
                field,
                value,
                Message(
                    r.ROTATION_YEARS_OUT_OF_RANGE,
                    {"value": value, "minimum": MIN_WINDOW_YEARS, "maximum": MAX_WINDOW_YEARS},
                ),
            )
    assert isinstance(low, int) and isinstance(high, int)
    if low > high:
        raise RotationWindowError(
            "rotation_max_years", high, Message(r.ROTATION_REVERSED, {"low": low, "high": high})
        )
    try:
        return check_window((low, high), "rotation window")
    except InvalidSettingError:  # pragma: no cover - the checks above are check_window's
        raise RotationWindowError(
            "rotation_max_years", high, Message(r.ROTATION_REVERSED, {"low": low, "high": high})
        ) from None


def check_employment(
    employment_type: object, contract_end: dt.date | None, *, is_staff: bool = True
) -> EmploymentType:
    """The employment type as EmploymentType, once its term is known where it needs one.

    Raises UnknownEmploymentTypeError for a type outside EmploymentType (field
    employment_type), and EmploymentTermError (field contract_end) for staff of a TERM_TYPES
    type without contract_end. Candidates (is_staff False) need no end date.
    """
    try:
        kind = EmploymentType(str(employment_type))
    except ValueError:
        raise UnknownEmploymentTypeError(
            "employment_type",
            employment_type,
            Message(
                r.UNKNOWN_EMPLOYMENT_TYPE,
                {
                    "value": employment_type,
                    "accepted": quoted_list(kind.value for kind in EmploymentType),
                },
            ),
        ) from None
    if is_staff and kind in TERM_TYPES and contract_end is None:
        raise EmploymentTermError(
            "contract_end", "", Message(r.TERM_WITHOUT_END, {"employment_type": kind.value})
        )
    return kind


def check_rating_level(level: object, field: str = "level", maximum: int = MAX_LEVEL) -> int:
    """`level` as an int within the framework's scale, MIN_LEVEL (0) to `maximum` (the
    framework's highest level, MAX_LEVEL = 4 for every shipped framework); else
    LevelOutOfScaleError naming `field`. A text of digits ("3") is read as its number; bool
    and anything else are refused."""
    value = level
    if isinstance(level, str) and level.strip().isdigit():
        value = int(level.strip())
    number = _whole_number(value)
    if number is not None and number <= maximum:
        try:
            return check_level(number, field)
        except LevelOutOfRangeError:
            pass
    raise LevelOutOfScaleError(
        field,
        level,
        Message(r.LEVEL_OUT_OF_SCALE, {"value": level, "minimum": MIN_LEVEL, "maximum": maximum}),
    )


@dataclass(frozen=True)
class PersonFields:
    """The fields of a person's record that the rules read.

    kind: "staff" or "candidate". employment_type: an EmploymentType value (text as given).
    contract_end: last day of a term or secondment, None when not given. rotation_min_years,
    rotation_max_years: the person's own rotation window in years, None when not given.
    """

    kind: str
    employment_type: str
    contract_end: dt.date | None = None
    rotation_min_years: int | None = None
    rotation_max_years: int | None = None


def person_errors(fields: PersonFields) -> tuple[RecordRuleError, ...]:
    """Every rule the record breaks (empty when it keeps them all), in field order:
    employment type and term, then rotation window."""
    found: list[RecordRuleError] = []
    try:
        check_employment(
            fields.employment_type, fields.contract_end, is_staff=fields.kind == "staff"
        )
    except RecordRuleError as error:
        found.append(error)
    try:
        check_rotation_window(fields.rotation_min_years, fields.rotation_max_years)
    except RecordRuleError as error:
        found.append(error)
    return tuple(found)
