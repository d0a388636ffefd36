"""Team diagnostics as values: the team, the capabilities it needs, the settings of a diagnosis
and what a diagnosis finds.

A capability is a criterion one person meets (levels in skills, or a fit to a role) and a
target: how many people must meet it. The paper's team rule (Nakagawa 2025, "Discussion")
reads as capabilities: a central figure plus "a minimum of two additional ones who are
proficient in tasks related to abilities (1, 2, and 3) and the creation of specification
documents" is three people meeting the coordination criterion; "creating specification
documents typically demands the involvement of at least three staff members" is three people
able to write one.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from dxtalent.core.assessments import Gap, role_fit
from dxtalent.core.calendar import StepStatus, TimeLeft
from dxtalent.core.frameworks.model import Role, Text, check_level
from dxtalent.core.i18n import Phrase, gettext_noop

# Rule identifiers in the order findings of equal severity are reported.
RULE_IDS: tuple[str, ...] = (
    "central-figure",
    "coordinating-staff",
    "specification-team",
    "mic-roles",
    "bus-factor",
    "succession",
    "external-pairing",
    "negotiation-capacity",
)

# The four abilities the paper asks of the central figure and of the two more staff: (1)
# communication, (2) leadership, (3) negotiation, and writing specifications.
COORDINATION_MINIMUMS: Mapping[str, int] = MappingProxyType(
    {"CO-COMM": 3, "CO-LEAD": 3, "CO-NEGO": 3, "CO-SPEC": 3}
)

# What the central figure (control tower) needs: the targets of the role CO-R-CENTRAL of the
# shipped coordination pack (data/frameworks/nakagawa-2025-coordination.yaml; a test keeps
# them equal): 4 (leads and teaches) in the four abilities and in understanding local
# government, dxtalent's reading of Nakagawa 2025, "Discussion" and "Conclusion".
CENTRAL_FIGURE_MINIMUMS: Mapping[str, int] = MappingProxyType(
    {"CO-COMM": 4, "CO-LEAD": 4, "CO-NEGO": 4, "CO-SPEC": 4, "CO-GOVT": 4}
)

# Longest rotation window accepted, in years in post: a whole career.
MAX_WINDOW_YEARS = 40


class InvalidTeamError(ValueError):
    """A team member or a team that cannot be diagnosed as given."""


class UnknownEmploymentTypeError(InvalidTeamError):
    """An employment type outside EmploymentType."""


class DuplicatePersonError(InvalidTeamError):
    """Two team members with the same id."""


class InvalidCapabilityError(ValueError):
    """A capability with an impossible criterion or target, or a duplicate code."""


class InvalidSettingError(ValueError):
    """A diagnosis setting or rule parameter outside what is accepted."""


class UnknownRuleError(LookupError):
    """A rule id that is not one of RULE_IDS."""

    def __init__(self, rule_id: str) -> None:
        self.rule_id = rule_id
        super().__init__(f'"{rule_id}" is not a diagnostic rule; accepted: {", ".join(RULE_IDS)}')


class EmploymentType(enum.StrEnum):
    """How a person is employed (docs/glossary.md)."""

    REGULAR = "regular"
    FIXED_TERM = "fixed_term"  # 任期付職員
    FIXED_TERM_PART_TIME = "fixed_term_part_time"  # 会計年度任用職員
    CORPORATE_SECONDEE = "corporate_secondee"  # 地域活性化起業人
    SIDE_JOB = "side_job"  # 副業人材
    DISPATCHED = "dispatched"  # 派遣 (e.g. デジタル専門人材派遣制度)
    ADVISER = "adviser"  # アドバイザー (e.g. 地域情報化アドバイザー)


EMPLOYMENT_LABELS: Mapping[EmploymentType, Phrase] = MappingProxyType(
    {
        EmploymentType.REGULAR: Phrase.of(gettext_noop("regular staff")),
        EmploymentType.FIXED_TERM: Phrase.of(gettext_noop("fixed-term staff")),
        EmploymentType.FIXED_TERM_PART_TIME: Phrase.of(gettext_noop("fixed-term part-time staff")),
        EmploymentType.CORPORATE_SECONDEE: Phrase.of(gettext_noop("corporate secondee")),
        EmploymentType.SIDE_JOB: Phrase.of(gettext_noop("side-job professional")),
        EmploymentType.DISPATCHED: Phrase.of(gettext_noop("dispatched professional")),
        EmploymentType.ADVISER: Phrase.of(gettext_noop("adviser")),
    }
)


# Days of work in a full-time year: 20 a month, as in the 政府CIO補佐官 monthly ceiling (¥1.2 M
# for 20 days, Nikkei xTECH 2013). dxtalent assumption; the planner uses the same figure.
FULL_TIME_DAYS = 240
# 地域活性化起業人 副業型: at least 4 days and 20 hours a month (MIC, from FY2024; domain-facts
# §4): 4 of about 20 working days, a fifth of a person.
SIDE_JOB_FTE = 0.2
# 地域情報化アドバイザー: up to 3 days per project (MIC, dx-navi.soumu.go.jp/support/advisor).
ADVISER_DAYS = 3


def default_fte(employment_type: str) -> float:
    """The share of full time a person of `employment_type` counts as when none is recorded:
    0.2 for a side-job professional (副業型: 4 days a month), 3/240 for an adviser (one
    project of up to 3 days a year), 1 for everyone else."""
    if employment_type == EmploymentType.SIDE_JOB:
        return SIDE_JOB_FTE
    if employment_type == EmploymentType.ADVISER:
        return ADVISER_DAYS / FULL_TIME_DAYS
    return 1.0


def check_fte(value: object, where: str) -> float:
    """`value` as a share of full time, above 0 and at most 1; else InvalidTeamError."""
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or math.isnan(value)
        or not 0 < value <= 1
    ):
        raise InvalidTeamError(
            f"{where}: share of full time {value!r} is not accepted; a number above 0 and at "
            "most 1, e.g. 0.2 for 4 days a month"
        )
    return float(value)


def strength(members: Iterable[TeamMember]) -> float:
    """People counted as full-time equivalents: the sum of each member's fte (rounded to 9
    places so that 5 × 0.2 is 1)."""
    return round(sum(float(m.fte or 1.0) for m in members), 9)


class Severity(enum.StrEnum):
    """How urgent a finding is: critical (the team cannot carry DX as it stands), warning (a
    gap or risk to act on), info (what the team has)."""

    CRITICAL = "critical"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for critical, 1 for warning, 2 for info: the order findings are listed in."""
        return (Severity.CRITICAL, Severity.WARNING, Severity.INFO).index(self)


