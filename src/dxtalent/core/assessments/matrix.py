"""The team skill matrix: people × skills, each cell a current level or empty."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class SkillMatrix:
    """people: row identifiers; skills: column codes; levels[i][j]: level of people[i] in
    skills[j], or None when there is no current rating; targets[j]: the chosen role's target
    for skills[j] (None without a role)."""

    people: tuple[str, ...]
    skills: tuple[str, ...]
    levels: tuple[tuple[int | None, ...], ...]
    targets: tuple[int | None, ...]

    def coverage(self, minimum: int | None = None) -> tuple[int, ...]:
        """For each skill, how many people reach `minimum` (default: the skill's target, else 3)."""
        counts = []
        for column, skill_target in enumerate(self.targets):
            threshold = minimum if minimum is not None else (skill_target or 3)
            counts.append(sum(1 for row in self.levels if (row[column] or 0) >= threshold))
        return tuple(counts)


def build_matrix(
    people: Sequence[str],
    skills: Sequence[str],
    levels: Mapping[tuple[str, str], int],
    targets: Mapping[str, int] | None = None,
) -> SkillMatrix:
    """The matrix of `people` × `skills` from current levels keyed by (person, skill)."""
    rows = tuple(tuple(levels.get((person, skill)) for skill in skills) for person in people)
    target_row = tuple((targets or {}).get(skill) for skill in skills)
    return SkillMatrix(people=tuple(people), skills=tuple(skills), levels=rows, targets=target_row)
