"""Ratings, the current-level policy, role fit, ranking and the team skill matrix."""

from dxtalent.core.assessments.fit import Gap, RoleFit, rank_for_role, role_fit
from dxtalent.core.assessments.levels import (
    DEFAULT_POLICY,
    CurrentLevelPolicy,
    InvalidRatingError,
    Rating,
    RatingSource,
    current_levels,
    current_levels_from_rows,
)
from dxtalent.core.assessments.matrix import SkillMatrix, build_matrix

__all__ = [
    "DEFAULT_POLICY",
    "CurrentLevelPolicy",
    "Gap",
    "InvalidRatingError",
    "Rating",
    "RatingSource",
    "RoleFit",
    "SkillMatrix",
    "build_matrix",
    "current_levels",
    "current_levels_from_rows",
    "rank_for_role",
    "role_fit",
]
