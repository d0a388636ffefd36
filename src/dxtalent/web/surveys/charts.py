"""Survey chart data: the Plotly traces of the results page and the paired questions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from dxtalent.web.surveys.services import QuestionResult, ResultCell, instrument_of


def chart_data(found: Sequence[QuestionResult]) -> list[dict[str, Any]]:
    """Per question, per group, each option's share with its interval as error bars."""
    charts = []
    for result in found:
        if not result.answered:
            continue
        traces = []
        for g, group in enumerate(result.groups):
            cells = [row.cells[g] for row in result.rows]
            traces.append(
                {
                    "name": f"{group} (n={result.bases[g]})",
                    "labels": [row.label for row in result.rows],
                    "share": [c.share for c in cells],
                    "minus": [None if c.share is None else c.share - (c.low or 0) for c in cells],
                    "plus": [None if c.share is None else (c.high or 0) - c.share for c in cells],
                }
            )
        charts.append({"code": result.code, "traces": traces})
    return charts


@dataclass(frozen=True)
class PairedQuestions:
    """Two questions asked of different departments that share options (as the paper's
    Tables 4 and 5, 8 and 9), side by side on the shared options."""

    first: QuestionResult
    second: QuestionResult
    rows: list[tuple[str, ResultCell, ResultCell, Any]]  # label, first, second, Comparison


def paired(survey: Any, found: Sequence[QuestionResult], language: str) -> list[PairedQuestions]:
    """Pairs of single-department questions with at least two options in common (the
    "none of these" option aside): each shared option's share in both departments, the
    difference with Newcombe's interval and the test, Holm-adjusted across the shared
    options."""
    from dxtalent.core.surveys import compare_options

    instrument = instrument_of(survey)
    by_code = {result.code: result for result in found}
    questions = [
        q
        for q in instrument.questions
        if q.code in by_code and len(q.departments) == 1 and by_code[q.code].answered
    ]
    pairs = []
    used: set[str] = set()
    for i, one in enumerate(questions):
        for two in questions[i + 1 :]:
            if one.code in used or two.code in used or one.departments == two.departments:
                continue
            shared = [
                code
                for code in one.option_codes()
                if code in two.option_codes() and code not in (one.exclusive, two.exclusive)
            ]
            if len(shared) < 2:
                continue
            first, second = by_code[one.code], by_code[two.code]
            cells_one = {o: first.rows[k].cells[0] for k, o in enumerate(one.option_codes())}
            cells_two = {o: second.rows[k].cells[0] for k, o in enumerate(two.option_codes())}
            comparisons = compare_options(
                [cells_one[c].count for c in shared],
                cells_one[shared[0]].base,
                [cells_two[c].count for c in shared],
                cells_two[shared[0]].base,
            )
            labels = {o.code: o.label.get(language) for o in one.options}
            pairs.append(
                PairedQuestions(
                    first,
                    second,
                    [
                        (labels[code], cells_one[code], cells_two[code], comparison)
                        for code, comparison in zip(shared, comparisons, strict=True)
                    ],
                )
            )
            used.update({one.code, two.code})
    return pairs
