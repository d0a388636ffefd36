"""The levers a staffing plan can pull: engagements that bring people (hires, corporate
secondees, side-job professionals, the prefecture's pool, advisers) with their costs and state
support, and training programmes for in-house staff, with the checks every scenario field
shares."""

from __future__ import annotations

import dataclasses
import enum
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from dxtalent.core.diagnostics.wording import sentences
from dxtalent.core.i18n import Phrase, _, gettext_noop, yen
from dxtalent.core.planning import defaults
from dxtalent.core.planning.programmes import (
    Advice,
    Eligibility,
    Location,
    corporate_secondee_eligibility,
    side_job_eligibility,
)

MAX_HORIZON_YEARS = 30


class InvalidScenarioError(ValueError):
    """A scenario or lever that cannot be planned as given; the message names the field."""


class LeverKind(enum.StrEnum):
    """The kinds of lever. All but training acquire people from outside (strategy 1 of
    Nakagawa 2025); training develops in-house staff (strategy 2)."""

    HIRE = "hire"
    CORPORATE_SECONDEE = "corporate_secondee"  # 地域活性化起業人
    SIDE_JOB = "side_job"  # 副業人材, part-time CDO
    POOL = "pool"  # 都道府県の人材プール
    ADVISER = "adviser"  # 地域情報化アドバイザー
    TRAINING = "training"


ACQUIRE_KINDS: frozenset[LeverKind] = frozenset(set(LeverKind) - {LeverKind.TRAINING})


def _whole(value: object, where: str, low: int, high: int | None = None) -> int:
    if (
        isinstance(value, bool)
        or not isinstance(value, int)
        or value < low
        or (high is not None and value > high)
    ):
        accepted = f"from {low} to {high}" if high is not None else f"{low} or more"
        raise InvalidScenarioError(f"{where}: {value!r} is not accepted; a whole number {accepted}")
    return value


def _number(value: object, where: str, low: float, high: float, low_open: bool = False) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
        raise InvalidScenarioError(f"{where}: {value!r} is not accepted; a number")
    if value > high or value < low or (low_open and value == low):
        side = ">" if low_open else "≥"
        raise InvalidScenarioError(
            f"{where}: {value!r} is not accepted; a number {side} {low} and ≤ {high}"
        )
    return float(value)


def _levels(value: Mapping[str, int], where: str) -> Mapping[str, int]:
    if not isinstance(value, Mapping):
        raise InvalidScenarioError(f"{where}: {value!r} is not accepted; skill code → level 0–4")
    for skill, level in value.items():
        _whole(level, f"{where}.{skill}", 0, 4)
    return MappingProxyType(dict(value))


def _tristate(value: object, where: str) -> None:
    if value is not None and not isinstance(value, bool):
        raise InvalidScenarioError(
            f"{where}: {value!r} is not accepted; true, false or absent (not given)"
        )


def grown(levels: Mapping[str, int], growth: Mapping[str, int], years: int) -> dict[str, int]:
    """`levels` plus `years` × `growth` (levels gained a year in post), each capped at 4."""
    result = dict(levels)
    for skill, gain in growth.items():
        result[skill] = min(4, result.get(skill, 0) + gain * years)
    return result


def trained(levels: Mapping[str, int], raises_to: Mapping[str, int]) -> dict[str, int]:
    """The levels after a programme that brings each skill of `raises_to` to at least its
    level: max(current, level). A skill already above stays where it is; the web's "raises to
    level N", the scenario file, the planner, the checker and the Monte Carlo all read a
    programme this way (docs/scenario-format.md)."""
    result = dict(levels)
    for skill, level in raises_to.items():
        result[skill] = max(result.get(skill, 0), level)
    return result


