"""The settings of a diagnosis: each rule's parameters, the training offer, the
small-municipality mode, and the organisation's settings that hold them all (see
core.diagnostics.model for the team, the capabilities and the results)."""

from __future__ import annotations

import datetime as dt
import enum
import math
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from types import MappingProxyType
from typing import Any

from dxtalent.core.calendar import HrCalendar, fiscal_year_of
from dxtalent.core.diagnostics.model import (
    CENTRAL_FIGURE_MINIMUMS,
    COORDINATION_MINIMUMS,
    RULE_IDS,
    InvalidSettingError,
    UnknownRuleError,
    check_window,
)
from dxtalent.core.frameworks.model import Role, Text, check_level
from dxtalent.core.i18n import Phrase

# --- rule parameters ----------------------------------------------------------------------


def _positive(value: object, where: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidSettingError(f"{where}: {value!r} is not accepted; a whole number, 1 or more")


def _not_negative(value: object, where: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidSettingError(f"{where}: {value!r} is not accepted; a whole number, 0 or more")


def _level(value: object, where: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 4:
        raise InvalidSettingError(f"{where}: {value!r} is not accepted; a level from 1 to 4")


def _minimums(value: Mapping[str, int], where: str) -> Mapping[str, int]:
    if not value:
        raise InvalidSettingError(f"{where}: empty; at least one skill code → level 1–4")
    for skill, level in value.items():
        _level(level, f"{where}.{skill}")
    return MappingProxyType(dict(value))


@dataclass(frozen=True)
class CentralFigureParams:
    """Rule "central-figure": someone strong in coordination can lead the department.

    minimums: what the central figure needs (default: the targets of the central figure's
    role, CENTRAL_FIGURE_MINIMUMS). in_house_only: only in-house staff can be the central
    figure (default: the paper's control towers are local civil servants who know how local
    government works, "Conclusion"); an organisation may allow otherwise.
    """

    enabled: bool = True
    minimums: Mapping[str, int] = field(default_factory=lambda: CENTRAL_FIGURE_MINIMUMS)
    in_house_only: bool = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "minimums", _minimums(self.minimums, "central-figure.minimums"))


@dataclass(frozen=True)
class CoordinatingStaffParams:
    """Rule "coordinating-staff": besides the central figure, at least min_people (2) can do
    what the minimums describe. candidates: how many of the nearest people to name."""

    enabled: bool = True
    minimums: Mapping[str, int] = field(default_factory=lambda: COORDINATION_MINIMUMS)
    min_people: int = 2
    candidates: int = 2

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "minimums", _minimums(self.minimums, "coordinating-staff.minimums")
        )
        _positive(self.min_people, "coordinating-staff.min_people")
        _not_negative(self.candidates, "coordinating-staff.candidates")


@dataclass(frozen=True)
class SpecificationTeamParams:
    """Rule "specification-team": at least min_people (3) at min_level (2) or above in
    `skill` (CO-SPEC), since a specification takes at least three people."""

    enabled: bool = True
    skill: str = "CO-SPEC"
    min_level: int = 2
    min_people: int = 3

    def __post_init__(self) -> None:
        _level(self.min_level, "specification-team.min_level")
        _positive(self.min_people, "specification-team.min_people")


@dataclass(frozen=True)
class MicRolesParams:
    """Rule "mic-roles": who covers each of MIC's four roles (role fit ≥ min_score).

    roles: the roles to check; None uses the shipped MIC 2022 pack. wanted: the role codes the
    organisation has chosen from MIC's menu; None wants all. A wanted role nobody covers is a
    warning; covered roles are reported as info.
    """

    enabled: bool = True
    roles: tuple[Role, ...] | None = None
    min_score: float = 0.8
    wanted: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        if not 0 < self.min_score <= 1:
            raise InvalidSettingError(
                f"mic-roles.min_score: {self.min_score!r} is not accepted; a number above 0 "
                "and at most 1, e.g. 0.8"
            )


@dataclass(frozen=True)
class BusFactorParams:
    """Rule "bus-factor": every critical capability rests on at least min_people (2)."""

    enabled: bool = True
    min_people: int = 2

    def __post_init__(self) -> None:
        _positive(self.min_people, "bus-factor.min_people")


@dataclass(frozen=True)
class SuccessionParams:
    """Rule "succession": departures within the horizon that drop a capability below target.

    candidates: how many successors to name. include_other_departments: look for successors
    among members outside the DX department too. imminent_years: a critical capability lost
    within this many fiscal years after the current one is a critical finding, later a
    warning.
    """

    enabled: bool = True
    candidates: int = 2
    include_other_departments: bool = False
    imminent_years: int = 1

    def __post_init__(self) -> None:
        _not_negative(self.candidates, "succession.candidates")
        _not_negative(self.imminent_years, "succession.imminent_years")


@dataclass(frozen=True)
class ExternalPairingParams:
    """Rule "external-pairing": every external professional below min_level (3) in `skill`
    (CO-GOVT, understanding local government) has an in-house partner at min_level or above;
    one partner can pair with up to externals_per_partner (2) of them."""

    enabled: bool = True
    skill: str = "CO-GOVT"
    min_level: int = 3
    externals_per_partner: int = 2

    def __post_init__(self) -> None:
        _level(self.min_level, "external-pairing.min_level")
        _positive(self.externals_per_partner, "external-pairing.externals_per_partner")


# Renewals and migrations one person able to negotiate or write specifications can carry in a
# fiscal year: a working assumption of dxtalent, not a published figure (configurable per
# organisation in the diagnosis settings).
EVENTS_PER_NEGOTIATOR = 3


@dataclass(frozen=True)
class YearWorkload:
    """The vendor work of one fiscal year, from the organisation's register: renewals
    (contracts renewed or ending that year, to negotiate or procure again) and migrations
    (systems planned to migrate that year and not migrated yet: each a procurement and a
    specification). Both 0 or more."""

    renewals: int = 0
    migrations: int = 0

    def __post_init__(self) -> None:
        _not_negative(self.renewals, "negotiation-capacity.workload.renewals")
        _not_negative(self.migrations, "negotiation-capacity.workload.migrations")

    @property
    def events(self) -> int:
        """Renewals and migrations together."""
        return self.renewals + self.migrations


@dataclass(frozen=True)
class NegotiationParams:
    """Rule "negotiation-capacity": enough negotiators for the vendor work.

    With a register (`workload` given: fiscal year → YearWorkload), the rule looks at each
    fiscal year of the horizon: the renewals and migrations that year against the DX staff in
    post at its end who reach min_level (3) in `skill` (CO-NEGO, negotiation) or in
    `specification_skill` (CO-SPEC, writing specifications), one person per
    events_per_negotiator (3) events — the ratio is dxtalent's assumption, configurable.
    Without a register: contracts (the vendor contracts the department negotiates or renews;
    0: the rule is silent) and large_contracts (how many count large_contract_weight (2)
    times), one person at min_level in `skill` per contracts_per_negotiator (5) weighted
    contracts — also a working assumption of dxtalent, not a figure from the paper.
    """

    enabled: bool = True
    contracts: int = 0
    large_contracts: int = 0
    contracts_per_negotiator: int = 5
    large_contract_weight: int = 2
    skill: str = "CO-NEGO"
    min_level: int = 3
    workload: Mapping[int, YearWorkload] = field(default_factory=dict, hash=False)
    events_per_negotiator: int = EVENTS_PER_NEGOTIATOR
    specification_skill: str = "CO-SPEC"

    def __post_init__(self) -> None:
        _not_negative(self.contracts, "negotiation-capacity.contracts")
        _not_negative(self.large_contracts, "negotiation-capacity.large_contracts")
        if self.large_contracts > self.contracts:
            raise InvalidSettingError(
                f"negotiation-capacity.large_contracts: {self.large_contracts} is more than "
                f"the {self.contracts} contracts; accepted: 0 to {self.contracts}"
            )
        _positive(self.contracts_per_negotiator, "negotiation-capacity.contracts_per_negotiator")
        _positive(self.large_contract_weight, "negotiation-capacity.large_contract_weight")
        _level(self.min_level, "negotiation-capacity.min_level")
        _positive(self.events_per_negotiator, "negotiation-capacity.events_per_negotiator")
        object.__setattr__(self, "workload", MappingProxyType(dict(self.workload)))

    def negotiators_needed(self) -> int:
        """People needed at min_level: weighted contracts / contracts_per_negotiator, rounded
        up; 0 without contracts."""
        weighted = self.contracts + self.large_contracts * (self.large_contract_weight - 1)
        return math.ceil(weighted / self.contracts_per_negotiator)

    def negotiators_needed_in(self, fiscal_year: int) -> int:
        """People needed in `fiscal_year` by the register: its renewals and migrations /
        events_per_negotiator, rounded up; 0 for a year without any."""
        work = self.workload.get(fiscal_year)
        return math.ceil(work.events / self.events_per_negotiator) if work else 0


RuleParams = (
    CentralFigureParams
    | CoordinatingStaffParams
    | SpecificationTeamParams
    | MicRolesParams
    | BusFactorParams
    | SuccessionParams
    | ExternalPairingParams
    | NegotiationParams
)


# --- training offers, the personnel calendar, small municipalities ------------------------


@dataclass(frozen=True)
class TrainingOffer:
    """A training programme the diagnosis may propose to a successor before a departure.

    name: in Japanese and English, as the organisation recorded it (`Text`), or a phrase of
    the catalogue for dxtalent's own reference offer (`Phrase`, see advice.paper_workshop). months: its length, 1–120; it is proposed only when it can
    finish before the departure (months ≤ whole months left). raises: skill code → the level
    it brings a trainee to (1–4); empty when the skills are not recorded (the paper's
    workshop), which makes it apply to any gap. prerequisites: minimum levels to enrol.
    """

    code: str
    name: Text | Phrase
    months: int
    raises: Mapping[str, int] = field(default_factory=dict)
    prerequisites: Mapping[str, int] = field(default_factory=dict)
    source: str = ""

    def __post_init__(self) -> None:
        if (
            isinstance(self.months, bool)
            or not isinstance(self.months, int)
            or not 1 <= self.months <= 120
        ):
            raise InvalidSettingError(
                f"training {self.code}.months: {self.months!r} is not accepted; a whole number "
                "of months from 1 to 120"
            )
        for skill, level in self.raises.items():
            _level(level, f"training {self.code}.raises.{skill}")
        for skill, level in self.prerequisites.items():
            check_level(level, f"training {self.code}.prerequisites.{skill}")
        object.__setattr__(self, "raises", MappingProxyType(dict(self.raises)))
        object.__setattr__(self, "prerequisites", MappingProxyType(dict(self.prerequisites)))

    def admits(self, levels: Mapping[str, int]) -> bool:
        """Whether `levels` meet every prerequisite."""
        return all(levels.get(skill, 0) >= level for skill, level in self.prerequisites.items())

    def after(self, levels: Mapping[str, int]) -> Mapping[str, int]:
        """The levels once the programme is completed: each raised skill at least its level."""
        return {**levels, **{s: max(levels.get(s, 0), lv) for s, lv in self.raises.items()}}


# Municipalities of up to 50,000 people with at most one DX or information staff member:
# 292 (2022), 213 (2023-04), 211 (FY2025); towns and villages average 2.4 such staff
# (domain-facts §6: iais.or.jp 20240314, kyodo, mykoho 9373842).
SMALL_MUNICIPALITY_POPULATION = 50_000
SMALL_MUNICIPALITY_STAFF = 2
# Days a fiscal year of the prefecture's pool that count as one person for the rules that
# need several people: two days a month, a dxtalent assumption.
POOL_DAYS_PER_PERSON = 24


class SmallMunicipalityMode(enum.StrEnum):
    """auto: small when the population is at most max_population and the DX staff at most
    max_staff; on / off: the organisation's choice."""

    AUTO = "auto"
    ON = "on"
    OFF = "off"


@dataclass(frozen=True)
class SmallMunicipalityParams:
    """Small-municipality mode: the rules that need several people (coordinating staff,
    specification team, negotiation, and the capability targets of the forecast, bus-factor
    and succession) are read through the resources the municipality shares.

    mode: "auto", "on" or "off". population / census_year: the organisation's census
    population (None: unknown, so "auto" is off). max_population (50,000) and max_staff (2):
    the automatic thresholds (domain-facts §6). pool_days: days a fiscal year the
    prefecture's talent pool (人材プール) supports the municipality; pool_days_per_person (24)
    of them count as one person, at most max_pool_people (2). adviser: a 地域情報化アドバイザー
    is engaged this fiscal year. joint_procurement: systems are procured jointly with
    neighbouring municipalities. How they count: see shared_people and
    core.diagnostics.small.
    """

    mode: str = SmallMunicipalityMode.AUTO
    population: int | None = None
    census_year: int | None = None
    max_population: int = SMALL_MUNICIPALITY_POPULATION
    max_staff: int = SMALL_MUNICIPALITY_STAFF
    pool_days: int = 0
    pool_days_per_person: int = POOL_DAYS_PER_PERSON
    max_pool_people: int = 2
    adviser: bool = False
    joint_procurement: bool = False

    def __post_init__(self) -> None:
        try:
            object.__setattr__(self, "mode", SmallMunicipalityMode(self.mode))
        except ValueError:
            raise InvalidSettingError(
                f'small-municipality.mode: "{self.mode}" is not accepted; accepted: "auto", '
                '"on", "off"'
            ) from None
        if self.population is not None:
            _not_negative(self.population, "small-municipality.population")
        _positive(self.max_population, "small-municipality.max_population")
        _not_negative(self.max_staff, "small-municipality.max_staff")
        _not_negative(self.pool_days, "small-municipality.pool_days")
        _positive(self.pool_days_per_person, "small-municipality.pool_days_per_person")
        _not_negative(self.max_pool_people, "small-municipality.max_pool_people")

    def pool_people(self) -> int:
        """People the pool counts as: whole blocks of pool_days_per_person days, at most
        max_pool_people."""
        return min(self.max_pool_people, self.pool_days // self.pool_days_per_person)

    def shared_people(self) -> Mapping[str, int]:
        """People the shared resources count as, per kind of work (dxtalent's rule):

        - coordination (communication, leadership, negotiation and specifications besides the
          central figure): the pool's people, since the pool's professionals act as producer
          and project manager for municipalities (MIC 2024 model, domain-facts §1.2, §4);
        - specification: the pool's people, plus one for the adviser (reviews a
          specification within the ≤ 3 days MIC pays for), plus one for joint procurement
          (the neighbours write it together);
        - negotiation: the pool's people, plus one for joint procurement (one negotiation
          for all).
        """
        pool = self.pool_people()
        return MappingProxyType(
            {
                "coordination": pool,
                "specification": pool + int(self.adviser) + int(self.joint_procurement),
                "negotiation": pool + int(self.joint_procurement),
            }
        )


@dataclass(frozen=True)
class DiagnosisSettings:
    """How to diagnose a team: the day, the horizon, the rotation window and each rule.

    today: the reference day (None: the day the diagnosis runs). horizon_years: fiscal years
    forecast, the current one included (1–30; default 5). rotation_window: years in post
    before rotation (min, max), the organisation's default (3, 5) from the paper; a person's
    own window overrides it. reappointments: how many times a 会計年度任用職員 is reappointed
    without open recruitment before the post is advertised again (None: no limit, the
    default since MIC's notice 総行公第49号 of 2024-06-28 dropped the national "twice in a
    row" example; organisations that keep it set 2; see rotation.appointment_end). Each rule has its parameters and `enabled`; change one with
    `with_rule("bus-factor", enabled=False)`. hr_calendar: the personnel cycle the next steps
    of a departure follow. training: the programmes a successor may take (none: the paper's
    seven-month workshop as the reference). small_municipality: whether and how the rules
    that need several people count shared resources.
    """

    today: dt.date | None = None
    horizon_years: int = 5
    rotation_window: tuple[int, int] = (3, 5)
    reappointments: int | None = None
    central_figure: CentralFigureParams = field(default_factory=CentralFigureParams)
    coordinating_staff: CoordinatingStaffParams = field(default_factory=CoordinatingStaffParams)
    specification_team: SpecificationTeamParams = field(default_factory=SpecificationTeamParams)
    mic_roles: MicRolesParams = field(default_factory=MicRolesParams)
    bus_factor: BusFactorParams = field(default_factory=BusFactorParams)
    succession: SuccessionParams = field(default_factory=SuccessionParams)
    external_pairing: ExternalPairingParams = field(default_factory=ExternalPairingParams)
    negotiation_capacity: NegotiationParams = field(default_factory=NegotiationParams)
    hr_calendar: HrCalendar = field(default_factory=HrCalendar)
    training: tuple[TrainingOffer, ...] = ()
    small_municipality: SmallMunicipalityParams = field(default_factory=SmallMunicipalityParams)

    def __post_init__(self) -> None:
        if (
            isinstance(self.horizon_years, bool)
            or not isinstance(self.horizon_years, int)
            or not 1 <= self.horizon_years <= 30
        ):
            raise InvalidSettingError(
                f"horizon_years: {self.horizon_years!r} is not accepted; a whole number of "
                "fiscal years from 1 to 30"
            )
        check_window(self.rotation_window, "rotation_window")
        if self.reappointments is not None:
            _not_negative(self.reappointments, "reappointments")

    def reference_day(self) -> dt.date:
        """`today`, or the actual date when it is None."""
        return self.today or dt.date.today()

    def current_fiscal_year(self) -> int:
        """The fiscal year of the reference day."""
        return fiscal_year_of(self.reference_day())

    def fiscal_years(self) -> tuple[int, ...]:
        """The horizon: the current fiscal year and the next horizon_years - 1."""
        first = self.current_fiscal_year()
        return tuple(range(first, first + self.horizon_years))

    def rule(self, rule_id: str) -> RuleParams:
        """The parameters of rule `rule_id`; UnknownRuleError for an unknown id."""
        if rule_id not in RULE_IDS:
            raise UnknownRuleError(rule_id)
        params: RuleParams = getattr(self, rule_id.replace("-", "_"))
        return params

    def with_rule(self, rule_id: str, **changes: object) -> DiagnosisSettings:
        """A copy with rule `rule_id`'s parameters changed, e.g.
        `with_rule("negotiation-capacity", contracts=12)`. Raises UnknownRuleError, and
        InvalidSettingError for a parameter the rule does not have."""
        params = self.rule(rule_id)
        known = {f.name for f in fields(params)}
        unknown = sorted(set(changes) - known)
        if unknown:
            raise InvalidSettingError(
                f"{rule_id}: no parameter {', '.join(unknown)}; accepted: {', '.join(sorted(known))}"
            )
        # The names were checked against the rule's fields above; their types are the rule's own.
        changed: dict[str, Any] = {rule_id.replace("-", "_"): replace(params, **changes)}  # type: ignore[arg-type]
        return replace(self, **changed)

    def enabled_rules(self) -> tuple[str, ...]:
        """The ids of the rules that are switched on, in report order."""
        return tuple(rule_id for rule_id in RULE_IDS if self.rule(rule_id).enabled)