def check_window(window: object, where: str) -> tuple[int, int]:
    """`window` as (min, max) years in post, 1 ≤ min ≤ max ≤ 40; else InvalidSettingError."""
    if (
        not isinstance(window, tuple)
        or len(window) != 2
        or not all(isinstance(v, int) and not isinstance(v, bool) for v in window)
        or not 1 <= window[0] <= window[1] <= MAX_WINDOW_YEARS
    ):
        raise InvalidSettingError(
            f"{where}: rotation window {window!r} is not accepted; a pair of whole numbers of "
            f"years in post (min, max) with 1 ≤ min ≤ max ≤ {MAX_WINDOW_YEARS}, e.g. (3, 5)"
        )
    return window[0], window[1]


def _frozen_levels(levels: Mapping[str, int], where: str) -> Mapping[str, int]:
    for skill, level in levels.items():
        check_level(level, f"{where}, {skill}")
    return MappingProxyType(dict(levels))


@dataclass(frozen=True)
class TeamMember:
    """A person in (or joining) the team, as the diagnosis sees them.

    levels: skill code → current level 0–4; a skill not listed counts as 0.
    employment_type: one of EmploymentType's values (a plain string is accepted and converted).
    is_external: recruited from outside the civil service (a professional, secondee, side-job
    worker, dispatched or adviser), as opposed to in-house staff.
    post_start: first day in the current post; None when unknown (rotation is then counted from
    the start of the current fiscal year, as for someone new in post); a date after today makes
    a planned arrival, counted from that fiscal year.
    specialist_post: a post exempt from rotation (専門職); the person stays unless hard_end.
    hard_end: last day of a fixed term or secondment; it wins over rotation and specialist posts.
    rotation_window: this person's years in post before rotation (min, max), overriding the
    organisation's window; None uses DiagnosisSettings.rotation_window.
    is_dx: in the DX or digital department. Only DX members count for the rules and the
    forecast; others may be named as successors (SuccessionParams.include_other_departments).
    name_en: the name in English messages (e.g. "Sato" for 佐藤); empty uses name.
    fte: the share of full time the person works for the organisation (0–1]; None takes
    `default_fte(employment_type)` (a side-job professional 0.2, an adviser 3 days of 240).
    Every count of people meeting a capability — the diagnosis's rules and forecast, the
    planner, its checker and the Monte Carlo — adds fte, not heads (`strength`).
    """

    id: str
    name: str
    levels: Mapping[str, int]
    employment_type: str = EmploymentType.REGULAR
    is_external: bool = False
    post_start: dt.date | None = None
    specialist_post: bool = False
    hard_end: dt.date | None = None
    rotation_window: tuple[int, int] | None = None
    is_dx: bool = True
    name_en: str = ""
    fte: float | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "levels", _frozen_levels(self.levels, f"person {self.id}"))
        try:
            object.__setattr__(self, "employment_type", EmploymentType(self.employment_type))
        except ValueError:
            accepted = ", ".join(f'"{kind.value}"' for kind in EmploymentType)
            raise UnknownEmploymentTypeError(
                f'person {self.id}: employment type "{self.employment_type}" is not known; '
                f"accepted: {accepted}"
            ) from None
        fte = default_fte(self.employment_type) if self.fte is None else self.fte
        object.__setattr__(self, "fte", check_fte(fte, f"person {self.id}"))
        if self.rotation_window is not None:
            check_window(self.rotation_window, f"person {self.id}")

    def level(self, skill: str) -> int:
        """Current level 0–4 in `skill`; 0 when the skill is not listed."""
        return self.levels.get(skill, 0)

    def in_post_on(self, day: dt.date) -> bool:
        """Whether the person holds the post on `day` (started, and not past hard_end)."""
        started = self.post_start is None or self.post_start <= day
        return started and (self.hard_end is None or day <= self.hard_end)

    def display_name(self, language: str) -> str:
        """The name for messages in `language`: name_en in English when given, else name."""
        if language.lower().startswith("en") and self.name_en:
            return self.name_en
        return self.name