@dataclass(frozen=True)
class Engagement:
    """What the levers that bring people have in common; not used on its own.

    cost_per_year: yen a full year of one unit costs the municipality (gross).
    levels: the levels the person brings. max_per_year: units that may start in one fiscal
    year. lead_time_years: fiscal years between deciding and starting (recruiting, matching);
    the first start is first_fiscal_year + lead_time_years.
    candidate: empty for a generic lever ("a hire from the market", counted in units); else
    the named person the lever engages (a candidate's id). A named person is engaged at most
    once at any time, across every lever naming them, and only within available_from–
    available_until (fiscal years, both included; None: open): each engagement starts and
    ends inside that range.

    state_support_per_person_year: yen of state support a full year of one unit may get at
    most: a cap on support, never the cost (0: none). location: where the organisation is;
    a scenario sets it from Scenario.location. It decides eligibility where a programme has
    area rules (地域活性化起業人).

    The one support rule for every kind: in a year with share s of a full year (0–1),
    support = min(cap × s, gross cost of that year), where cap is support_cap() (0 when not
    eligible); so support ≤ gross and the net cost, gross − support, is never below zero.
    A side job applies it to its fee and its travel separately.
    """

    code: str
    name: str
    levels: Mapping[str, int]
    cost_per_year: int
    max_per_year: int
    lead_time_years: int
    state_support_per_person_year: int = 0
    location: Location | None = None

    kind: LeverKind = field(init=False, default=LeverKind.HIRE)
    candidate: str = ""
    available_from: int | None = None
    available_until: int | None = None

    def __post_init__(self) -> None:
        where = f"lever {self.code}"
        if not isinstance(self.code, str) or not self.code:
            raise InvalidScenarioError("lever code: empty; a short code such as H-PM")
        object.__setattr__(self, "levels", _levels(self.levels, f"{where}.levels"))
        _whole(self.cost_per_year, f"{where}.cost_per_year", 0)
        _whole(self.max_per_year, f"{where}.max_per_year", 0)
        _whole(self.lead_time_years, f"{where}.lead_time_years", 0, MAX_HORIZON_YEARS)
        _whole(self.state_support_per_person_year, f"{where}.state_support_per_person_year", 0)
        if self.location is not None and not isinstance(self.location, Location):
            raise InvalidScenarioError(
                f"{where}.location: {self.location!r} is not accepted; a Location or None"
            )
        if not isinstance(self.candidate, str):
            raise InvalidScenarioError(
                f"{where}.candidate: {self.candidate!r} is not accepted; a person's id or empty"
            )
        if self.candidate and self.max_per_year > 1:
            raise InvalidScenarioError(
                f"{where}.max_per_year: {self.max_per_year} is not accepted for a named "
                f"candidate ({self.candidate}), who is one person; 0 or 1"
            )
        for bound in ("available_from", "available_until"):
            value = getattr(self, bound)
            if value is not None:
                _whole(value, f"{where}.{bound}", 1900, 2200)
        if (
            self.available_from is not None
            and self.available_until is not None
            and self.available_from > self.available_until
        ):
            raise InvalidScenarioError(
                f"{where}.available_until: {self.available_until} is before available_from "
                f"{self.available_from}; a fiscal year on or after it"
            )

    def available(self, start: int, years_left: int) -> bool:
        """Whether an engagement starting in fiscal year `start` (with `years_left` planned
        years from it) lies within the availability."""
        end = start + len(self.shares(years_left)) - 1
        return (self.available_from is None or start >= self.available_from) and (
            self.available_until is None or end <= self.available_until
        )

    @property
    def fte(self) -> float:
        """The fraction of a person one unit counts as, in coverage and headcount (0–1]."""
        return 1.0

    def shares(self, years_left: int) -> tuple[float, ...]:
        """For each fiscal year in post from the start (at most `years_left`), the share of
        a full year's cost paid: 1.0 for a whole year."""
        return (1.0,) * min(1, years_left)

    def levels_in_year(self, year_in_post: int) -> Mapping[str, int]:
        """The levels in the `year_in_post`-th fiscal year in post (0 = the first)."""
        return self.levels

    def eligibility(self) -> Eligibility | None:
        """Whether the programme behind the support applies here, and why; None: the kind
        has no area rules to check."""
        return None

    def support_cap(self) -> int:
        """Yen of state support a full year of one unit may get at most: the
        state_support_per_person_year, or 0 when eligibility() rules it out."""
        found = self.eligibility()
        if found is not None and not found.eligible:
            return 0
        return self.state_support_per_person_year

    def gross_in(self, share: float) -> int:
        """Yen paid for one unit in a year with `share` of a full year (0–1)."""
        return round(self.cost_per_year * share)

    def support_in(self, share: float) -> int:
        """Yen of state support for one unit in a year with `share` of a full year:
        min(cap × share, gross), so never more than the gross cost."""
        return min(round(self.support_cap() * share), self.gross_in(share))

    def gross_cost(self, year_in_post: int, years_left: int) -> int:
        """Yen paid for one unit in its `year_in_post`-th fiscal year (0 = first)."""
        return self.gross_in(self.shares(years_left)[year_in_post])

    def support(self, year_in_post: int, years_left: int) -> int:
        """Yen of state support for one unit in that year, at most its gross cost."""
        return self.support_in(self.shares(years_left)[year_in_post])

    def support_note(self, advice: Advice | None = Advice.FILE) -> Phrase:
        """Which support applies to this lever, its cap, and (for programmes with area
        rules) why it does or does not count here. advice: where the planner's user can act
        on it, on the plan page or in a scenario file (Advice), said in its terms; None for
        the facts alone (a report to the mayor and council)."""
        cap = self.support_cap()
        if cap:
            return Phrase(
                lambda: _(
                    "State support as given: up to {cap} a year per person, never more than the "
                    "cost; not checked against a programme's rules."
                ).format(cap=yen(cap))
            )
        if advice is None:
            return Phrase.of(gettext_noop("No state support counted."))
        where = {
            Advice.PAGE: gettext_noop(
                "A hire under a programme with support (e.g. 地域プロジェクトマネージャー, up to "
                "{cap} per person a year) may carry its cap in its “state support cap” field "
                "(the programme's rules are not checked)."
            ),
            Advice.FILE: gettext_noop(
                "A hire under a programme with support (e.g. 地域プロジェクトマネージャー, up to "
                "{cap} per person a year) may carry its cap as state_support_per_person_year in "
                "the scenario file (the programme's rules are not checked)."
            ),
        }[advice]
        return Phrase(
            lambda: sentences(
                [
                    _("No state support counted."),
                    _(where).format(cap=yen(defaults.REGIONAL_PM_SUPPORT_PER_PERSON)),
                ]
            )
        )


