"""Benchmark: survey tabulation at national scale.

1,788 respondents (every local government) × 300 option columns (50 multiple-choice
questions of 6 options; each asked of one department or of both; one in five routed on an
earlier answer). Figures printed:
- the whole analysis: every question's table for all respondents and by department (counts,
  base, Wilson interval per option) and the two departments compared option by option
  (Newcombe interval, chi-square or Fisher, Holm across each question's options); target
  under 2 s, median of REPEAT;
- the baseline in the same run: the same counts and bases with plain Python loops over the
  responses for each option (tabulate_loops), and the ratio;
- that both give the same counts (must be "yes").
"""

from __future__ import annotations

import random
import statistics
import sys
import time

from _speed import row
from dxtalent.core.frameworks import Text
from dxtalent.core.surveys import (
    Condition,
    Instrument,
    Option,
    Question,
    QuestionKind,
    Response,
    compare_groups,
    matrix,
    tabulate,
    tabulate_loops,
)

RESPONDENTS = 1_788
QUESTIONS = 50
OPTIONS = 6
REPEAT = 3


def instrument() -> Instrument:
    questions = []
    for q in range(QUESTIONS):
        departments = ("dx",) if q % 3 == 0 else ("hr",) if q % 3 == 1 else ()
        condition = None
        # Routed on the previous question when everyone asked this one was asked that one.
        if q % 5 == 4 and questions[q - 1].departments in ((), departments):
            condition = Condition(questions[q - 1].code, "O0")
        questions.append(
            Question(
                f"Q{q:02}",
                Text(f"問{q}", f"Question {q}"),
                QuestionKind.MULTIPLE,
                options=tuple(
                    Option(f"O{o}", Text(f"選択肢{o}", f"option {o}")) for o in range(OPTIONS)
                ),
                departments=departments,
                condition=condition,
            )
        )
    return Instrument(
        "BENCH",
        Text("bench", "bench"),
        tuple(questions),
        departments={"dx": Text("DX", "DX"), "hr": Text("人事", "HR")},
    )


def responses(survey: Instrument, seed: int = 0) -> list[Response]:
    rng = random.Random(seed)
    found = []
    for r in range(RESPONDENTS):
        department = "dx" if r % 2 == 0 else "hr"
        answers = {}
        for question in survey.questions:
            if rng.random() < 0.05:
                continue  # not answered
            answers[question.code] = frozenset(
                option.code
                for option in question.options
                if rng.random() < 0.1 + 0.1 * int(option.code[1:])
            )
        found.append(
            Response(f"R{r:04}", department, answers, {"size": rng.choice(("small", "large"))})
        )
    return found


def analysis(survey: Instrument, data: list[Response]) -> int:
    """Every table, interval and comparison; returns the number of comparisons made."""
    found = matrix(survey, data)
    tabulate(survey, data, found=found)
    by_department = tabulate(survey, data, by="department", found=found)
    comparisons = 0
    for question in survey.questions:
        groups = {t.group for t in by_department if t.question == question.code and t.base}
        if {"dx", "hr"} <= groups:
            comparisons += len(compare_groups(by_department, question.code, "dx", "hr"))
    return comparisons


def main() -> int:
    survey = instrument()
    data = responses(survey)
    times = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        comparisons = analysis(survey, data)
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    start = time.perf_counter()
    expected = tabulate_loops(survey, data)
    loop_seconds = time.perf_counter() - start
    start = time.perf_counter()
    tables = tabulate(survey, data)
    table_seconds = time.perf_counter() - start
    same = all(
        (row.count, row.base) == expected[table.question, row.option]
        for table in tables
        for row in table.rows
    )
    columns = QUESTIONS * OPTIONS
    print(
        f"survey analysis, {RESPONDENTS:,} respondents × {columns} option columns: every table "
        f"(all and by department, with Wilson intervals) and {comparisons} department comparisons "
        f"(Newcombe, chi-square or Fisher, Holm) in {median:.2f} s (target < 2 s; median of {REPEAT})"
    )
    print(
        f"baseline, plain loops over the responses for each option: {loop_seconds:.2f} s for the "
        f"counts alone, against {table_seconds:.2f} s for the same tables with intervals "
        f"({loop_seconds / table_seconds:.1f}x)"
    )
    print(f"same counts and bases as the loops: {'yes' if same else 'NO'}")
    row(
        f"survey analysis, {RESPONDENTS:,} respondents × {columns} option columns: every "
        "table with Wilson intervals, all and by department, and the departments compared "
        "option by option (target < 2 s)",
        f"{median:.2f} s",
        f"the counts alone with plain loops over the responses: {loop_seconds:.2f} s, against "
        f"{table_seconds:.2f} s for the tables with intervals",
    )
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
