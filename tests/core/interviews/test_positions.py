"""Where a coded passage may start and end."""

from __future__ import annotations

import pytest

from dxtalent.core.interviews.positions import PassagePositionError, check_passage


def test_a_passage_within_the_text_is_read_from_ints_or_digits():
    assert check_passage(0, 7, 7) == (0, 7)
    assert check_passage("1", "3", len("🙂交渉")) == (1, 3)


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [
        (5, 3, "end"),
        (3, 3, "end"),
        (0, 8, "end"),
        (9, 10, "start"),
        ("abc", 2, "start"),
        (0, "２", "end"),
        (-1, 2, "start"),
    ],
)
def test_a_passage_not_within_the_text_names_the_field_to_correct(start, end, field):
    with pytest.raises(PassagePositionError) as caught:
        check_passage(start, end, 7)
    assert caught.value.field == field


def test_the_message_gives_the_passage_and_what_is_accepted():
    with pytest.raises(PassagePositionError) as caught:
        check_passage(16, 14, 21)
    assert str(caught.value) == (
        "end: the passage 16–14 is not within the text; give a start before the end, both "
        "from 0 to 21 (characters of the text, counted from 0, the end excluded)"
    )
