"""Dated ratings and the policy that gives each person's current level per skill.

Ratings are never overwritten: every assessment adds a rating. The current level is derived.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from dataclasses import dataclass, field

MIN_LEVEL = 0
MAX_LEVEL = 4


class InvalidRatingError(ValueError):
    """A rating outside the scale or with an unknown source."""


class RatingSource(enum.StrEnum):
    """Who gave a rating. Training ratings are evidence from a completed programme that waits for
    the manager's confirmation (which adds a manager rating)."""

    SELF = "self"
    MANAGER = "manager"
    VERIFIED = "verified"
    TRAINING = "training"


@dataclass(frozen=True)
class Rating:
    """One dated rating of one person's level in one skill.

    level: 0–4 (0 = none). rated_on: the day the rating refers to.
    """

    person: str
    skill: str
    level: int
    source: RatingSource
    rated_on: dt.date
    evidence: str = ""

    def __post_init__(self) -> None:
        if not MIN_LEVEL <= self.level <= MAX_LEVEL:
            raise InvalidRatingError(
                f"level {self.level} for {self.person}/{self.skill} is outside the scale; "
                f"use {MIN_LEVEL}–{MAX_LEVEL}"
            )


@dataclass(frozen=True)
class CurrentLevelPolicy:
    """Which rating counts as a person's current level in a skill.

    The sources in `order` are tried in turn; within a source the latest rating wins (ties by
    the later position in the input, i.e. the later entry). A rating older than
    `max_age_days` (when set) is ignored, so a verified rating from years ago gives way to a
    recent manager rating. Training evidence does not count until a manager confirms it.
    Default: latest verified, else latest manager, else latest self-assessment.
    """

    order: tuple[RatingSource, ...] = (
        RatingSource.VERIFIED,
        RatingSource.MANAGER,
        RatingSource.SELF,
    )
    max_age_days: int | None = None
    reference_day: dt.date | None = field(default=None, compare=False)

    def describe(self) -> str:
        names = ", else ".join(f"latest {source.value}" for source in self.order)
        age = (
            f"; ratings older than {self.max_age_days} days are ignored"
            if self.max_age_days
            else ""
        )
        return names + age


DEFAULT_POLICY = CurrentLevelPolicy()


def current_levels(
    ratings: Iterable[Rating], policy: CurrentLevelPolicy = DEFAULT_POLICY
) -> dict[tuple[str, str], Rating]:
    """The rating that gives the current level for each (person, skill) that has one.

    Ratings may come in any order. A (person, skill) with only training evidence (or only
    ratings from sources outside the policy) has no current level and is absent.
    """
    rank = {source: index for index, source in enumerate(policy.order)}
    oldest: dt.date | None = None
    if policy.max_age_days is not None:
        today = policy.reference_day or dt.date.today()
        oldest = today - dt.timedelta(days=policy.max_age_days)
    best: dict[tuple[str, str], tuple[int, dt.date, int, Rating]] = {}
    for position, rating in enumerate(ratings):
        source_rank = rank.get(rating.source)
        if source_rank is None or (oldest is not None and rating.rated_on < oldest):
            continue
        key = (rating.person, rating.skill)
        # Lower source rank wins; then the later date; then the later entry.
        candidate = (-source_rank, rating.rated_on, position, rating)
        current = best.get(key)
        if current is None or candidate[:3] > current[:3]:
            best[key] = candidate
    return {key: value[3] for key, value in best.items()}


def current_levels_from_rows(
    rows: Iterable[tuple[int, int, int, str, dt.date]], policy: CurrentLevelPolicy = DEFAULT_POLICY
) -> dict[tuple[int, int], int]:
    """The same policy as `current_levels`, for many ratings at once: rows are plain tuples
    (person id, skill id, level, source, rated_on) in the order they were recorded, and the
    result maps (person id, skill id) to the current level.

    Used where hundreds of thousands of ratings are read (the skill matrix); a test checks that
    it always agrees with `current_levels`.
    """
    rank = {source.value: index for index, source in enumerate(policy.order)}
    oldest: dt.date | None = None
    if policy.max_age_days is not None:
        oldest = (policy.reference_day or dt.date.today()) - dt.timedelta(days=policy.max_age_days)
    best: dict[tuple[int, int], tuple[int, dt.date, int]] = {}
    for person, skill, level, source, rated_on in rows:
        source_rank = rank.get(source)
        if source_rank is None or (oldest is not None and rated_on < oldest):
            continue
        key = (person, skill)
        current = best.get(key)
        # Later rows win ties, as later entries do in current_levels.
        if current is None or (-source_rank, rated_on) >= (-current[0], current[1]):
            best[key] = (source_rank, rated_on, level)
    return {key: value[2] for key, value in best.items()}
