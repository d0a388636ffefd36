"""People as records: the rules a member of staff's or a candidate's fields must keep."""

from dxtalent.core.people.kana import NotKanaError, to_katakana
from dxtalent.core.people.rules import (
    TERM_TYPES,
    EmploymentTermError,
    LevelOutOfScaleError,
    PersonFields,
    RotationWindowError,
    UnknownEmploymentTypeError,
    check_employment,
    check_rating_level,
    check_rotation_window,
    person_errors,
)

__all__ = [
    "TERM_TYPES",
    "EmploymentTermError",
    "LevelOutOfScaleError",
    "NotKanaError",
    "PersonFields",
    "RotationWindowError",
    "UnknownEmploymentTypeError",
    "check_employment",
    "check_rating_level",
    "check_rotation_window",
    "person_errors",
    "to_katakana",
]