@dataclass(frozen=True)
class LevelCriterion:
    """A person meets it when at or above every minimum: skill code → level 1–4.

    {"CO-SPEC": 2} reads "level 2 or above in specification writing"; several entries must all
    hold ("level 3 or above in communication, leadership, negotiation and specifications").
    """

    minimums: Mapping[str, int]

    def __post_init__(self) -> None:
        if not self.minimums:
            raise InvalidCapabilityError("a level criterion needs at least one skill minimum")
        for skill, level in self.minimums.items():
            check_level(level, f"criterion minimum for {skill}")
            if level == 0:
                raise InvalidCapabilityError(
                    f"criterion minimum for {skill}: 0 is met by everyone; use 1–4"
                )
        object.__setattr__(self, "minimums", MappingProxyType(dict(self.minimums)))

    def gaps(self, levels: Mapping[str, int]) -> tuple[Gap, ...]:
        """The skills below their minimum, largest gap first (ties by skill code)."""
        found = [
            Gap(skill, minimum, levels.get(skill, 0))
            for skill, minimum in self.minimums.items()
            if levels.get(skill, 0) < minimum
        ]
        return tuple(sorted(found, key=lambda gap: (-gap.size, gap.skill)))

    def shortfall(self, levels: Mapping[str, int]) -> int:
        """Level steps still needed to meet the criterion: 0 when met."""
        return sum(gap.size for gap in self.gaps(levels))

    def meets(self, levels: Mapping[str, int]) -> bool:
        """Whether `levels` meet every minimum."""
        # The planner asks this hundreds of thousands of times per solve: no Gap objects.
        return all(levels.get(skill, 0) >= minimum for skill, minimum in self.minimums.items())


