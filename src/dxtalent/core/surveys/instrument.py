"""Survey instruments: bilingual sections and questions, who is asked each question (the
respondent's department, and routing on an earlier answer), and responses.

A response holds, per question, the answer given: an option code (single choice), a set of
option codes (multiple choice; the empty set means shown and nothing ticked), a number (scale,
number) or a text; a question left out of the answers was not answered. Whether a question
was asked follows from the instrument and the respondent's department and earlier answers
(`asked`); tabulation uses it to choose the right denominator.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Any

import yaml

from dxtalent.core.frameworks import Text
from dxtalent.core.i18n import Phrase, _, gettext_noop, language
from dxtalent.core.safe_yaml import YamlRefused, load_yaml


class InvalidInstrumentError(ValueError):
    """An instrument or answer that cannot be used; the message names the field and value."""


class QuestionKind(enum.StrEnum):
    SINGLE = "single"
    MULTIPLE = "multiple"
    SCALE = "scale"
    NUMBER = "number"
    TEXT = "text"


CHOICE_KINDS = frozenset({QuestionKind.SINGLE, QuestionKind.MULTIPLE})


@dataclass(frozen=True)
class Option:
    """An option of a question: its code and label (bilingual data of a questionnaire, or
    dxtalent's words, e.g. NONE_OF_THESE)."""

    code: str
    label: Text | Phrase


@dataclass(frozen=True)
class Condition:
    """Asked only when question `question` was answered with `option` (ticked, for multiple
    choice)."""

    question: str
    option: str


@dataclass(frozen=True)
class Question:
    """One question. departments: the departments asked (empty: every respondent).
    condition: routing on an earlier answer. scale: (lowest, highest) for a scale. exclusive:
    the code of a "none of these" option of a multiple-choice question, which cannot be ticked
    with another. source: where the question comes from (e.g. "Nakagawa 2025, Table 4")."""

    code: str
    text: Text | Phrase
    kind: QuestionKind
    section: str = ""
    options: tuple[Option, ...] = ()
    departments: tuple[str, ...] = ()
    condition: Condition | None = None
    scale: tuple[int, int] | None = None
    exclusive: str | None = None
    source: str = ""

    def option_codes(self) -> tuple[str, ...]:
        return self._option_codes

    # Worked out once per question (not fields: no part of equality or the repr); answers are
    # checked against them thousands of times in a national survey.
    @cached_property
    def _option_codes(self) -> tuple[str, ...]:
        return tuple(option.code for option in self.options)

    @cached_property
    def _option_set(self) -> frozenset[str]:
        return frozenset(self._option_codes)


@dataclass(frozen=True)
class Section:
    code: str
    title: Text


@dataclass(frozen=True)
class Instrument:
    code: str
    title: Text | Phrase
    questions: tuple[Question, ...]
    sections: tuple[Section, ...] = ()
    departments: Mapping[str, Text] = field(default_factory=dict)
    source: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "departments", MappingProxyType(dict(self.departments)))
        codes = [q.code for q in self.questions]
        sections = {s.code for s in self.sections}
        for index, question in enumerate(self.questions):
            where = f"questions[{index}] ({question.code})"
            if codes.count(question.code) > 1:
                raise InvalidInstrumentError(f"{where}: the code appears twice")
            if question.kind in CHOICE_KINDS and not question.options:
                raise InvalidInstrumentError(f"{where}: a choice question needs options")
            option_codes = question.option_codes()
            if len(set(option_codes)) != len(option_codes):
                raise InvalidInstrumentError(f"{where}: an option code appears twice")
            if question.section and question.section not in sections:
                raise InvalidInstrumentError(
                    f"{where}.section: {question.section!r} is not a section of the instrument"
                )
            for department in question.departments:
                if department not in self.departments:
                    raise InvalidInstrumentError(
                        f"{where}.departments: {department!r}; one of "
                        f"{', '.join(self.departments) or '(none defined)'}"
                    )
            if question.condition is not None:
                earlier = codes[:index]
                if question.condition.question not in earlier:
                    raise InvalidInstrumentError(
                        f"{where}.condition: {question.condition.question!r} is not an "
                        "earlier question"
                    )
                target = self.question(question.condition.question)
                if question.condition.option not in target.option_codes():
                    raise InvalidInstrumentError(
                        f"{where}.condition: {question.condition.option!r} is not an option "
                        f"of {target.code}"
                    )
            if question.exclusive is not None and question.exclusive not in option_codes:
                raise InvalidInstrumentError(
                    f"{where}.exclusive: {question.exclusive!r} is not one of its options"
                )
            scale = question.scale
            if question.kind is QuestionKind.SCALE and (scale is None or scale[0] >= scale[1]):
                raise InvalidInstrumentError(f"{where}.scale: (lowest, highest), lowest first")

    def question(self, code: str) -> Question:
        for question in self.questions:
            if question.code == code:
                return question
        raise KeyError(f"no question {code!r}")