@dataclass(frozen=True)
class Hire(Engagement):
    """An experienced professional hired mid-career or on a fixed term (任期付).

    specialist_post: a post exempt from rotation (Higashi-Hiroshima, Kobe, Fukuoka); the
    person stays to the horizon unless term_years. rotation_years: years before a general
    post rotates the person out. term_years: a fixed term; it wins over both.
    growth_per_year: levels gained each year in post (e.g. {"CO-GOVT": 1}: understanding of
    local government grows), capped at 4.
    """

    max_per_year: int = 1
    lead_time_years: int = 1
    specialist_post: bool = False
    rotation_years: int = 4
    term_years: int | None = None
    growth_per_year: Mapping[str, int] = field(default_factory=dict)

    kind: LeverKind = field(init=False, default=LeverKind.HIRE)

    def __post_init__(self) -> None:
        super().__post_init__()
        where = f"lever {self.code}"
        _whole(self.rotation_years, f"{where}.rotation_years", 1, MAX_HORIZON_YEARS)
        if self.term_years is not None:
            _whole(self.term_years, f"{where}.term_years", 1, MAX_HORIZON_YEARS)
        object.__setattr__(
            self, "growth_per_year", _levels(self.growth_per_year, f"{where}.growth_per_year")
        )

    def years(self) -> int | None:
        """Fiscal years in post; None: stays to the horizon."""
        if self.term_years is not None:
            return self.term_years
        return None if self.specialist_post else self.rotation_years

    def shares(self, years_left: int) -> tuple[float, ...]:
        """One full share for each year in post, within `years_left`."""
        stay = self.years()
        return (1.0,) * (years_left if stay is None else min(stay, years_left))

    def levels_in_year(self, year_in_post: int) -> Mapping[str, int]:
        """The levels brought plus growth_per_year for each completed year in post."""
        return grown(self.levels, self.growth_per_year, year_in_post)