@dataclass(frozen=True)
class RoleFitCriterion:
    """A person meets it when their fit to a role (core.assessments.role_fit) reaches
    min_score (0 < min_score ≤ 1; 0.8 = at most a fifth of the role's target levels missing).

    targets: the role's skill → target level, so the criterion needs no framework at hand.
    """

    role: str
    targets: Mapping[str, int]
    min_score: float = 0.8

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "targets", _frozen_levels(self.targets, f"criterion role {self.role}")
        )
        if not 0 < self.min_score <= 1:
            raise InvalidCapabilityError(
                f"criterion role {self.role}: min_score {self.min_score!r} is not accepted; "
                "a number above 0 and at most 1, e.g. 0.8"
            )

    @classmethod
    def from_role(cls, role: Role, min_score: float = 0.8) -> RoleFitCriterion:
        """The criterion for a framework role."""
        return cls(role=role.code, targets=role.targets, min_score=min_score)

    def gaps(self, levels: Mapping[str, int]) -> tuple[Gap, ...]:
        """Every skill below the role's target, largest first: closing all of them meets the
        criterion, though closing the first `shortfall` levels may already be enough."""
        return role_fit("", self.role, self.targets, levels).gaps

    def shortfall(self, levels: Mapping[str, int]) -> int:
        """Level steps still needed to reach min_score: 0 when met."""
        total = sum(target for target in self.targets.values() if target > 0)
        missing = sum(gap.size for gap in self.gaps(levels))
        # score = 1 - missing / total >= min_score  ⇔  missing <= (1 - min_score) * total;
        # the epsilon keeps 0.8 × 10 = 2 levels allowed despite binary fractions.
        allowed = math.floor((1 - self.min_score) * total + 1e-9)
        return max(0, missing - allowed)

    def meets(self, levels: Mapping[str, int]) -> bool:
        """Whether the role fit of `levels` reaches min_score."""
        return self.shortfall(levels) == 0

    def score(self, levels: Mapping[str, int]) -> float:
        """The role fit score 0–1 of `levels`."""
        return role_fit("", self.role, self.targets, levels).score


Criterion = LevelCriterion | RoleFitCriterion


@dataclass(frozen=True)
class Capability:
    """Something the team must be able to do, and how many people must be able to do it.

    criterion: what one person needs. target: how many people in post must meet it (≥ 1).
    critical: the bus-factor rule checks it, and losing it soon is critical. source: where the
    capability and its target come from. in_house_only: only in-house staff (not is_external)
    count toward it, in the diagnosis and in the planner (the central figure).
    """

    code: str
    name: Text
    criterion: Criterion
    target: int
    critical: bool = True
    source: str = ""
    in_house_only: bool = False

    def counts(self, member: TeamMember) -> bool:
        """Whether `member` counts toward the capability: meets the criterion, and is
        in-house when the capability asks for it."""
        if self.in_house_only and member.is_external:
            return False
        return self.criterion.meets(member.levels)

    def __post_init__(self) -> None:
        if isinstance(self.target, bool) or not isinstance(self.target, int) or self.target < 1:
            raise InvalidCapabilityError(
                f"capability {self.code}: target {self.target!r} is not accepted; "
                "a whole number of people, 1 or more"
            )


# --- results ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Successor:
    """A person who could take over a capability: gaps to close (largest first) and
    shortfall, the level steps still needed (see Criterion.shortfall)."""

    person: str
    gaps: tuple[Gap, ...]
    shortfall: int


@dataclass(frozen=True)
class NextStep:
    """Something to do about a departure before it happens.

    code: a step of core.calendar.HR_STEPS or "training". status: open, late or closed (for
    training: closed when it cannot finish before the departure). due: the last day it is in
    time (for training: its last day if started today; None when it cannot finish in time).
    message: what to do, naming people, in Japanese and English. people: the ids concerned.
    """

    code: str
    status: StepStatus
    due: dt.date | None
    message: Phrase
    people: tuple[str, ...] = ()


@dataclass(frozen=True)
class Finding:
    """One thing a diagnosis found.

    rule: a RULE_IDS entry. message: plain, concrete, naming people, in Japanese and English.
    people: the ids of the people concerned (for succession: those leaving, then the
    successors). source: paper section or MIC document behind the rule. fiscal_year: the
    fiscal year the finding is about (for succession: the first year below target), None for
    now. capability: the capability code concerned, if any. successors: for succession.
    departure_day: for succession, the first day the first leaver is out of post (1 April
    for a move); time_left: from the reference day to it; next_steps: what can still be done
    before it, open steps first (see core.diagnostics.advice).
    """

    rule: str
    severity: Severity
    message: Phrase
    people: tuple[str, ...]
    source: str
    fiscal_year: int | None = None
    capability: str | None = None
    successors: tuple[Successor, ...] = ()
    departure_day: dt.date | None = None
    time_left: TimeLeft | None = None
    next_steps: tuple[NextStep, ...] = ()


