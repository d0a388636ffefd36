"""Role fit: how close a person's current levels come to a role's targets."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Gap:
    """A skill where the person is below the role's target. size = target - level (1–4)."""

    skill: str
    target: int
    level: int

    @property
    def size(self) -> int:
        return self.target - self.level


@dataclass(frozen=True)
class RoleFit:
    """A person's fit to a role.

    score: 1 - (sum of gaps) / (sum of targets), from 0 (nothing of the role) to 1 (every
    target met); levels above a target earn nothing extra, so strength in one skill cannot hide
    a gap in another. A role without targets gives score 1.
    met: skills at or above target; gaps: the others, largest first.
    """

    person: str
    role: str
    score: float
    met: int
    total: int
    gaps: tuple[Gap, ...]

    @property
    def total_gap(self) -> int:
        return sum(gap.size for gap in self.gaps)


def role_fit(
    person: str, role: str, targets: Mapping[str, int], levels: Mapping[str, int]
) -> RoleFit:
    """Fit of one person (levels: skill → current level; a missing skill counts as 0) to one
    role (targets: skill → target level; targets of 0 are ignored)."""
    wanted = {skill: target for skill, target in targets.items() if target > 0}
    gaps = [
        Gap(skill, target, levels.get(skill, 0))
        for skill, target in wanted.items()
        if levels.get(skill, 0) < target
    ]
    gaps.sort(key=lambda gap: (-gap.size, gap.skill))
    total_target = sum(wanted.values())
    missing = sum(gap.size for gap in gaps)
    score = 1.0 if total_target == 0 else 1.0 - missing / total_target
    return RoleFit(
        person=person,
        role=role,
        score=score,
        met=len(wanted) - len(gaps),
        total=len(wanted),
        gaps=tuple(gaps),
    )


def rank_for_role(
    role: str, targets: Mapping[str, int], people: Mapping[str, Mapping[str, int]]
) -> Sequence[RoleFit]:
    """Everyone's fit to a role, best first: by score, then fewer targets missed, then the
    person's identifier (so equal fits come in a stable order)."""
    fits = [role_fit(person, role, targets, levels) for person, levels in people.items()]
    return sorted(fits, key=lambda fit: (-fit.score, fit.total - fit.met, fit.person))