@dataclass(frozen=True)
class Secondee(Engagement):
    """A corporate secondee (地域活性化起業人): duration_years 0.5–3, arriving so the term ends
    on 31 March; a half year counts in the fiscal year it ends in and costs half.

    The state supports what the municipality pays up to state_support_per_person_year
    (default ¥5.6 M) a year, pro rata for a half year, only where the programme applies: the
    organisation in 地方圏 (or a municipality with a 条件不利地域 inside the three metropolitan
    areas) and the firm in the three metropolitan areas (firm_in_metropolitan_area; None: not
    given). Elsewhere the lever stays usable at its full cost, with support_note() saying why
    nothing is counted.
    """

    duration_years: float = 1.0
    max_per_year: int = 1
    lead_time_years: int = 1
    state_support_per_person_year: int = defaults.SECONDEE_STATE_SUPPORT_PER_PERSON_YEAR
    firm_in_metropolitan_area: bool | None = None

    kind: LeverKind = field(init=False, default=LeverKind.CORPORATE_SECONDEE)

    def __post_init__(self) -> None:
        super().__post_init__()
        where = f"lever {self.code}"
        _number(
            self.duration_years,
            f"{where}.duration_years",
            defaults.SECONDEE_MIN_YEARS,
            defaults.SECONDEE_MAX_YEARS,
        )
        if round(self.duration_years * 2) != self.duration_years * 2:
            raise InvalidScenarioError(
                f"{where}.duration_years: {self.duration_years!r} is not accepted; "
                "whole or half years from 0.5 to 3, e.g. 1.5"
            )
        _tristate(self.firm_in_metropolitan_area, f"{where}.firm_in_metropolitan_area")

    def shares(self, years_left: int) -> tuple[float, ...]:
        """The first year's share is the part of a year the term starts with; then 1.0."""
        whole = math.ceil(self.duration_years)
        found = (self.duration_years - (whole - 1),) + (1.0,) * (whole - 1)
        return found[:years_left]

    def eligibility(self) -> Eligibility:
        """地域活性化起業人's area rules for this organisation and firm."""
        return corporate_secondee_eligibility(self.location, self.firm_in_metropolitan_area)

    def support_note(self, advice: Advice | None = Advice.FILE) -> Phrase:
        """The 地域活性化起業人 support and why it counts here or not (with `advice`, what the
        planner's user can do about it)."""
        found = self.eligibility()
        cap = self.support_cap()
        if cap:
            return Phrase(
                lambda: _(
                    "地域活性化起業人 (corporate secondee): the state supports what the "
                    "municipality pays up to {cap} a year per person (pro rata for a half year, "
                    "never more than the cost). {reason}"
                ).format(cap=yen(cap), reason=found.said(advice))
            )
        if not self.eligibility().eligible:
            return Phrase(
                lambda: _(
                    "地域活性化起業人: no state support counted (the full cost is paid). {reason}"
                ).format(reason=found.said(advice))
            )
        return Phrase(
            lambda: _("地域活性化起業人: the support cap is set to ¥0. {reason}").format(
                reason=found.said(advice)
            )
        )


