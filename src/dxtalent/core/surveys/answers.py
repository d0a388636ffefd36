"""The rules of an answer to a survey: each value as its question accepts it, and a submission
complete when every question still asked has an answer.

The respondent's form (`read_submission`) and every import of answers (`answer_from_text`)
call these, so that the same bad value gets the same message wherever it comes in (see
dxtalent.core.records). Answers are read from text as a form or a file gives them: an option
code (single choice), option codes (multiple choice: a list, or one text separated by ";", ",",
"、" or spaces), a whole number (scale), a number, or any text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from dxtalent.core import records as r
from dxtalent.core.records import RecordRuleError
from dxtalent.core.surveys.instrument import (
    Answer,
    Instrument,
    InvalidInstrumentError,
    Question,
    QuestionKind,
    Response,
    asked,
    check_answer,
)
from dxtalent.core.tabular.messages import Message, shown

# How several option codes are separated in one cell of a file.
CHOICE_SEPARATORS = re.compile(r"[;,、\s]+")


class AnswerError(RecordRuleError):
    """An answer its question does not accept, or a question asked and left unanswered in a
    submission (field: the question's code)."""


def accepted_for(question: Question) -> Message:
    """What `question` accepts, e.g. "one of Y, N" or "a whole number from 1 to 5"."""
    options = ", ".join(question.option_codes())
    if question.kind is QuestionKind.SINGLE:
        return Message(r.ACCEPTED_ONE_OF, {"options": options})
    if question.kind is QuestionKind.MULTIPLE:
        return Message(r.ACCEPTED_OPTIONS_AMONG, {"options": options})
    if question.kind is QuestionKind.SCALE:
        low, high = question.scale or (0, 0)
        return Message(r.ACCEPTED_SCALE, {"minimum": low, "maximum": high})
    if question.kind is QuestionKind.NUMBER:
        return Message(r.ACCEPTED_NUMBER)
    return Message(r.ACCEPTED_ANSWER_TEXT)


def _refused(question: Question, shown_value: str, value: Any) -> AnswerError:
    chosen = set(value) if isinstance(value, list | tuple | set | frozenset) else set()
    if (
        question.kind is QuestionKind.MULTIPLE
        and question.exclusive in chosen
        and len(chosen) > 1
        and chosen <= set(question.option_codes())
    ):
        reason = Message(
            r.ANSWER_EXCLUSIVE,
            {
                "value": shown(shown_value),
                "exclusive": question.exclusive,
                "options": ", ".join(question.option_codes()),
            },
        )
    else:
        reason = Message(
            r.ANSWER_NOT_ACCEPTED,
            {"value": shown(shown_value), "accepted": accepted_for(question)},
        )
    return AnswerError(question.code, shown_value, reason)


def answer_from_text(question: Question, given: str | Sequence[str]) -> Answer:
    """The answer `given` as text (or, for multiple choice, a list of option codes) means;
    AnswerError naming the question, the value and what it accepts when it is not one.

    Multiple choice: a list, or one text split at CHOICE_SEPARATORS. Scale: a whole number
    within the scale. Number: any decimal number. Text: as given. An empty text is not an
    answer: the caller leaves the question unanswered instead of calling this.
    """
    text = given if isinstance(given, str) else ";".join(given)
    value: Any = given
    if question.kind is QuestionKind.MULTIPLE:
        value = (
            [part for part in CHOICE_SEPARATORS.split(given) if part]
            if isinstance(given, str)
            else list(given)
        )
    elif question.kind is QuestionKind.SCALE:
        stripped = text.strip()
        value = int(stripped) if re.fullmatch(r"[+-]?\d+", stripped) else stripped
    elif question.kind is QuestionKind.NUMBER:
        try:
            value = float(text.strip())
        except ValueError:
            value = text
    elif question.kind is QuestionKind.SINGLE:
        value = text.strip()
    try:
        return check_answer(question, value)
    except InvalidInstrumentError:
        raise _refused(question, text, value) from None


@dataclass(frozen=True)
class Submission:
    """A respondent's answers as read: answers (question code → answer; multiple choice as a
    sorted list) to the questions asked, and an error for each answer refused or (when
    final) each question asked and left unanswered; nothing is kept when there are errors."""

    answers: Mapping[str, Any]
    errors: tuple[AnswerError, ...]


def read_submission(
    instrument: Instrument,
    department: str,
    given: Mapping[str, str | Sequence[str]],
    final: bool,
) -> Submission:
    """The answers `given` (question code → text, or a list of option codes for multiple
    choice; "" or [] for none) by a respondent of `department`.

    Questions not asked of the department are ignored; answers to questions the routing then
    skips are dropped. When `final` (a submission), every question still asked must have an
    answer, except free text, which may stay empty; each missing one is an AnswerError.
    """
    answers: dict[str, Any] = {}
    errors: dict[str, AnswerError] = {}
    for question in instrument.questions:
        if question.departments and department not in question.departments:
            continue
        raw = given.get(question.code, "")
        if not raw or (isinstance(raw, str) and not raw.strip()):
            continue
        try:
            value = answer_from_text(question, raw)
        except AnswerError as error:
            errors[question.code] = error
            continue
        answers[question.code] = sorted(value) if isinstance(value, frozenset) else value
    probe = Response(
        "",
        department,
        {k: frozenset(v) if isinstance(v, list) else v for k, v in answers.items()},
    )
    kept = {
        code: value
        for code, value in answers.items()
        if asked(instrument, instrument.question(code), probe)
    }
    if final:
        for question in instrument.questions:
            if question.code in kept or question.code in errors:
                continue
            if question.kind != QuestionKind.TEXT and asked(instrument, question, probe):
                errors[question.code] = AnswerError(question.code, "", Message(r.NOT_ANSWERED))
    ordered = tuple(errors[q.code] for q in instrument.questions if q.code in errors)
    return Submission(kept if not ordered else {}, ordered)
