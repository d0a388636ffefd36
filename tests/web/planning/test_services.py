"""The plan page's derived views of a plan, on hand-built scenarios."""

import datetime as dt

from dxtalent.core.diagnostics import TeamMember
from dxtalent.core.planning import Action, LeverKind, Plan, PlanStatus
from dxtalent.web.planning.services import summary, who_is_in_post
from tests.core.planning.builders import hire, person, scenario, training


def test_who_is_in_post_shows_training_then_its_effect_and_each_engagement():
    gone = TeamMember("G", "gone", {"PM": 3}, hard_end=dt.date(2025, 3, 31))
    leaving = TeamMember("L", "leaving", {"PM": 2}, hard_end=dt.date(2027, 3, 31))
    s = scenario(
        (training(), hire("H", 5_000_000)), team=(person("A", PM=2), leaving, gone), years=3
    )
    actions = (
        Action(2025, "T-PM", LeverKind.TRAINING, 1, "A"),
        Action(2026, "H", LeverKind.HIRE, 2),
    )
    plan = Plan(PlanStatus.OPTIMAL, "cost", "mix", s.fiscal_years(), actions=actions)
    rows = who_is_in_post(s, plan)
    assert [(row.person, row.cells) for row in rows if row.kind == "staff"] == [
        ("A", ["training", "trained", "trained"]),
        ("L", ["in", "in", ""]),
    ]
    engaged = [row for row in rows if row.kind != "staff"]
    assert [(row.label, row.cells) for row in engaged] == [("H ×2", ["", "engaged", "engaged"])]


def test_the_summary_reads_the_weakest_point_and_the_yearly_chance_from_the_risk():
    s = scenario((), team=(person("A", PM=3),), years=2)
    plan = Plan(PlanStatus.OPTIMAL, "cost", "mix", s.fiscal_years())
    risk = {
        "fiscal_years": [2025, 2026],
        "all_met": [1.0, 0.25],
        "capabilities": {"PM": {"2025": 1.0, "2026": 0.25}, "GOV": {"2025": 0.5, "2026": 0.75}},
    }
    found = summary("mix", plan, s, risk)
    assert found.all_met == [(2025, 1.0), (2026, 0.25)]
    assert found.weakest == ("PM", 2026, 0.25)
    assert found.held == (1.0 + 0.25 + 0.5 + 0.75) / 4
    assert summary("mix", plan, s).weakest is None