@dataclass(frozen=True)
class SideJob(Engagement):
    """A side-job professional or part-time CDO who keeps a private role: `fraction` of a
    person (0–1], on contracts of contract_years.

    cost_per_year: the fee (報償費) a year; travel_per_year: travel paid on top (default 0);
    the gross cost is their sum. Under 地域活性化起業人 副業型 (the organisation and the firm as
    for a Secondee, and at least 4 days a month: fraction ≥ 0.2) the state supports the fee
    up to state_support_per_person_year (¥1 M) and travel up to travel_support_per_year
    (¥1 M), each never more than what is paid; otherwise there is no support.
    """

    fraction: float = defaults.SIDE_JOB_FTE
    contract_years: int = 1
    max_per_year: int = 1
    lead_time_years: int = 0
    state_support_per_person_year: int = defaults.SIDE_JOB_FEE_SUPPORT_PER_PERSON_YEAR
    travel_per_year: int = 0
    travel_support_per_year: int = defaults.SIDE_JOB_TRAVEL_SUPPORT_PER_PERSON_YEAR
    firm_in_metropolitan_area: bool | None = None

    kind: LeverKind = field(init=False, default=LeverKind.SIDE_JOB)

    def __post_init__(self) -> None:
        super().__post_init__()
        where = f"lever {self.code}"
        _number(self.fraction, f"{where}.fraction", 0.0, 1.0, low_open=True)
        _whole(self.contract_years, f"{where}.contract_years", 1, MAX_HORIZON_YEARS)
        _whole(self.travel_per_year, f"{where}.travel_per_year", 0)
        _whole(self.travel_support_per_year, f"{where}.travel_support_per_year", 0)
        _tristate(self.firm_in_metropolitan_area, f"{where}.firm_in_metropolitan_area")

    @property
    def fte(self) -> float:
        """`fraction`."""
        return float(self.fraction)

    def shares(self, years_left: int) -> tuple[float, ...]:
        """A full share for each contract year."""
        return (1.0,) * min(self.contract_years, years_left)

    def eligibility(self) -> Eligibility:
        """地域活性化起業人 副業型's rules for this organisation, firm and time."""
        return side_job_eligibility(self.location, self.firm_in_metropolitan_area, self.fraction)

    def support_cap(self) -> int:
        """The fee's and travel's caps together (¥2 M by default), or 0 when not eligible."""
        if not self.eligibility().eligible:
            return 0
        return self.state_support_per_person_year + self.travel_support_per_year

    def gross_in(self, share: float) -> int:
        """Fee plus travel for `share` of a full year."""
        return round(self.cost_per_year * share) + round(self.travel_per_year * share)

    def support_in(self, share: float) -> int:
        """The one rule applied to the fee and to travel: min(cap × share, paid) each."""
        if not self.eligibility().eligible:
            return 0
        fee = min(
            round(self.state_support_per_person_year * share), round(self.cost_per_year * share)
        )
        travel = min(
            round(self.travel_support_per_year * share), round(self.travel_per_year * share)
        )
        return fee + travel

    def support_note(self, advice: Advice | None = Advice.FILE) -> Phrase:
        """The 副業型 support and why it counts here or not (with `advice`, what the planner's
        user can do about it)."""
        found = self.eligibility()
        if found.eligible:
            fee, travel = self.state_support_per_person_year, self.travel_support_per_year
            return Phrase(
                lambda: _(
                    "地域活性化起業人 副業型: the state supports the fee up to {fee} and travel "
                    "up to {travel} a year per person, each never more than what is paid. "
                    "{reason}"
                ).format(fee=yen(fee), travel=yen(travel), reason=found.said(advice))
            )
        return Phrase(
            lambda: _(
                "No state support counted: a side-job professional is supported only under "
                "地域活性化起業人 副業型. {reason}"
            ).format(reason=found.said(advice))
        )