@dataclass(frozen=True)
class Coverage:
    """One cell of the forecast: the DX members in post at the end of `fiscal_year` who meet
    `capability`, and its target."""

    capability: str
    fiscal_year: int
    people: tuple[str, ...]
    target: int
    count: float = -1.0

    def __post_init__(self) -> None:
        # count: full-time equivalents (model.strength); without one, every person counts 1.
        if self.count < 0:
            object.__setattr__(self, "count", float(len(self.people)))

    @property
    def met(self) -> bool:
        """Whether the full-time equivalents reach the target (1e-9 tolerance)."""
        return self.count >= self.target - 1e-9


@dataclass(frozen=True)
class Forecast:
    """Coverage per capability per fiscal year: cells[i][j] is capabilities[i] in
    fiscal_years[j]."""

    capabilities: tuple[str, ...]
    fiscal_years: tuple[int, ...]
    cells: tuple[tuple[Coverage, ...], ...]

    def cell(self, capability: str, fiscal_year: int) -> Coverage:
        """The cell for a capability code and a fiscal year; KeyError outside the forecast."""
        try:
            row = self.capabilities.index(capability)
            column = self.fiscal_years.index(fiscal_year)
        except ValueError:
            raise KeyError(
                f"no forecast for capability {capability!r} in fiscal year {fiscal_year}; "
                f"capabilities: {', '.join(self.capabilities)}; fiscal years "
                f"{self.fiscal_years[0]}–{self.fiscal_years[-1]}"
            ) from None
        return self.cells[row][column]

    def first_shortfall(self, capability: str) -> int | None:
        """The first fiscal year in which `capability` misses its target; None if never."""
        row = self.cells[self.capabilities.index(capability)]
        return next((cell.fiscal_year for cell in row if not cell.met), None)


class DepartureReason(enum.StrEnum):
    """Why and when a person is expected to leave the post.

    rotation: at the end of a fiscal year, after their rotation window. overdue: the window has
    passed; assumed at the end of the current fiscal year. hard_end: a fixed-term or
    secondment end date. stays: a specialist post without an end date.
    """

    ROTATION = "rotation"
    OVERDUE = "overdue"
    HARD_END = "hard_end"
    STAYS = "stays"


@dataclass(frozen=True)
class Departure:
    """When a person is expected to leave the post.

    last_day: the last day in post (None: stays). last_fiscal_year: the last fiscal year
    whose end (31 March) the person is still in post for; None: stays. A term that ends
    mid-year makes the previous fiscal year the last one.
    """

    person: str
    reason: DepartureReason
    last_day: dt.date | None
    last_fiscal_year: int | None


@dataclass(frozen=True)
class TimelineEntry:
    """A person's place in the timeline: the horizon's fiscal years they are in post at the
    end of, and their expected departure."""

    person: str
    fiscal_years: tuple[int, ...]
    departure: Departure


@dataclass(frozen=True)
class SmallMunicipality:
    """Whether the diagnosis read the team as a small municipality's, and how.

    active: the mode is on. reason: why (or why not), in Japanese and English. dx_staff: DX
    members in post on the reference day, advisers not counted. shared: people the shared
    resources count as per kind of work (SmallMunicipalityParams.shared_people; all 0 when
    not active). targets: capability code → (the paper's target, the in-house target left
    once shared resources count). source: domain-facts §6 and §4.
    """

    active: bool
    reason: Phrase
    population: int | None
    census_year: int | None
    dx_staff: int
    shared: Mapping[str, int]
    targets: Mapping[str, tuple[int, int]]
    source: str


@dataclass(frozen=True)
class Diagnosis:
    """What diagnose_team found: findings (critical first, then warnings, then info; within a
    severity in RULE_IDS order), the coverage forecast and the rotation timeline of the DX
    members (is_dx) in the order given; and whether the small-municipality mode was on."""

    findings: tuple[Finding, ...]
    forecast: Forecast
    timeline: tuple[TimelineEntry, ...]
    small_municipality: SmallMunicipality | None = None

    def with_severity(self, severity: Severity) -> tuple[Finding, ...]:
        """The findings of one severity, in report order."""
        return tuple(finding for finding in self.findings if finding.severity is severity)

    def of_rule(self, rule_id: str) -> tuple[Finding, ...]:
        """The findings of one rule; UnknownRuleError for an unknown id."""
        if rule_id not in RULE_IDS:
            raise UnknownRuleError(rule_id)
        return tuple(finding for finding in self.findings if finding.rule == rule_id)
