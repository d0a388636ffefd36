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

import datetime as dt
import functools
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
from dxtalent.core.planning import defaults
from dxtalent.core.planning.levers import (
    ACQUIRE_KINDS,
    MAX_HORIZON_YEARS,
    Adviser,
    Engagement,
    EngagementLever,
    Hire,
    InvalidScenarioError,
    Lever,
    LeverKind,
    PoolDays,
    Secondee,
    SideJob,
    Training,
    _number,
    _whole,
    grown,
    located,
    trained,
)
from dxtalent.core.planning.programmes import Location

# Names defined in levers.py that scenario users import from here too.
# A plan made today starts in the next fiscal year and is seen from today (its as_of): its
# last year may be at most MAX_HORIZON_YEARS fiscal years from today's, so it plans one fewer.
MAX_PLAN_YEARS = MAX_HORIZON_YEARS - 1

__all__ = [
    "ACQUIRE_KINDS",
    "MAX_HORIZON_YEARS",
    "MAX_PLAN_YEARS",
    "Adviser",
    "Engagement",
    "EngagementLever",
    "ExternalPairing",
    "Hire",
    "InvalidScenarioError",
    "Lever",
    "LeverKind",
    "PoolDays",
    "Scenario",
    "Secondee",
    "SideJob",
    "Subsidy",
    "Training",
    "expected_successors",
    "grown",
    "is_successor",
    "located",
    "meets",
    "today_of",
    "trained",
]


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
    Ids are "successor:<id>"; names say whose successor they are, counting the successors of
    one post: "上田 颯さんの後任", "上田 颯さんの2人目の後任" (English, `name_en`: "successor of
    上田 颯", "successor 2 of 上田 颯")."""
    from dxtalent.core.diagnostics import DepartureReason, expected_departure

    wanted = dict(defaults.SUCCESSOR_LEVELS if levels is None else levels)
    found: list[TeamMember] = []
    # Each in the queue with the member they follow in the post (the first holder) and how
    # many successors that post has had before them.
    queue = [(m, m, 0) for m in team if m.is_dx and not m.is_external]
    while queue:
        member, first, before = queue.pop(0)
        departure = expected_departure(member, settings)
        if departure.reason not in (DepartureReason.ROTATION, DepartureReason.OVERDUE):
            continue
        last = departure.last_fiscal_year
        if last is None or last >= last_fiscal_year:
            continue
        number = before + 1
        successor = TeamMember(
            id=f"successor:{member.id}",
            name=f"{first.name}さんの後任"
            if number == 1
            else f"{first.name}さんの{number}人目の後任",
            name_en=f"successor of {first.name_en or first.name}"
            if number == 1
            else f"successor {number} of {first.name_en or first.name}",
            levels=wanted,
            post_start=fiscal_year_start(last + 1),
        )
        found.append(successor)
        queue.append((successor, first, number))
    return tuple(found)


def is_successor(person: str) -> bool:
    """Whether the person with this id is a successor expected_successors added (no one by
    name yet)."""
    return person.startswith("successor:")