@dataclass(frozen=True)
class PoolDays(Engagement):
    """Days a year of a professional from the prefecture's pool: one unit is days_per_year
    days, counting as days_per_year / 240 of a person for one fiscal year.
    cost_per_year is computed: days_per_year × cost_per_day (default 0: 普通交付税).
    allocated_per_year: the units a year the prefecture allocated, when the lever comes from an
    accepted allocation (None: a lever of a scenario file); max_per_year may not exceed it, as
    a plan cannot use days the prefecture did not give."""

    days_per_year: int = 24
    cost_per_day: int = defaults.POOL_COST_PER_DAY
    cost_per_year: int = -1
    max_per_year: int = 1
    lead_time_years: int = 0
    allocated_per_year: int | None = None

    kind: LeverKind = field(init=False, default=LeverKind.POOL)

    def __post_init__(self) -> None:
        where = f"lever {self.code}"
        _whole(self.days_per_year, f"{where}.days_per_year", 1, defaults.FULL_TIME_DAYS)
        _whole(self.cost_per_day, f"{where}.cost_per_day", 0)
        object.__setattr__(self, "cost_per_year", self.days_per_year * self.cost_per_day)
        super().__post_init__()
        if self.allocated_per_year is not None:
            allocated = _whole(self.allocated_per_year, f"{where}.allocated_per_year", 0)
            if self.max_per_year > allocated:
                raise InvalidScenarioError(
                    _(
                        "{where}.max_per_year: {value} is not accepted; the prefecture allocated "
                        "{days} days ({allocated} × {unit}), so a plan can use at most {allocated}"
                    ).format(
                        where=where,
                        value=self.max_per_year,
                        days=allocated * self.days_per_year,
                        allocated=allocated,
                        unit=self.days_per_year,
                    )
                )

    @property
    def fte(self) -> float:
        """days_per_year / 240."""
        return self.days_per_year / defaults.FULL_TIME_DAYS

    def support_note(self, advice: Advice | None = Advice.FILE) -> Phrase:
        """Why the pool costs the municipality nothing by default and has no support (the
        same with or without `advice`)."""
        return Phrase.of(
            gettext_noop(
                "The prefecture's pool: the prefecture pays (普通交付税 from FY2025), so the "
                "municipality's cost is ¥0 a day by default; a cost given here is the "
                "municipality's own, with no state support."
            )
        )


@dataclass(frozen=True)
class Adviser(Engagement):
    """A short adviser visit (地域情報化アドバイザー): days_per_visit days (default 3), MIC pays
    (default cost 0); one unit counts as days / 240 of a person for one fiscal year."""

    days_per_visit: int = defaults.ADVISER_DAYS_PER_VISIT
    cost_per_year: int = defaults.ADVISER_COST_PER_VISIT
    max_per_year: int = 1
    lead_time_years: int = 0

    kind: LeverKind = field(init=False, default=LeverKind.ADVISER)

    def __post_init__(self) -> None:
        super().__post_init__()
        _whole(self.days_per_visit, f"lever {self.code}.days_per_visit", 1, defaults.FULL_TIME_DAYS)

    @property
    def fte(self) -> float:
        """days_per_visit / 240."""
        return self.days_per_visit / defaults.FULL_TIME_DAYS

    def support_note(self, advice: Advice | None = Advice.FILE) -> Phrase:
        """Why an adviser visit costs the municipality nothing by default (the same with or
        without `advice`)."""
        return Phrase.of(
            gettext_noop(
                "地域情報化アドバイザー: MIC pays the adviser's fees and travel itself, so the "
                "municipality's cost is ¥0 by default; a cost given here is the municipality's "
                "own, with no state support."
            )
        )


