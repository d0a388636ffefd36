"""Instruments, who is asked what, and tabulation with the right denominator."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dxtalent.core.frameworks import Text
from dxtalent.core.surveys import (
    Condition,
    Instrument,
    InvalidInstrumentError,
    Option,
    Question,
    QuestionKind,
    Response,
    audit,
    check_answer,
    compare_groups,
    compare_options,
    instrument_from_dict,
    instrument_from_tables,
    instrument_to_dict,
    shipped_tables,
    tabulate,
    tabulate_loops,
)


def t(text: str) -> Text:
    return Text(text, text)


INSTRUMENT = Instrument(
    code="TEST",
    title=t("test"),
    departments={"dx": t("DX"), "hr": t("HR")},
    questions=(
        Question(
            "Q1",
            t("Do you hire?"),
            QuestionKind.SINGLE,
            options=(Option("Y", t("yes")), Option("N", t("no"))),
        ),
        Question(
            "Q2",
            t("Which skills?"),
            QuestionKind.MULTIPLE,
            options=(Option("A", t("a")), Option("B", t("b")), Option("NONE", t("none"))),
            exclusive="NONE",
            departments=("dx",),
        ),
        Question(
            "Q3",
            t("Which posts?"),
            QuestionKind.MULTIPLE,
            options=(Option("P", t("p")), Option("S", t("s"))),
            condition=Condition("Q1", "Y"),
        ),
    ),
)


def r(name, department, **answers):
    return Response(
        name, department, {k: frozenset(v) if isinstance(v, set) else v for k, v in answers.items()}
    )


RESPONSES = [
    r("1", "dx", Q1="Y", Q2={"A", "B"}, Q3={"P"}),
    r("2", "dx", Q1="N", Q2=set(), Q3={"S"}),  # Q3 not asked (routing): its answer is ignored
    r("3", "dx", Q1="Y"),  # Q2 and Q3 asked, not answered
    r("4", "hr", Q1="Y", Q2={"A"}, Q3=set()),  # Q2 not asked of HR
    r("5", "hr", Q1="N"),
]


def table_of(tables, question, group=None):
    return next(x for x in tables if x.question == question and x.group == group)


def test_the_base_is_who_was_asked_and_answered():
    tables = tabulate(INSTRUMENT, RESPONSES)
    q2 = table_of(tables, "Q2")
    assert (q2.asked, q2.answered, q2.base) == (3, 2, 2)
    assert [(row.option, row.count) for row in q2.rows] == [("A", 1), ("B", 1), ("NONE", 0)]
    q3 = table_of(tables, "Q3")
    assert (q3.asked, q3.answered, q3.base) == (3, 2, 2)  # asked of Q1 = Y only
    assert [row.count for row in q3.rows] == [1, 0]
    q1 = table_of(tables, "Q1")
    assert q1.base == 5 and [row.count for row in q1.rows] == [3, 2]


def test_ticking_nothing_counts_in_the_base_unless_told_otherwise():
    q2 = table_of(tabulate(INSTRUMENT, RESPONSES, empty_counts=False), "Q2")
    assert q2.base == 1 and q2.rows[0].share == 1.0
    q3 = table_of(tabulate(INSTRUMENT, RESPONSES, empty_counts=False), "Q3")
    assert q3.base == 1


def test_tables_by_department_and_a_comparison_of_two():
    tables = tabulate(INSTRUMENT, RESPONSES, by="department")
    assert [x.base for x in tables if x.question == "Q1"] == [3, 2]
    assert table_of(tables, "Q2", "hr").asked == 0
    found = compare_groups(tables, "Q1", "dx", "hr")
    assert found == compare_options([2, 1], 3, [1, 1], 2)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(("dx", "hr", None)),
            st.sampled_from(("Y", "N", None)),
            st.one_of(st.none(), st.sets(st.sampled_from(("A", "B")))),
            st.one_of(st.none(), st.sets(st.sampled_from(("P", "S")))),
        ),
        max_size=40,
    ),
    st.booleans(),
)
def test_the_arrays_count_as_a_loop_over_responses_does(rows, empty_counts):
    responses = []
    for i, (department, q1, q2, q3) in enumerate(rows):
        answers = {}
        for code, value in (("Q1", q1), ("Q2", q2), ("Q3", q3)):
            if value is not None:
                answers[code] = frozenset(value) if isinstance(value, set) else value
        responses.append(Response(str(i), department, answers))
    expected = tabulate_loops(INSTRUMENT, responses, empty_counts)
    for table in tabulate(INSTRUMENT, responses, empty_counts=empty_counts):
        for row in table.rows:
            assert (row.count, row.base) == expected[table.question, row.option]


def test_answers_are_checked_against_the_question():
    q2 = INSTRUMENT.question("Q2")
    assert check_answer(q2, ["A", "B"]) == frozenset({"A", "B"})
    with pytest.raises(InvalidInstrumentError, match="NONE cannot be ticked with another"):
        check_answer(q2, ["A", "NONE"])
    with pytest.raises(InvalidInstrumentError, match="Q1: 'maybe' is not accepted; one of Y, N"):
        check_answer(INSTRUMENT.question("Q1"), "maybe")
    scale = Question("S", t("s"), QuestionKind.SCALE, scale=(1, 5))
    with pytest.raises(InvalidInstrumentError, match="from 1 to 5"):
        check_answer(scale, 6)


def test_a_condition_on_a_later_question_is_refused():
    with pytest.raises(InvalidInstrumentError, match="not an earlier question"):
        Instrument(
            "X",
            t("x"),
            (
                Question("A", t("a"), QuestionKind.TEXT, condition=Condition("B", "Y")),
                Question("B", t("b"), QuestionKind.SINGLE, options=(Option("Y", t("y")),)),
            ),
        )


def test_the_instrument_reconstructed_from_the_tables_reproduces_them():
    tables = shipped_tables()
    instrument = instrument_from_tables(tables)
    assert [q.code for q in instrument.questions] == [f"Q{n}" for n in range(2, 10)]
    q4 = instrument.question("Q4")
    assert q4.departments == ("dx",) and q4.option_codes()[:2] == ("JMRC-01", "JMRC-02")
    # Stored as plain values in both languages (its words are core's phrases), read back whole.
    stored = instrument_to_dict(instrument)
    assert instrument_to_dict(instrument_from_dict(stored)) == stored
    assert stored["questions"][2]["options"][-1]["label"] == {
        "ja": "該当するものはない",
        "en": "None of these",
    }
    # Responses that tick each printed item as often as the table says, from the table's base.
    responses = []
    for department, base in (("dx", 233), ("hr", 237)):
        for i in range(base):
            answers = {}
            for question in instrument.questions:
                if department not in question.departments:
                    continue
                table = tables.table(int(question.code[1:]))
                ticked = frozenset(
                    option.code
                    for option, row in zip(question.options, table.rows, strict=False)
                    if i < row.count
                )
                answers[question.code] = ticked or frozenset({"NONE"})
            responses.append(Response(f"{department}{i}", department, answers))
    verdicts = {(v.table, v.row): v for v in audit(tables)}
    for found in tabulate(instrument, responses):
        table = tables.table(int(found.question[1:]))
        assert found.base == table.denominator
        assert found.rows[-1].option == "NONE"
        for number, row in enumerate(found.rows[:-1], start=1):
            printed = table.row(number)
            assert row.count == printed.count
            if verdicts[table.number, number].consistent:
                assert f"{100 * row.count / row.base:.1f}" == printed.percent
