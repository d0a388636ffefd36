"""Tabulation of survey responses: counts and percentages with the right denominator, Wilson
intervals, the same by group (department or any attribute), and two groups compared option by
option.

Denominator (methods notes §4.3): the respondents who were asked the question (`asked`) and
answered it. For multiple choice, a respondent shown the question who ticked nothing has
answered (an empty set) and counts in the base unless `empty_counts` is False (SPSS's default
for multiple-dichotomy sets drops them, which inflates the rates; the table says which base it
used). Percentages of multiple choice are of respondents, so they may add up to more than
100 %.

The answers are turned once into arrays (respondents × option columns, and per question who
was asked and who answered); every table and group is then a matrix product.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from dxtalent.core.frameworks import Text
from dxtalent.core.i18n import Phrase
from dxtalent.core.surveys.instrument import (
    CHOICE_KINDS,
    Instrument,
    Question,
    QuestionKind,
    Response,
    asked,
)
from dxtalent.core.surveys.stats import Comparison, Interval, compare_options, wilson


@dataclass(frozen=True)
class OptionCount:
    option: str
    label: Text | Phrase
    count: int
    base: int
    interval: Interval | None

    @property
    def share(self) -> float | None:
        return self.count / self.base if self.base else None


@dataclass(frozen=True)
class QuestionTable:
    """One choice question's table, for every respondent (group None) or one group.
    asked: respondents asked; answered: of them, who answered; base: the denominator used."""

    question: str
    kind: QuestionKind
    group: str | None
    asked: int
    answered: int
    base: int
    rows: tuple[OptionCount, ...]
    empty_counts: bool = True


@dataclass(frozen=True)
class Matrix:
    """Responses as arrays: choice[r, j] is True when respondent r chose option column j;
    asked[r, q] / answered[r, q] per choice question q; columns[q] the option columns of q."""

    respondents: tuple[str, ...]
    questions: tuple[Question, ...]
    columns: tuple[tuple[int, ...], ...]
    choice: npt.NDArray[np.bool_]
    asked: npt.NDArray[np.bool_]
    answered: npt.NDArray[np.bool_]
    nonempty: npt.NDArray[np.bool_]


def matrix(instrument: Instrument, responses: Sequence[Response]) -> Matrix:
    """The choice questions' answers as arrays (see Matrix)."""
    questions = tuple(q for q in instrument.questions if q.kind in CHOICE_KINDS)
    columns: list[tuple[int, ...]] = []
    index: dict[tuple[str, str], int] = {}
    for question in questions:
        start = len(index)
        for option in question.options:
            index[question.code, option.code] = len(index)
        columns.append(tuple(range(start, len(index))))
    choice = np.zeros((len(responses), len(index)), dtype=np.bool_)
    was_asked = np.zeros((len(responses), len(questions)), dtype=np.bool_)
    answered = np.zeros_like(was_asked)
    nonempty = np.zeros_like(was_asked)
    for r, response in enumerate(responses):
        for q, question in enumerate(questions):
            if not asked(instrument, question, response):
                continue
            was_asked[r, q] = True
            value = response.answers.get(question.code)
            if value is None:
                continue
            answered[r, q] = True
            chosen = value if isinstance(value, frozenset) else frozenset({str(value)})
            nonempty[r, q] = bool(chosen)
            for code in chosen:
                column = index.get((question.code, code))
                if column is not None:
                    choice[r, column] = True
    return Matrix(
        tuple(response.respondent for response in responses),
        questions,
        tuple(columns),
        choice,
        was_asked,
        answered,
        nonempty,
    )


def _group_of(response: Response, by: str) -> str | None:
    if by == "department":
        return response.department
    return response.attributes.get(by)


def tabulate(
    instrument: Instrument,
    responses: Sequence[Response],
    by: str | None = None,
    empty_counts: bool = True,
    found: Matrix | None = None,
) -> list[QuestionTable]:
    """A table per choice question, for all respondents (by None) or per group of `by`
    ("department" or an attribute), groups in order of first appearance."""
    data = found or matrix(instrument, responses)
    groups: list[str | None] = [None]
    masks = [np.ones(len(responses), dtype=np.bool_)]
    if by is not None:
        keys = [_group_of(response, by) for response in responses]
        groups = list(dict.fromkeys(key for key in keys if key is not None))
        masks = [np.array([key == group for key in keys], dtype=np.bool_) for group in groups]
    base_of = data.answered & (data.nonempty | empty_counts)
    tables = []
    for group, mask in zip(groups, masks, strict=True):
        weights = mask.astype(np.int64)
        # Counts of each option among the respondents in the base of its question.
        per_question_base = weights @ base_of
        asked_counts = weights @ data.asked
        answered_counts = weights @ data.answered
        for q, question in enumerate(data.questions):
            in_base = base_of[:, q] & mask
            option_counts = in_base.astype(np.int64) @ data.choice[:, data.columns[q]]
            base = int(per_question_base[q])
            rows = tuple(
                OptionCount(
                    option.code,
                    option.label,
                    int(count),
                    base,
                    wilson(int(count), base),
                )
                for option, count in zip(question.options, option_counts, strict=True)
            )
            tables.append(
                QuestionTable(
                    question.code,
                    question.kind,
                    group,
                    int(asked_counts[q]),
                    int(answered_counts[q]),
                    base,
                    rows,
                    empty_counts,
                )
            )
    return tables


def tabulate_loops(
    instrument: Instrument, responses: Sequence[Response], empty_counts: bool = True
) -> dict[tuple[str, str], tuple[int, int]]:
    """(question, option) → (count, base) for all respondents, with plain loops over the
    responses for every option: the reference the arrays are checked against (tests, bench)."""
    found = {}
    for question in instrument.questions:
        if question.kind not in CHOICE_KINDS:
            continue
        for option in question.options:
            count = base = 0
            for response in responses:
                if not asked(instrument, question, response):
                    continue
                value = response.answers.get(question.code)
                if value is None:
                    continue
                chosen = value if isinstance(value, frozenset) else frozenset({str(value)})
                if not chosen and not empty_counts:
                    continue
                base += 1
                count += option.code in chosen
            found[question.code, option.code] = (count, base)
    return found


def compare_groups(
    tables: Sequence[QuestionTable], question: str, first: str, second: str, method: str = "holm"
) -> list[Comparison]:
    """Question `question`'s options compared between groups `first` and `second` of a
    tabulation by group, the p-values adjusted together with `method`; KeyError when a group
    has no table for it."""
    by_group = {(t.question, t.group): t for t in tables}
    one, two = by_group[question, first], by_group[question, second]
    return compare_options(
        [row.count for row in one.rows],
        one.base,
        [row.count for row in two.rows],
        two.base,
        method=method,
    )
