"""The demo survey's synthetic answers: every invited organisation's DX and HR departments
answer the questionnaire reconstructed from the paper, all but the last submitted.

Everything here is invented; the answers come from a seeded random draw, not from the paper's
figures.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

TITLE = "デジタル人材に関する調査（デモ：回答は架空）"
DEPARTMENTS = ("dx", "hr")


@dataclass(frozen=True)
class DemoAnswer:
    """One invitation's answers: respondent is an index into the invited organisations,
    department one of DEPARTMENTS, answers option codes by question code, submitted False for
    a draft."""

    respondent: int
    department: str
    answers: dict[str, list[str]]
    submitted: bool


def generate_answers(
    instrument: Mapping[str, Any], respondents: int, seed: int
) -> tuple[DemoAnswer, ...]:
    """Answers for `respondents` organisations (each with DEPARTMENTS, in that order) to the
    questions of `instrument` (core.surveys.instrument_to_dict form) asked of the department.

    The i-th option (the exclusive "none of these" aside) is ticked with probability
    0.6 - 0.08 i; nothing ticked gives the exclusive option. The last invitation is a draft
    holding only its first answer. The same seed always gives the same answers."""
    rng = random.Random(seed)  # noqa: S311 - synthetic demo answers, not secrets
    pairs = [(o, d) for o in range(respondents) for d in DEPARTMENTS]
    found = []
    for number, (respondent, department) in enumerate(pairs):
        answers: dict[str, list[str]] = {}
        for q in instrument["questions"]:
            if department not in q["departments"]:
                continue
            items = [o["code"] for o in q["options"] if o["code"] != q["exclusive"]]
            ticked = [c for i, c in enumerate(items) if rng.random() < 0.6 - 0.08 * i]
            answers[q["code"]] = sorted(ticked) or [q["exclusive"]]
        last = number == len(pairs) - 1
        found.append(
            DemoAnswer(
                respondent,
                department,
                dict(list(answers.items())[:1]) if last else answers,
                not last,
            )
        )
    return tuple(found)
