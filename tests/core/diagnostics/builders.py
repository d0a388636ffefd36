"""Small hand-built teams for the diagnostics tests.

The reference day is 1 June 2025, so the current fiscal year is FY2025 and the default
horizon runs FY2025–FY2029. Unless a test says otherwise people are in specialist posts, so
they stay and only the departures a test sets up happen.
"""

from __future__ import annotations

import datetime as dt

from dxtalent.core.diagnostics import (
    Capability,
    DiagnosisSettings,
    LevelCriterion,
    TeamMember,
)
from dxtalent.core.diagnostics.team import TeamView, view_team
from dxtalent.core.frameworks import Role, Text

TODAY = dt.date(2025, 6, 1)
SETTINGS = DiagnosisSettings(today=TODAY)

# Level 3 in the paper's four abilities and in understanding local government.
STRONG = {"CO-COMM": 3, "CO-LEAD": 3, "CO-NEGO": 3, "CO-SPEC": 3, "CO-GOVT": 3}
# The central figure's role targets: level 4 in the four abilities and in understanding local
# government (CENTRAL_FIGURE_MINIMUMS).
LEADER = {"CO-COMM": 4, "CO-LEAD": 4, "CO-NEGO": 4, "CO-SPEC": 4, "CO-GOVT": 4}


def person(person_id: str, name: str | None = None, **changes: object) -> TeamMember:
    """A DX member in a specialist post with no skills, changed as the test says."""
    fields: dict[str, object] = {
        "id": person_id,
        "name": name or person_id,
        "levels": {},
        "specialist_post": True,
    }
    fields.update(changes)
    return TeamMember(**fields)


def rotating(person_id: str, post_start: dt.date, **changes: object) -> TeamMember:
    """A regular member who rotates, in post since post_start."""
    return person(person_id, post_start=post_start, specialist_post=False, **changes)


def skill_capability(
    code: str, minimums: dict[str, int], target: int, critical: bool = True
) -> Capability:
    return Capability(
        code=code,
        name=Text(f"能力{code}", f"capability {code}"),
        criterion=LevelCriterion(minimums),
        target=target,
        critical=critical,
    )


SPEC = Capability(
    code="SPEC",
    name=Text("仕様書作成", "specification writing"),
    criterion=LevelCriterion({"CO-SPEC": 2}),
    target=3,
)


def role(code: str, targets: dict[str, int], name: str = "ロール") -> Role:
    return Role(
        code=code,
        name=Text(name, f"Role {code}"),
        description=Text("説明", "description"),
        scope="project",
        rank=1,
        targets=targets,
        source="hand-built for tests",
    )


def view(
    members: list[TeamMember],
    capabilities: list[Capability] | None = None,
    settings: DiagnosisSettings = SETTINGS,
) -> TeamView:
    return view_team(members, capabilities or [], settings)