@dataclass(frozen=True)
class Training:
    """A training programme for in-house staff.

    raises_to: skill → the level the programme brings a trainee to (1–4): afterwards the
    trainee is at max(current level, that level); a programme never adds levels on top
    (`trained`). seats_per_year: trainees who may start in one fiscal year. cost_per_seat:
    yen, paid in the start year. months: length (1–36); the levels count from
    ceil(months / 12) fiscal years after the start. prerequisites: minimum levels to enrol.
    outside_working_hours: held outside working hours. completion_rate: the share of trainees
    expected to complete (0–1]; default 1 in working hours and
    defaults.OUTSIDE_HOURS_COMPLETION_RATE outside them (many staff cannot attend, Nakagawa
    2025, "Data and Empirics"). A trainee counts as completion_rate of a person in expected
    coverage; the Monte Carlo draws completion per trainee and run.
    Only in-house DX staff (not is_external) may enrol, each in at most one programme over
    the horizon, and only if still in post when the training completes (at the end of the
    fiscal year before the levels count). A trainee who rotates out takes the skill with them.
    """

    code: str
    name: str
    raises_to: Mapping[str, int]
    seats_per_year: int = defaults.TRAINING_SEATS_PER_YEAR
    cost_per_seat: int = defaults.TRAINING_COST_PER_SEAT
    months: int = defaults.TRAINING_MONTHS
    prerequisites: Mapping[str, int] = field(default_factory=dict)
    outside_working_hours: bool = False
    completion_rate: float | None = None

    kind: LeverKind = field(init=False, default=LeverKind.TRAINING)

    def __post_init__(self) -> None:
        where = f"lever {self.code}"
        if not isinstance(self.code, str) or not self.code:
            raise InvalidScenarioError("lever code: empty; a short code such as T-PM")
        object.__setattr__(self, "raises_to", _levels(self.raises_to, f"{where}.raises_to"))
        if not self.raises_to or not any(self.raises_to.values()):
            raise InvalidScenarioError(
                f"{where}.raises_to: empty; at least one skill code → the level 1–4 the "
                "programme brings a trainee to"
            )
        object.__setattr__(
            self, "prerequisites", _levels(self.prerequisites, f"{where}.prerequisites")
        )
        _whole(self.seats_per_year, f"{where}.seats_per_year", 0)
        _whole(self.cost_per_seat, f"{where}.cost_per_seat", 0)
        _whole(self.months, f"{where}.months", 1, 36)
        if not isinstance(self.outside_working_hours, bool):
            raise InvalidScenarioError(
                f"{where}.outside_working_hours: {self.outside_working_hours!r} is not "
                "accepted; true or false"
            )
        if self.completion_rate is None:
            rate = defaults.OUTSIDE_HOURS_COMPLETION_RATE if self.outside_working_hours else 1.0
            object.__setattr__(self, "completion_rate", rate)
        else:
            _number(self.completion_rate, f"{where}.completion_rate", 0.0, 1.0, low_open=True)

    @property
    def lead_time_years(self) -> int:
        """Fiscal years from the start until the levels count: ceil(months / 12)."""
        return math.ceil(self.months / 12)

    @property
    def expected_completion(self) -> float:
        """The share of a trainee counted in expected coverage: completion_rate (0–1]."""
        return float(self.completion_rate or 1.0)

    def admits(self, levels: Mapping[str, int]) -> bool:
        """Whether `levels` meet every prerequisite."""
        return all(levels.get(skill, 0) >= level for skill, level in self.prerequisites.items())

    def trained(self, levels: Mapping[str, int]) -> dict[str, int]:
        """`levels` after completing the programme (module function `trained`)."""
        return trained(levels, self.raises_to)


Lever = Hire | Secondee | SideJob | PoolDays | Adviser | Training

EngagementLever = Hire | Secondee | SideJob | PoolDays | Adviser


def located(levers: tuple[Lever, ...], location: Location | None) -> tuple[Lever, ...]:
    """`levers` with each engagement at `location` (training has none)."""
    return tuple(
        lever
        if isinstance(lever, Training) or lever.location == location
        else dataclasses.replace(lever, location=location)
        for lever in levers
    )
