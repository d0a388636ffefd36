"""Cross-tabulation of one choice question by the answer to another (question × question).

Groups: the options of a single-choice question (the "by" question); a respondent belongs to
the group of the option they chose, and to no group when they were not asked it or did not
answer. A multiple-choice question cannot define groups: a respondent who ticks two options
would be in two groups at once, and the tests below assume independent groups.

The table of the other question (single or multiple choice) is made per group with the same
denominators and Wilson intervals as every table (tabulate). Each of its options is then tested
across the groups: with two groups as `compare` does (Pearson's chi-square, or Fisher's exact
test when an expected count is below 5); with more, Pearson's chi-square on the groups × (chose,
did not choose) table, flagged when an expected count is below 5 (the approximation is then
rough; no exact test for larger tables is computed). The p-values of a question's options are
adjusted together (Holm by default), as for groups by department.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from scipy import stats as scipy_stats  # type: ignore[import-untyped]

from dxtalent.core.i18n import gettext as _
from dxtalent.core.surveys.instrument import Instrument, QuestionKind, Response
from dxtalent.core.surveys.stats import MIN_EXPECTED, adjust, compare
from dxtalent.core.surveys.tabulate import QuestionTable, tabulate


class CrossTabError(ValueError):
    """Questions that cannot be cross-tabulated; the message names the question and says why."""


@dataclass(frozen=True)
class OptionTest:
    """One option of the tabulated question tested across the groups: the test used
    ("chi-square", "fisher" or "none" when there is nothing to test), its p-value, the
    adjusted p-value, and whether an expected count is below 5 for a chi-square."""

    option: str
    test: str
    p_value: float
    p_adjusted: float
    small_expected: bool


@dataclass(frozen=True)
class CrossTab:
    """`question` tabulated by the answer to `by`: one table per option of `by` (groups in
    the order of its options), and a test per option of `question`."""

    question: str
    by: str
    groups: tuple[str, ...]
    tables: tuple[QuestionTable, ...]
    tests: tuple[OptionTest, ...]
    method: str


def _test(counts: Sequence[int], bases: Sequence[int]) -> tuple[str, float, bool]:
    present = [(c, b) for c, b in zip(counts, bases, strict=True) if b > 0]
    if len(present) < 2:
        return "none", 1.0, False
    if len(present) == 2:
        (c1, b1), (c2, b2) = present
        result = compare(c1, b1, c2, b2)
        return result.test, result.p_value, False
    table = [[c, b - c] for c, b in present]
    columns = [sum(row[j] for row in table) for j in range(2)]
    if 0 in columns:
        return "none", 1.0, False
    outcome = scipy_stats.chi2_contingency(table, correction=False)
    small = bool((outcome.expected_freq < MIN_EXPECTED).any())
    p = float(outcome.pvalue)
    return "chi-square", 1.0 if math.isnan(p) else p, small


def crosstab(
    instrument: Instrument,
    responses: Sequence[Response],
    question: str,
    by: str,
    *,
    empty_counts: bool = True,
    method: str = "holm",
) -> CrossTab:
    """`question` (a choice question) by the answer to `by` (a single-choice question).

    Raises CrossTabError naming the question when either is unknown, `question` is not a
    choice question, `by` is not single choice, or both are the same question.
    """
    questions = {q.code: q for q in instrument.questions}
    for code in (question, by):
        if code not in questions:
            raise CrossTabError(_('No question "{code}" in this survey.').format(code=code))
    if question == by:
        raise CrossTabError(
            _('Question "{code}" cannot be cross-tabulated by itself.').format(code=question)
        )
    if questions[question].kind not in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        raise CrossTabError(
            _(
                'Question "{code}" is not a choice question; only single and multiple choice '
                "questions are tabulated."
            ).format(code=question)
        )
    grouping = questions[by]
    if grouping.kind is not QuestionKind.SINGLE:
        raise CrossTabError(
            _(
                'Question "{code}" is not single choice; groups come from a single-choice '
                "question (a respondent in two groups would break the tests)."
            ).format(code=by)
        )
    attribute = f"question:{by}"
    tagged = []
    for response in responses:
        value = response.answers.get(by)
        group = str(value) if isinstance(value, str) and value else None
        attributes = dict(response.attributes)
        attributes.pop(attribute, None)
        if group is not None:
            attributes[attribute] = group
        tagged.append(
            Response(
                response.respondent,
                response.department,
                response.answers,
                attributes,
            )
        )
    tables = {
        t.group: t
        for t in tabulate(instrument, tagged, by=attribute, empty_counts=empty_counts)
        if t.question == question
    }
    groups = grouping.option_codes()
    ordered = []
    for group in groups:
        table = tables.get(group)
        if table is None:  # nobody chose this option: an empty table of the right shape
            empty = tabulate(instrument, [], empty_counts=empty_counts)
            table = next(t for t in empty if t.question == question)
            table = QuestionTable(
                table.question, table.kind, group, 0, 0, 0, table.rows, empty_counts
            )
        ordered.append(table)
    raw = []
    for index, option in enumerate(questions[question].options):
        counts = [t.rows[index].count for t in ordered]
        bases = [t.base for t in ordered]
        raw.append((option.code, *_test(counts, bases)))
    adjusted = adjust([p for _o, _t, p, _s in raw], method)
    tests = tuple(
        OptionTest(option, test, p, a, small)
        for (option, test, p, small), a in zip(raw, adjusted, strict=True)
    )
    return CrossTab(question, by, groups, tuple(ordered), tests, method)