Answer = str | frozenset[str] | float | int


@dataclass(frozen=True)
class Response:
    """One organisation's (or department's) answers. respondent: a stable id, e.g. the
    organisation's code and the department. department: a key of the instrument's
    departments (None: not known). attributes: other facts to group by (size class, region)."""

    respondent: str
    department: str | None
    answers: Mapping[str, Answer]
    attributes: Mapping[str, str] = field(default_factory=dict)


def asked(instrument: Instrument, question: Question, response: Response) -> bool:
    """Whether `response`'s respondent was asked `question`: their department is among the
    question's (or it has none), and its condition holds on their earlier answer."""
    if question.departments and response.department not in question.departments:
        return False
    condition = question.condition
    if condition is None:
        return True
    earlier = instrument.question(condition.question)
    if not asked(instrument, earlier, response):
        return False
    given = response.answers.get(condition.question)
    if isinstance(given, frozenset):
        return condition.option in given
    return given == condition.option


def check_answer(question: Question, value: Any) -> Answer:
    """`value` as an answer to `question`, or InvalidInstrumentError saying what is accepted."""
    where = f"{question.code}: {value!r} is not accepted"
    codes = question.option_codes()
    if question.kind is QuestionKind.SINGLE:
        if not isinstance(value, str) or value not in question._option_set:
            raise InvalidInstrumentError(f"{where}; one of {', '.join(codes)}")
        return str(value)
    if question.kind is QuestionKind.MULTIPLE:
        chosen = frozenset(value) if isinstance(value, list | set | tuple | frozenset) else None
        if chosen is None or not chosen <= question._option_set:
            raise InvalidInstrumentError(f"{where}; a list of options among {', '.join(codes)}")
        if question.exclusive in chosen and len(chosen) > 1:
            raise InvalidInstrumentError(
                f"{where}; {question.exclusive} cannot be ticked with another option"
            )
        return chosen
    if question.kind is QuestionKind.SCALE:
        low, high = question.scale or (0, 0)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise InvalidInstrumentError(f"{where}; a whole number from {low} to {high}")
        return value
    if question.kind is QuestionKind.NUMBER:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise InvalidInstrumentError(f"{where}; a number")
        return value
    if not isinstance(value, str):
        raise InvalidInstrumentError(f"{where}; text")
    return value


def _text(value: Any, where: str) -> Text:
    if isinstance(value, str):
        return Text(value, value)
    if not isinstance(value, Mapping) or not isinstance(value.get("ja"), str):
        raise InvalidInstrumentError(f"{where}: {value!r}; a mapping with ja (and en) texts")
    return Text(value["ja"], str(value.get("en", "")))


def instrument_to_dict(instrument: Instrument) -> dict[str, Any]:
    """The instrument as plain values (JSON or YAML), read back by instrument_from_dict."""

    def text(value: Text | Phrase) -> dict[str, str]:
        return {"ja": value.ja, "en": value.en}

    return {
        "code": instrument.code,
        "title": text(instrument.title),
        "source": instrument.source,
        "departments": {key: text(value) for key, value in instrument.departments.items()},
        "sections": [{"code": s.code, "title": text(s.title)} for s in instrument.sections],
        "questions": [
            {
                "code": q.code,
                "text": text(q.text),
                "kind": q.kind.value,
                "section": q.section,
                "options": [{"code": o.code, "label": text(o.label)} for o in q.options],
                "departments": list(q.departments),
                "condition": {"question": q.condition.question, "option": q.condition.option}
                if q.condition
                else None,
                "scale": list(q.scale) if q.scale else None,
                "exclusive": q.exclusive,
                "source": q.source,
            }
            for q in instrument.questions
        ],
    }


