"""Question × question: a choice question tabulated by the answer to a single-choice one."""

from __future__ import annotations

import random

import pytest
from scipy import stats as scipy_stats

from dxtalent.core.surveys import Instrument, Option, Question, QuestionKind, Response, tabulate
from dxtalent.core.surveys.crosstab import CrossTabError, crosstab
from dxtalent.core.surveys.stats import adjust, compare
from tests.core.surveys.test_tabulate import t

SIZE = Question(
    "SIZE",
    t("Population band"),
    QuestionKind.SINGLE,
    options=(Option("S", t("small")), Option("M", t("middle")), Option("L", t("large"))),
)
HIRE = Question(
    "HIRE",
    t("Do you hire?"),
    QuestionKind.SINGLE,
    options=(Option("Y", t("yes")), Option("N", t("no"))),
)
SKILLS = Question(
    "SKILLS",
    t("Which skills?"),
    QuestionKind.MULTIPLE,
    options=(Option("A", t("a")), Option("B", t("b"))),
)
INSTRUMENT = Instrument(code="X", title=t("x"), departments={}, questions=(SIZE, HIRE, SKILLS))


def _responses(seed: int, n: int = 120) -> list[Response]:
    rng = random.Random(seed)
    found = []
    for i in range(n):
        answers = {}
        if rng.random() < 0.9:
            answers["SIZE"] = rng.choice("SML")
        if rng.random() < 0.9:
            answers["HIRE"] = rng.choice("YN")
        if rng.random() < 0.9:
            answers["SKILLS"] = frozenset(o for o in "AB" if rng.random() < 0.4)
        found.append(Response(f"r{i}", None, answers))
    return found


def test_each_group_is_the_table_of_the_respondents_who_chose_that_option():
    responses = _responses(1)
    result = crosstab(INSTRUMENT, responses, "SKILLS", "SIZE")
    assert result.groups == ("S", "M", "L")
    for group, table in zip(result.groups, result.tables, strict=True):
        alone = [r for r in responses if r.answers.get("SIZE") == group]
        [expected] = [x for x in tabulate(INSTRUMENT, alone) if x.question == "SKILLS"]
        assert (table.base, [row.count for row in table.rows]) == (
            expected.base,
            [row.count for row in expected.rows],
        )
        assert table.rows[0].interval == expected.rows[0].interval


def test_with_three_groups_each_option_is_a_chi_square_and_the_p_values_are_adjusted_together():
    result = crosstab(INSTRUMENT, _responses(2), "SKILLS", "SIZE")
    raw = []
    for index, test in enumerate(result.tests):
        table = [[t.rows[index].count, t.base - t.rows[index].count] for t in result.tables]
        expected = scipy_stats.chi2_contingency(table, correction=False)
        assert test.test == "chi-square"
        assert test.p_value == pytest.approx(expected.pvalue, abs=1e-12)
        raw.append(expected.pvalue)
    assert [x.p_adjusted for x in result.tests] == pytest.approx(adjust(raw, "holm"))


def test_with_two_groups_the_test_is_the_one_used_between_two_departments():
    result = crosstab(INSTRUMENT, _responses(3), "SKILLS", "HIRE")
    yes, no = result.tables
    first = compare(yes.rows[0].count, yes.base, no.rows[0].count, no.base)
    assert (result.tests[0].test, result.tests[0].p_value) == (first.test, first.p_value)


def test_an_option_nobody_chose_is_an_empty_group_not_a_missing_column():
    responses = [r for r in _responses(4) if r.answers.get("SIZE") != "L"]
    result = crosstab(INSTRUMENT, responses, "SKILLS", "SIZE")
    assert result.tables[2].base == 0 and result.groups[2] == "L"


@pytest.mark.parametrize(
    ("question", "by", "message"),
    [
        ("SKILLS", "SKILLS", "by itself"),
        ("SIZE", "SKILLS", '"SKILLS" is not single choice'),
        ("SKILLS", "Q9", 'No question "Q9"'),
    ],
)
def test_questions_that_cannot_be_crossed_are_refused_by_name(question, by, message):
    with pytest.raises(CrossTabError, match=message):
        crosstab(INSTRUMENT, _responses(5), question, by)


def test_a_link_takes_answers_through_its_last_day_and_not_after():
    import datetime

    from dxtalent.core.surveys.links import link_open

    day = datetime.date(2027, 3, 31)
    assert link_open(True, day, day) and link_open(True, None, day)
    assert not link_open(True, day, day + datetime.timedelta(days=1))
    assert not link_open(False, None, day)
