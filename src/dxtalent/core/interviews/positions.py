"""The rule of a coded passage: where it starts and ends in its text.

Positions are characters of the text as Unicode code points, counted from 0, the end excluded
(as REFI-QDA exchanges them: "🙂交渉" has 交渉 at 1–3). A passage holds at least one character
and lies within the text: 0 ≤ start < end ≤ length. The coding page, the REFI-QDA import (web
and `dxtalent qda import --org`) and the agreement of two coders all call `check_passage`, so
the same bad passage gets the same message wherever it comes in (see dxtalent.core.records).
"""

from __future__ import annotations

from dxtalent.core import records as r
from dxtalent.core.records import RecordRuleError
from dxtalent.core.tabular.messages import Message, shown


class PassagePositionError(RecordRuleError):
    """A passage that is not within its text (field "start" or "end"), or a position that is
    not a whole number."""


def _position(value: object, field: str, length: int) -> int:
    if isinstance(value, bool):
        number = None
    elif isinstance(value, int):
        number = value
    else:
        text = str(value).strip()
        number = int(text) if text.isascii() and text.isdigit() else None
    if number is None:
        raise PassagePositionError(
            field,
            value,
            Message(r.POSITION_NOT_WHOLE_NUMBER, {"value": shown(str(value)), "length": length}),
        )
    return number


def check_passage(start: object, end: object, length: int) -> tuple[int, int]:
    """(start, end) as ints when 0 ≤ start < end ≤ length; else PassagePositionError.

    start, end: ints, or texts of ASCII digits as a form or an XML attribute gives them.
    length: the text's length in code points (len(text)). The error names "start" when the
    start is not a whole number or lies outside the text, else "end".
    """
    first = _position(start, "start", length)
    last = _position(end, "end", length)
    if not 0 <= first < last <= length:
        field = "start" if not 0 <= first <= length else "end"
        raise PassagePositionError(
            field,
            last if field == "end" else first,
            Message(r.PASSAGE_OUTSIDE_TEXT, {"start": first, "end": last, "length": length}),
        )
    return first, last
