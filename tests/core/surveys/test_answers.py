"""Answers read from a form or a file, and when a submission is complete."""

from __future__ import annotations

import pytest

from dxtalent.core.frameworks import Text
from dxtalent.core.surveys import Condition, Instrument, Option, Question, QuestionKind
from dxtalent.core.surveys.answers import AnswerError, answer_from_text, read_submission


def t(text: str) -> Text:
    return Text(text, text)


INSTRUMENT = Instrument(
    "T",
    t("test"),
    (
        Question(
            "Q1", t("has?"), QuestionKind.SINGLE, options=(Option("Y", t("y")), Option("N", t("n")))
        ),
        Question(
            "Q2",
            t("which?"),
            QuestionKind.MULTIPLE,
            options=(Option("A", t("a")), Option("B", t("b")), Option("NONE", t("none"))),
            condition=Condition("Q1", "Y"),
            exclusive="NONE",
        ),
        Question("Q3", t("how much?"), QuestionKind.SCALE, scale=(1, 5)),
        Question("Q4", t("why?"), QuestionKind.TEXT),
    ),
)


def test_text_becomes_the_answer_its_question_takes():
    assert answer_from_text(INSTRUMENT.question("Q2"), "A;B") == frozenset({"A", "B"})
    assert answer_from_text(INSTRUMENT.question("Q2"), ["B"]) == frozenset({"B"})
    assert answer_from_text(INSTRUMENT.question("Q3"), " 4 ") == 4


@pytest.mark.parametrize(
    ("code", "value", "message"),
    [
        ("Q1", "maybe", '"maybe" is not accepted; give one of Y, N'),
        ("Q2", "A;NONE", '"A;NONE" is not accepted: NONE cannot be ticked with another option'),
        ("Q3", "9", '"9" is not accepted; give a whole number from 1 to 5'),
        ("Q3", "lots", '"lots" is not accepted; give a whole number from 1 to 5'),
    ],
)
def test_a_value_not_accepted_names_the_question_the_value_and_what_is_accepted(
    code, value, message
):
    with pytest.raises(AnswerError) as caught:
        answer_from_text(INSTRUMENT.question(code), value)
    assert caught.value.field == code and message in str(caught.value)


def test_a_final_submission_needs_every_question_still_asked_but_free_text():
    draft = read_submission(INSTRUMENT, "dx", {"Q1": "N"}, final=False)
    assert draft.answers == {"Q1": "N"} and draft.errors == ()
    final = read_submission(INSTRUMENT, "dx", {"Q1": "Y"}, final=True)
    assert [e.field for e in final.errors] == ["Q2", "Q3"] and final.answers == {}
    assert str(final.errors[0]).startswith("Q2: not answered;")


def test_an_answer_to_a_question_the_routing_skips_is_dropped():
    found = read_submission(INSTRUMENT, "dx", {"Q1": "N", "Q2": ["A"], "Q3": "2"}, final=True)
    assert found.answers == {"Q1": "N", "Q3": 2} and found.errors == ()