def instrument_from_dict(data: Any) -> Instrument:
    """An instrument from plain values; InvalidInstrumentError naming the wrong field."""
    if not isinstance(data, Mapping):
        raise InvalidInstrumentError("instrument: a mapping with code, title and questions")
    questions = []
    for index, raw in enumerate(data.get("questions") or []):
        where = f"questions[{index}]"
        if not isinstance(raw, Mapping) or not raw.get("code"):
            raise InvalidInstrumentError(f"{where}.code: missing")
        try:
            kind = QuestionKind(str(raw.get("kind")))
        except ValueError:
            accepted = ", ".join(k.value for k in QuestionKind)
            raise InvalidInstrumentError(
                f"{where}.kind: {raw.get('kind')!r}; one of {accepted}"
            ) from None
        condition = raw.get("condition")
        scale = raw.get("scale")
        questions.append(
            Question(
                code=str(raw["code"]),
                text=_text(raw.get("text"), f"{where}.text"),
                kind=kind,
                section=str(raw.get("section") or ""),
                options=tuple(
                    Option(str(o.get("code")), _text(o.get("label"), f"{where}.options[{i}]"))
                    for i, o in enumerate(raw.get("options") or [])
                ),
                departments=tuple(str(d) for d in raw.get("departments") or ()),
                condition=Condition(str(condition["question"]), str(condition["option"]))
                if isinstance(condition, Mapping)
                else None,
                scale=(int(scale[0]), int(scale[1])) if scale else None,
                exclusive=raw.get("exclusive"),
                source=str(raw.get("source") or ""),
            )
        )
    return Instrument(
        code=str(data.get("code") or ""),
        title=_text(data.get("title"), "title"),
        questions=tuple(questions),
        sections=tuple(
            Section(str(s.get("code")), _text(s.get("title"), f"sections[{i}].title"))
            for i, s in enumerate(data.get("sections") or [])
        ),
        departments={
            str(k): _text(v, f"departments.{k}") for k, v in (data.get("departments") or {}).items()
        },
        source=str(data.get("source") or ""),
    )


NONE_OF_THESE = Option("NONE", Phrase.of(gettext_noop("None of these")))


def instrument_from_yaml(text: str) -> Instrument:
    """An instrument from the YAML or JSON text of a questionnaire file; InvalidInstrumentError
    naming the wrong field, or saying why the text was refused (anchors, aliases and values
    over the limits of dxtalent.core.safe_yaml), or that it is not YAML."""
    try:
        data = load_yaml(text)
    except YamlRefused as error:
        raise InvalidInstrumentError(f"refused: {error}") from None
    except yaml.YAMLError as error:
        raise InvalidInstrumentError(f"not JSON or YAML: {error}") from None
    return instrument_from_dict(data)


def _tick_every_item(title: Text | Phrase) -> Phrase:
    """The question a published table becomes, naming the table by its title."""
    return Phrase(
        lambda: _("{title}: tick every item that applies.").format(
            title=title.get(language()).rstrip(".")
        )
    )


def instrument_from_tables(tables: Any) -> Instrument:
    """The questionnaire on digital talent reconstructed from published tables (each table but
    the response rates becomes a multiple-choice question whose options are its printed items,
    asked of the table's department): for the shipped Tables 2–9 of Nakagawa (2025), eight
    questions, four to the IT & DX department and four to human resources. Only the printed
    (top five) options are known; a survey body copying it should add the rest. Each question
    ends with "none of these" (exclusive), so that a form can tell "none applies" from a
    question skipped."""
    questions = []
    for table in tables.tables:
        if table.department is None:
            continue  # e.g. Table 1: response rates, not a question
        printed = [Option(row.option_code(table.number), row.item) for row in table.rows]
        options = (*printed, NONE_OF_THESE)
        questions.append(
            Question(
                code=f"Q{table.number}",
                text=_tick_every_item(table.title),
                kind=QuestionKind.MULTIPLE,
                section=table.department,
                options=options,
                departments=(table.department,),
                exclusive=NONE_OF_THESE.code,
                source=f"{table.denominator_source.split(',')[0]}, Table {table.number}",
            )
        )
    return Instrument(
        code="JMRC-2024-DIGITAL-TALENT",
        title=Phrase.of(
            gettext_noop(
                "Survey on digital talent in local government (reconstructed from Nakagawa "
                "2025, Tables 2–9)"
            )
        ),
        questions=tuple(questions),
        sections=tuple(Section(key, value) for key, value in tables.departments.items()),
        departments=tables.departments,
        source=tables.source,
    )
