"""A staffing scenario: the horizon, the budget, the targets, the team and the levers.

Time runs in fiscal years. A person (or a fraction of one) counts in a fiscal year when in
post at its end, 31 March, as in core.diagnostics.rotation, whose `years_in_post` decides who
is in post when, seen from the scenario's `as_of` day (the day its team data describes): a
move on 1 April of the first planned year has happened before that year is counted. Engagement levers (hires,
secondees, side-job professionals, pool days, adviser visits) start in a fiscal year and stay
for a number of fiscal years; training starts in a fiscal year and its levels count from
`lead_time_years` later (a 7-month programme taken in FY2025 counts from FY2026: trainees
study during the year and apply it the next, as in the planning notes §1.3).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from dxtalent.core.calendar import fiscal_year_of, fiscal_year_start
from dxtalent.core.diagnostics import (
    Capability,
    DiagnosisSettings,
    LevelCriterion,
    TeamMember,
    years_in_post,
)
from dxtalent.core.frameworks import Text
from dxtalent.core.planning import defaults
from dxtalent.core.planning.programmes import (
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


def _yen(amount: int) -> str:
    return f"¥{amount:,}"


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

    def support_note(self) -> Text:
        """Which support applies to this lever, its cap, and (for programmes with area
        rules) why it does or does not count here."""
        cap = self.support_cap()
        if cap:
            return Text(
                f"入力された国の支援: 1人あたり年{_yen(cap)}まで（費用を超えない）。"
                "制度の要件は確認していません。",
                f"State support as given: up to {_yen(cap)} a year per person, never more than "
                "the cost; not checked against a programme's rules.",
            )
        return Text(
            "国の支援は計上していません。支援のある制度で採用する場合（例: 地域プロジェクト"
            f"マネージャー、1人あたり{_yen(defaults.REGIONAL_PM_SUPPORT_PER_PERSON)}まで）は "
            "state_support_per_person_year に上限を入力できます（制度の要件は確認しません）。",
            "No state support counted. A hire under a programme with support (e.g. "
            "地域プロジェクトマネージャー, up to "
            f"{_yen(defaults.REGIONAL_PM_SUPPORT_PER_PERSON)} per person) may carry its cap as "
            "state_support_per_person_year (the programme's rules are not checked).",
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

    def support_note(self) -> Text:
        """The 地域活性化起業人 support and why it counts here or not."""
        reason = self.eligibility().reason
        cap = self.support_cap()
        if cap:
            return Text(
                f"地域活性化起業人（企業派遣型）: 団体が負担する経費を国が1人あたり年{_yen(cap)}まで"
                f"支援（半年は按分、費用を超えない）。{reason.ja}",
                f"地域活性化起業人 (corporate secondee): the state supports what the "
                f"municipality pays up to {_yen(cap)} a year per person (pro rata for a half "
                f"year, never more than the cost). {reason.en}",
            )
        if not self.eligibility().eligible:
            return Text(
                f"地域活性化起業人: 国の支援は計上していません（費用は全額負担）。{reason.ja}",
                f"地域活性化起業人: no state support counted (the full cost is paid). {reason.en}",
            )
        return Text(
            f"地域活性化起業人: 支援の上限が0円に設定されています。{reason.ja}",
            f"地域活性化起業人: the support cap is set to ¥0. {reason.en}",
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

    def support_note(self) -> Text:
        """The 副業型 support and why it counts here or not."""
        reason = self.eligibility().reason
        if self.eligibility().eligible:
            fee, travel = (
                _yen(self.state_support_per_person_year),
                _yen(self.travel_support_per_year),
            )
            return Text(
                f"地域活性化起業人（副業型）: 国の支援は1人あたり年に報償費{fee}まで・旅費{travel}まで"
                f"（それぞれ支払額を超えない）。{reason.ja}",
                f"地域活性化起業人 副業型: the state supports the fee up to {fee} and travel up "
                f"to {travel} a year per person, each never more than what is paid. {reason.en}",
            )
        return Text(
            "国の支援は計上していません。副業人材への支援は地域活性化起業人（副業型）に限られます。"
            f"{reason.ja}",
            "No state support counted: a side-job professional is supported only under "
            f"地域活性化起業人 副業型. {reason.en}",
        )


@dataclass(frozen=True)
class PoolDays(Engagement):
    """Days a year of a professional from the prefecture's pool: one unit is days_per_year
    days, counting as days_per_year / 240 of a person for one fiscal year.
    cost_per_year is computed: days_per_year × cost_per_day (default 0: 普通交付税)."""

    days_per_year: int = 24
    cost_per_day: int = defaults.POOL_COST_PER_DAY
    cost_per_year: int = -1
    max_per_year: int = 1
    lead_time_years: int = 0

    kind: LeverKind = field(init=False, default=LeverKind.POOL)

    def __post_init__(self) -> None:
        where = f"lever {self.code}"
        _whole(self.days_per_year, f"{where}.days_per_year", 1, defaults.FULL_TIME_DAYS)
        _whole(self.cost_per_day, f"{where}.cost_per_day", 0)
        object.__setattr__(self, "cost_per_year", self.days_per_year * self.cost_per_day)
        super().__post_init__()

    @property
    def fte(self) -> float:
        """days_per_year / 240."""
        return self.days_per_year / defaults.FULL_TIME_DAYS

    def support_note(self) -> Text:
        """Why the pool costs the municipality nothing by default and has no support."""
        return Text(
            "都道府県の人材プール: 都道府県の負担（2025年度から普通交付税措置）のため、既定では"
            "団体の費用は1日0円です。ここで入力した費用は団体の負担で、国の支援はありません。",
            "The prefecture's pool: the prefecture pays (普通交付税 from FY2025), so the "
            "municipality's cost is ¥0 a day by default; a cost given here is the "
            "municipality's own, with no state support.",
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

    def support_note(self) -> Text:
        """Why an adviser visit costs the municipality nothing by default."""
        return Text(
            "地域情報化アドバイザー: 謝金・旅費は総務省が直接負担するため、既定では団体の費用は0円"
            "です。ここで入力した費用は団体の負担で、国の支援はありません。",
            "地域情報化アドバイザー: MIC pays the adviser's fees and travel itself, so the "
            "municipality's cost is ¥0 by default; a cost given here is the municipality's "
            "own, with no state support.",
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


@dataclass(frozen=True)
class ExternalPairing:
    """The diagnosis's external-pairing rule as a planning constraint: in each fiscal year,
    the engaged professionals below min_level in `skill` (fractions count) are at most
    externals_per_partner × the in-house DX staff in post at min_level or above (trained
    ones included), less the external staff already in the team who need a partner."""

    skill: str = "CO-GOVT"
    min_level: int = 3
    externals_per_partner: int = 2

    def __post_init__(self) -> None:
        _whole(self.min_level, "external_pairing.min_level", 1, 4)
        _whole(self.externals_per_partner, "external_pairing.externals_per_partner", 1)


EngagementLever = Hire | Secondee | SideJob | PoolDays | Adviser


def located(levers: tuple[Lever, ...], location: Location | None) -> tuple[Lever, ...]:
    """`levers` with each engagement at `location` (training has none)."""
    return tuple(
        lever
        if isinstance(lever, Training) or lever.location == location
        else dataclasses.replace(lever, location=location)
        for lever in levers
    )


@dataclass(frozen=True)
class Subsidy:
    """A subsidy on the gross cost of some lever kinds (net of state support already in the
    lever): each fiscal year it pays rate × that cost, at most cap_per_year (None: no cap).
    E.g. the special allocation tax for external CIO assistants (措置率 not published)."""

    code: str
    name: str
    kinds: tuple[LeverKind, ...]
    rate: float
    cap_per_year: int | None = None
    source: str = ""

    def __post_init__(self) -> None:
        where = f"subsidy {self.code}"
        try:
            object.__setattr__(self, "kinds", tuple(LeverKind(kind) for kind in self.kinds))
        except ValueError:
            accepted = ", ".join(kind.value for kind in LeverKind)
            raise InvalidScenarioError(
                f"{where}.kinds: {list(self.kinds)!r} is not accepted; lever kinds among {accepted}"
            ) from None
        _number(self.rate, f"{where}.rate", 0.0, 1.0)
        if self.cap_per_year is not None:
            _whole(self.cap_per_year, f"{where}.cap_per_year", 0)

    def amount(self, base: float) -> float:
        """The subsidy on a year's `base` cost: min(rate × base, cap)."""
        paid = self.rate * base
        return paid if self.cap_per_year is None else min(paid, float(self.cap_per_year))


BUDGET_BASES = ("gross", "net")


@dataclass(frozen=True)
class Scenario:
    """What the planner plans for.

    first_fiscal_year, horizon_years (1–30): the fiscal years planned. as_of: the day the
    team data describes, which decides who has rotated out by when (None: 1 April of the
    first planned fiscal year); it falls in the first planned fiscal year or before it, and
    the horizon counted from it is at most 30 fiscal years. yearly_budget: yen a year for the
    levers (the current team's pay is not in it); budget_by_year overrides single years.
    budget_basis: "gross" (default: a budget request asks for the gross amount; expected
    特別交付税 is not earmarked money and arrives later) or "net" (after state support and
    subsidies). headcount_cap: people in post in the DX team, fractions included (current
    team plus engagements); None: no cap. capabilities: LevelCriterion only; each one's
    target applies every year unless targets (code → fiscal year → people, 0 allowed) says
    otherwise; engagements do not count toward a capability that is in_house_only (the
    central figure). weights: code → weight in the coverage objective
    (default 1). team: the current team; only is_dx members count. rotation_window and
    reappointments: as in DiagnosisSettings. external_pairing: the external-pairing rule of
    the diagnosis as a constraint (None: off): engaged professionals below its level in
    understanding local government need in-house partners, each pairing with up to
    externals_per_partner of them. location: where the
    organisation is (programmes.Location; None: not known); each engagement lever is given
    it, as it decides whether 地域活性化起業人 support counts.
    """

    first_fiscal_year: int
    horizon_years: int
    yearly_budget: int
    capabilities: tuple[Capability, ...]
    team: tuple[TeamMember, ...] = ()
    levers: tuple[Lever, ...] = ()
    subsidies: tuple[Subsidy, ...] = ()
    headcount_cap: float | None = None
    budget_by_year: Mapping[int, int] = field(default_factory=dict)
    targets: Mapping[str, Mapping[int, int]] = field(default_factory=dict)
    weights: Mapping[str, float] = field(default_factory=dict)
    rotation_window: tuple[int, int] = defaults.ROTATION_WINDOW
    name: str = ""
    as_of: dt.date | None = None
    budget_basis: str = "gross"
    reappointments: int | None = None
    external_pairing: ExternalPairing | None = None
    # Where the organisation is (None: not known); every engagement lever takes it, for the
    # programmes whose support depends on it (programmes.py).
    location: Location | None = None

    def __post_init__(self) -> None:
        _whole(self.first_fiscal_year, "first_fiscal_year", 1900, 2200)
        _whole(self.horizon_years, "horizon_years", 1, MAX_HORIZON_YEARS)
        _whole(self.yearly_budget, "yearly_budget", 0)
        if self.as_of is None:
            object.__setattr__(self, "as_of", fiscal_year_start(self.first_fiscal_year))
        if not isinstance(self.as_of, dt.date):
            raise InvalidScenarioError(f"as_of: {self.as_of!r} is not a date; e.g. 2026-12-05")
        seen_from = fiscal_year_of(self.as_of)
        if seen_from > self.first_fiscal_year:
            raise InvalidScenarioError(
                f"as_of: {self.as_of.isoformat()} falls after the first planned fiscal year "
                f"{self.first_fiscal_year}; a day in it or before it"
            )
        if self.last_fiscal_year - seen_from + 1 > MAX_HORIZON_YEARS:
            raise InvalidScenarioError(
                f"as_of: {self.as_of.isoformat()} is more than {MAX_HORIZON_YEARS} fiscal "
                "years before the horizon's end; a day closer to the first planned year"
            )
        if self.budget_basis not in BUDGET_BASES:
            raise InvalidScenarioError(
                f"budget_basis: {self.budget_basis!r} is not accepted; {' or '.join(BUDGET_BASES)}"
            )
        if self.reappointments is not None:
            _whole(self.reappointments, "reappointments", 0, MAX_HORIZON_YEARS)
        object.__setattr__(self, "capabilities", tuple(self.capabilities))
        object.__setattr__(self, "team", tuple(self.team))
        if self.location is not None and not isinstance(self.location, Location):
            raise InvalidScenarioError(
                f"location: {self.location!r} is not accepted; a Location or None"
            )
        object.__setattr__(self, "levers", located(tuple(self.levers), self.location))
        object.__setattr__(self, "subsidies", tuple(self.subsidies))
        years = set(self.fiscal_years())
        for year, amount in self.budget_by_year.items():
            if year not in years:
                raise InvalidScenarioError(
                    f"budget_by_year.{year}: not a fiscal year of the horizon "
                    f"({self.first_fiscal_year}–{max(years)})"
                )
            _whole(amount, f"budget_by_year.{year}", 0)
        object.__setattr__(self, "budget_by_year", MappingProxyType(dict(self.budget_by_year)))
        if self.headcount_cap is not None:
            _number(self.headcount_cap, "headcount_cap", 0.0, 1e9)
        codes = [capability.code for capability in self.capabilities]
        for index, capability in enumerate(self.capabilities):
            if not isinstance(capability.criterion, LevelCriterion):
                raise InvalidScenarioError(
                    f"capabilities[{index}] ({capability.code}): only level criteria can be "
                    "planned; give minimum levels per skill"
                )
            if codes.count(capability.code) > 1:
                raise InvalidScenarioError(
                    f"capabilities[{index}]: code {capability.code} appears twice"
                )
        for code, by_year in self.targets.items():
            if code not in codes:
                raise InvalidScenarioError(f"targets.{code}: not a capability of the scenario")
            for year, target in by_year.items():
                if year not in years:
                    raise InvalidScenarioError(
                        f"targets.{code}.{year}: not a fiscal year of the horizon"
                    )
                _whole(target, f"targets.{code}.{year}", 0)
        object.__setattr__(
            self,
            "targets",
            MappingProxyType({c: MappingProxyType(dict(t)) for c, t in self.targets.items()}),
        )
        for code, weight in self.weights.items():
            if code not in codes:
                raise InvalidScenarioError(f"weights.{code}: not a capability of the scenario")
            _number(weight, f"weights.{code}", 0.0, 1e6)
        object.__setattr__(self, "weights", MappingProxyType(dict(self.weights)))
        ids = [member.id for member in self.team]
        for member in self.team:
            if ids.count(member.id) > 1:
                raise InvalidScenarioError(f"team: person {member.id} appears twice")
        lever_codes = [lever.code for lever in self.levers]
        for lever in self.levers:
            if lever_codes.count(lever.code) > 1:
                raise InvalidScenarioError(f"levers: code {lever.code} appears twice")
        for kind in LeverKind:
            rate = sum(s.rate for s in self.subsidies if kind in s.kinds)
            if rate > 1 + 1e-9:
                raise InvalidScenarioError(
                    f"subsidies: the rates on {kind.value} add up to {rate:g}; at most 1"
                )
        # Raises InvalidSettingError for a bad window, naming it.
        self.settings()

    def fiscal_years(self) -> tuple[int, ...]:
        """The planned fiscal years, in order."""
        return tuple(range(self.first_fiscal_year, self.first_fiscal_year + self.horizon_years))

    @property
    def last_fiscal_year(self) -> int:
        """The horizon's last fiscal year."""
        return self.first_fiscal_year + self.horizon_years - 1

    def budget(self, fiscal_year: int) -> int:
        """Yen available in `fiscal_year`, on the budget_basis (gross or net)."""
        return self.budget_by_year.get(fiscal_year, self.yearly_budget)

    def target(self, code: str, fiscal_year: int) -> int:
        """People (fractions count) who must meet capability `code` in `fiscal_year`."""
        override = self.targets.get(code, {})
        if fiscal_year in override:
            return override[fiscal_year]
        return self.capability(code).target

    def weight(self, code: str) -> float:
        """The capability's weight in the coverage objective (default 1)."""
        return self.weights.get(code, 1.0)

    def capability(self, code: str) -> Capability:
        """The capability with `code`; KeyError when absent."""
        for capability in self.capabilities:
            if capability.code == code:
                return capability
        raise KeyError(code)

    def lever(self, code: str) -> Lever:
        """The lever with `code`; KeyError when absent."""
        for lever in self.levers:
            if lever.code == code:
                return lever
        raise KeyError(code)

    def engagements_count(self, code: str) -> bool:
        """Whether engaged professionals count toward capability `code`: not when only
        in-house staff may fill it (Capability.in_house_only)."""
        return not self.capability(code).in_house_only

    def settings(self) -> DiagnosisSettings:
        """Diagnosis settings seen from `as_of`, whose horizon reaches the last planned year."""
        assert self.as_of is not None
        return DiagnosisSettings(
            today=self.as_of,
            horizon_years=self.last_fiscal_year - fiscal_year_of(self.as_of) + 1,
            rotation_window=self.rotation_window,
            reappointments=self.reappointments,
        )

    def staff(self) -> tuple[TeamMember, ...]:
        """The DX members of the team: the only ones counted and trained."""
        return tuple(member for member in self.team if member.is_dx)

    def years_in_post(self, member: TeamMember) -> tuple[int, ...]:
        """The planned fiscal years at whose end `member` is in post (expected departures,
        core.diagnostics.rotation.years_in_post seen from as_of)."""
        return self._in_post.get(member.id) or years_in_post(
            member, self.settings(), self.fiscal_years()
        )

    @functools.cached_property
    def _in_post(self) -> Mapping[str, tuple[int, ...]]:
        settings, years = self.settings(), self.fiscal_years()
        return {m.id: years_in_post(m, settings, years) for m in self.team}


def meets(capability: Capability, levels: Mapping[str, int]) -> bool:
    """Whether `levels` meet a level-criterion capability."""
    return capability.criterion.meets(levels)


def today_of(scenario: Scenario) -> dt.date:
    """The reference day of a scenario: as_of (1 April of its first fiscal year unless set)."""
    assert scenario.as_of is not None
    return scenario.as_of


def expected_successors(
    team: tuple[TeamMember, ...],
    settings: DiagnosisSettings,
    last_fiscal_year: int,
    levels: Mapping[str, int] | None = None,
) -> tuple[TeamMember, ...]:
    """The in-house successors 人事異動 sends when DX staff rotate out: for each in-house DX
    member whose expected departure by rotation falls before `last_fiscal_year`, one person
    arriving on 1 April after it with `levels` (default defaults.SUCCESSOR_LEVELS), who
    rotates in turn under the organisation's window; repeated until the horizon's end. A hard
    end (a fixed term, a secondment) brings no successor: the organisation recruits for it.
    Ids are "successor:<id>", names "後任（<name>）"."""
    from dxtalent.core.diagnostics import DepartureReason, expected_departure

    wanted = dict(defaults.SUCCESSOR_LEVELS if levels is None else levels)
    found: list[TeamMember] = []
    queue = [m for m in team if m.is_dx and not m.is_external]
    while queue:
        member = queue.pop(0)
        departure = expected_departure(member, settings)
        if departure.reason not in (DepartureReason.ROTATION, DepartureReason.OVERDUE):
            continue
        last = departure.last_fiscal_year
        if last is None or last >= last_fiscal_year:
            continue
        base = member.name.removeprefix("後任（").removesuffix("）")
        successor = TeamMember(
            id=f"successor:{member.id}",
            name=f"後任（{base}）",
            name_en=f"successor of {member.name_en or base}",
            levels=wanted,
            post_start=fiscal_year_start(last + 1),
        )
        found.append(successor)
        queue.append(successor)
    return tuple(found)
