"""Team diagnostics: load the organisation's people and settings, call core.diagnostics, and
turn the result into plain data for the page, the API and the CLI."""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from django.utils import timezone, translation

from dxtalent.core.calendar import PHASE_NAMES, DepartureOutlook, HrPhase, departure_outlook
from dxtalent.core.calendar.fiscal_year import fiscal_year_of
from dxtalent.core.diagnostics import (
    RULE_IDS,
    Capability,
    Diagnosis,
    DiagnosisSettings,
    RotationRisk,
    SmallMunicipalityParams,
    TeamMember,
    TrainingOffer,
    diagnose_team,
    paper_capabilities,
    simulate_rotation,
    with_in_house_targets,
)
from dxtalent.core.diagnostics.rules import NAMES as RULE_NAMES
from dxtalent.core.diagnostics.rules import SOURCE_SUMMARIES as RULE_SOURCES
from dxtalent.core.frameworks import Text
from dxtalent.core.organisations.population import POPULATION_ATTRIBUTION
from dxtalent.core.people import RotationWindowError, check_rotation_window
from dxtalent.web import versions
from dxtalent.web.diagnostics.models import DiagnosisProfile
from dxtalent.web.organisations.models import Organisation
from dxtalent.web.people.models import CurrentLevel, Person, Post, TrainingProgramme
from dxtalent.web.standardization.services import workload_for

EXTERNAL_TYPES = {"corporate_secondee", "side_job", "dispatched", "adviser"}


def profile_of(organisation: Organisation) -> DiagnosisProfile:
    """The organisation's diagnosis settings; the paper's defaults, unsaved, if it has none
    yet (saved when the settings form is saved): reading a page writes nothing."""
    profile = DiagnosisProfile.objects.filter(organisation=organisation).first()
    return profile if profile is not None else DiagnosisProfile(organisation=organisation)


def to_domain(organisation: Organisation) -> list[TeamMember]:
    """The organisation's active staff as core TeamMembers: current levels (all frameworks;
    the highest where an organisation's copy repeats a code), the current post (start,
    department, specialist), contract end and rotation window. Kept in the process per data
    version (web/versions.py): a large city's staff are thousands of rows read for every page
    that diagnoses or plans."""
    return list(
        versions.kept(
            ("members", versions.data_version(organisation)),
            lambda: tuple(_load_members(organisation)),
        )
    )


def _load_members(organisation: Organisation) -> list[TeamMember]:
    people = list(Person.objects.filter(organisation=organisation, kind="staff", active=True))
    posts = {
        post.person_id: post
        for post in Post.objects.filter(person__in=people, ended_on__isnull=True).select_related(
            "department"
        )
    }
    levels: dict[int, dict[str, int]] = {}
    for person_id, code, level in CurrentLevel.objects.filter(
        organisation=organisation
    ).values_list("person_id", "skill__code", "level"):
        cell = levels.setdefault(person_id, {})
        cell[code] = max(level, cell.get(code, 0))
    members = []
    for person in people:
        post = posts.get(person.pk)
        try:
            window = check_rotation_window(person.rotation_min_years, person.rotation_max_years)
        except RotationWindowError:
            # Written before the rule was checked on every entry point: the organisation's
            # window applies until someone corrects it, rather than the page failing.
            window = None
        members.append(
            TeamMember(
                id=str(person.pk),
                name=f"{person.family_name}{person.given_name and ' ' + person.given_name}",
                levels=levels.get(person.pk, {}),
                employment_type=person.employment_type,
                is_external=person.origin == "external" or person.employment_type in EXTERNAL_TYPES,
                post_start=post.started_on if post else None,
                specialist_post=bool(post and post.is_specialist),
                hard_end=person.contract_end,
                rotation_window=window,
                is_dx=bool(post and post.department.is_dx),
                fte=person.working_fraction,
            )
        )
    return members


def training_offers(organisation: Organisation) -> tuple[TrainingOffer, ...]:
    """The organisation's training programmes that record the skills they raise, as offers
    the diagnosis may propose to a successor (a programme without skills is left out, as in
    the planner)."""
    offers = []
    programmes = TrainingProgramme.objects.filter(organisation=organisation).prefetch_related(
        "skills__skill"
    )
    for programme in programmes.order_by("pk"):
        gains = list(programme.skills.all())
        if not gains:
            continue
        offers.append(
            TrainingOffer(
                code=f"T-{programme.pk}",
                name=Text(programme.name, programme.name),
                months=min(max(1, programme.months), 120),
                raises={g.skill.code: g.to_level for g in gains},
                prerequisites={g.skill.code: g.prerequisite for g in gains if g.prerequisite},
                source=programme.provider,
            )
        )
    return tuple(offers)


def small_municipality_params(
    organisation: Organisation, profile: DiagnosisProfile, today: dt.date | None = None
) -> SmallMunicipalityParams:
    """The organisation's census population and the shared resources its settings record;
    the pool's days are those of the settings or, when more, those its prefecture's accepted
    allocation gives it this fiscal year."""
    from dxtalent.web.pool.services import allocated_days

    pool_days = max(
        profile.prefecture_pool_days,
        int(allocated_days(organisation, fiscal_year_of(today or timezone.localdate()))),
    )
    return SmallMunicipalityParams(
        mode=profile.small_municipality_mode,
        population=organisation.population,
        census_year=organisation.census_year,
        pool_days=pool_days,
        adviser=profile.uses_adviser,
        joint_procurement=profile.joint_procurement,
    )


def settings_for(
    organisation: Organisation, years: int | None = None, today: dt.date | None = None
) -> DiagnosisSettings:
    profile = profile_of(organisation)
    settings = DiagnosisSettings(
        today=today or timezone.localdate(),
        horizon_years=years or profile.horizon_years,
        rotation_window=(profile.rotation_min_years, profile.rotation_max_years),
        reappointments=profile.reappointments,
        training=training_offers(organisation),
        small_municipality=small_municipality_params(organisation, profile, today),
    )
    settings = settings.with_rule("central-figure", in_house_only=profile.central_in_house)
    # With a register of systems and contracts the negotiation rule reads its renewals and
    # migrations per fiscal year; without one, the settings' count of contracts.
    workload, contracts = workload_for(organisation)
    settings = settings.with_rule(
        "negotiation-capacity",
        contracts=contracts if workload else profile.vendor_contracts,
        large_contracts=0 if workload else profile.large_contracts,
        workload=workload,
        events_per_negotiator=profile.events_per_negotiator,
    )
    for rule_id in profile.disabled_rules:
        if rule_id in RULE_IDS:
            settings = settings.with_rule(rule_id, enabled=False)
    return settings


def capabilities_for(organisation: Organisation) -> tuple[Capability, ...]:
    """The paper's capabilities as the organisation's settings read them: the central figure
    in-house only unless the organisation allows otherwise."""
    return tuple(paper_capabilities(central_in_house=profile_of(organisation).central_in_house))


@dataclass(frozen=True)
class TeamReport:
    diagnosis: Diagnosis
    risk: RotationRisk
    capabilities: tuple[Capability, ...]
    members: dict[str, TeamMember]
    settings: DiagnosisSettings


def diagnose(
    organisation: Organisation,
    years: int | None = None,
    runs: int = 2000,
    seed: int = 2025,
    today: dt.date | None = None,
) -> TeamReport:
    """The organisation's diagnosis, forecast and rotation risk (seeded, so a page and its
    export agree), as of `today` (default: today). In small-municipality mode the risk counts
    against the same in-house targets as the forecast.

    Cached in the process per organisation and data version: first by the organisation's
    data version (web/versions.py: its audit trail's last event, with the day and the
    parameters), read in one or two queries; when that changed, by a digest of every input
    (the staff as core sees them, the settings with the day and the training offers, the
    capabilities, runs and seed), so a change that leaves the inputs as they were (a note, a
    survey) reuses the report and any change to them computes afresh."""
    day = today or timezone.localdate()
    return versions.kept(
        ("diagnosis", versions.data_version(organisation), years, runs, seed, day),
        lambda: _diagnose(organisation, years, runs, seed, day),
    )


def rules_only(organisation: Organisation, years: int, today: dt.date) -> Diagnosis:
    """The diagnosis without its Monte Carlo (the dashboard's), kept per data version and day
    like diagnose()."""
    return versions.kept(
        ("rules", versions.data_version(organisation), years, today),
        lambda: diagnose_team(
            to_domain(organisation),
            capabilities_for(organisation),
            settings_for(organisation, years=years, today=today),
        ),
    )


def _diagnose(
    organisation: Organisation, years: int | None, runs: int, seed: int, today: dt.date
) -> TeamReport:
    members = to_domain(organisation)
    settings = settings_for(organisation, years, today)
    capabilities = capabilities_for(organisation)
    version = hashlib.sha256(
        repr((members, settings, capabilities, runs, seed)).encode("utf-8")
    ).hexdigest()
    key = (organisation.pk, version)
    with _reports_lock:
        if key in _reports:
            _reports.move_to_end(key)
            return _reports[key]
    diagnosis = diagnose_team(members, capabilities, settings)
    if diagnosis.small_municipality is not None:
        capabilities = with_in_house_targets(capabilities, diagnosis.small_municipality)
    risk = simulate_rotation(members, capabilities, settings, runs=runs, seed=seed)
    report = TeamReport(diagnosis, risk, capabilities, {m.id: m for m in members}, settings)
    with _reports_lock:
        _reports[key] = report
        while len(_reports) > REPORTS_KEPT:
            _reports.popitem(last=False)
    return report


# The diagnosis (rules, forecast, 2,000 Monte Carlo runs) takes about a second for a
# designated city; a page view with unchanged inputs reads it from here. Per process, the
# least recently used dropped first; frozen values, so sharing them between threads is safe.
REPORTS_KEPT = 64
_reports: OrderedDict[tuple[int, str], TeamReport] = OrderedDict()
_reports_lock = threading.Lock()


def translated(message: str, language: str) -> str:
    """A message marked in core (dxtalent.core.i18n), in `language` ("ja" or "en") whatever
    the request's: the JSON report is asked for in a language of its own (--lang, ?lang=)."""
    with translation.override(language):
        return translation.gettext(message)


def _small_json(report: TeamReport, language: str) -> dict[str, Any] | None:
    status = report.diagnosis.small_municipality
    if status is None:
        return None
    params = report.settings.small_municipality
    return {
        "active": status.active,
        "mode": str(params.mode),  # a SmallMunicipalityMode (a StrEnum): its value
        "reason": status.reason.get(language),
        "population": status.population,
        "census_year": status.census_year,
        "population_source": translated(POPULATION_ATTRIBUTION, language)
        if status.population is not None
        else None,
        "dx_staff": status.dx_staff,
        "shared_resources": {
            "prefecture_pool_days": params.pool_days,
            "adviser": params.adviser,
            "joint_procurement": params.joint_procurement,
        },
        "shared_people": dict(status.shared),
        "targets": {
            code: {"paper": paper, "in_house": in_house}
            for code, (paper, in_house) in status.targets.items()
        },
        "source": translated(status.source, language),
    }


def _outlook_json(finding_outlook: DepartureOutlook | None, language: str) -> dict[str, Any]:
    if finding_outlook is None:
        return {}
    phase = finding_outlook.phase
    cycle = finding_outlook.cycle
    return {
        "hr_phase": phase.value,
        "hr_phase_name": PHASE_NAMES[HrPhase(phase)].get(language),
        "hearings_end": cycle.hearings_end.isoformat() if cycle else None,
        "notice": cycle.notice.isoformat() if cycle else None,
    }


def report_json(report: TeamReport, language: str = "ja") -> dict[str, Any]:
    """The CLI's --json and the API's answer: the reference day; findings (rule, severity,
    message, people, source, fiscal_year; for succession the departure day, the whole months
    and days left and the next steps with their status and due day), forecast per
    capability and fiscal year, risk, timeline, and the small-municipality mode."""
    english = language.startswith("en")
    language = "en" if english else "ja"

    def name(member_id: str) -> str:
        member = report.members.get(member_id)
        return member.name if member else member_id

    def outlook(finding: Any) -> DepartureOutlook | None:
        if finding.departure_day is None:
            return None
        return departure_outlook(
            report.settings.reference_day(),
            finding.departure_day,
            hr_calendar=report.settings.hr_calendar,
        )

    forecast = report.diagnosis.forecast
    small = report.diagnosis.small_municipality
    paper_targets = dict(small.targets) if small is not None and small.active else {}
    capability_names = {
        code: (c.name.en if english else c.name.ja)
        for code, c in zip(forecast.capabilities, report.capabilities, strict=True)
    }
    return {
        "today": report.settings.reference_day().isoformat(),
        "fiscal_years": list(forecast.fiscal_years),
        "small_municipality": _small_json(report, language),
        "findings": [
            {
                "rule": f.rule,
                "rule_name": RULE_NAMES[f.rule].get(language),
                "severity": f.severity.value if hasattr(f.severity, "value") else str(f.severity),
                "message": f.message.en if english else f.message.ja,
                "people": [{"id": int(p), "name": name(p)} for p in f.people],
                "source": f.source,
                "source_summary": RULE_SOURCES[f.rule].get(language),
                "fiscal_year": f.fiscal_year,
                "capability": f.capability,
                "capability_name": capability_names.get(f.capability or ""),
                "departure_day": f.departure_day.isoformat() if f.departure_day else None,
                "months_left": f.time_left.months if f.time_left else None,
                "days_left": f.time_left.days if f.time_left else None,
                "time_left": f.time_left.text().get(language) if f.time_left else None,
                **_outlook_json(outlook(f), language),
                "next_steps": [
                    {
                        "step": step.code,
                        "status": step.status.value,
                        "due": step.due.isoformat() if step.due else None,
                        "message": step.message.get(language),
                        "people": [{"id": int(p), "name": name(p)} for p in step.people],
                    }
                    for step in f.next_steps
                ],
            }
            for f in report.diagnosis.findings
        ],
        "forecast": [
            {
                "capability": code,
                "name": (c.name.en if english else c.name.ja),
                "target": c.target,
                "paper_target": paper_targets.get(code, (c.target, c.target))[0],
                "years": [
                    {"fiscal_year": cell.fiscal_year, "count": cell.count, "met": cell.met}
                    for cell in forecast.cells[i]
                ],
            }
            for i, (code, c) in enumerate(
                zip(forecast.capabilities, report.capabilities, strict=True)
            )
        ],
        "risk": {
            "runs": report.risk.runs,
            "seed": report.risk.seed,
            "probability": [
                {
                    "capability": code,
                    "by_year": dict(zip(map(str, report.risk.fiscal_years), row, strict=True)),
                }
                for code, row in zip(report.risk.capabilities, report.risk.probability, strict=True)
            ],
        },
        "timeline": [
            {
                "person": {"id": int(entry.person), "name": name(entry.person)},
                "fiscal_years": list(entry.fiscal_years),
                "leaves": entry.departure.last_day.isoformat()
                if entry.departure.last_day
                else None,
                "reason": entry.departure.reason.value,
            }
            for entry in report.diagnosis.timeline
        ],
    }


@dataclass(frozen=True)
class ProgrammeLink:
    """A training programme of the organisation that brings the skills a capability asks for."""

    pk: int
    name: str
    months: int


def programmes_for(
    organisation: Organisation, report: TeamReport
) -> dict[str, list[ProgrammeLink]]:
    """Capability code → the organisation's programmes that raise at least one of its skills
    to the level the capability asks for (level capabilities only), shortest first."""
    from dxtalent.core.diagnostics import LevelCriterion
    from dxtalent.web.people.models import ProgrammeSkill

    raised: dict[str, dict[int, tuple[str, int, int]]] = {}
    rows = ProgrammeSkill.objects.filter(organisation=organisation).values_list(
        "skill__code", "to_level", "programme_id", "programme__name", "programme__months"
    )
    for code, level, pk, name, months in rows:
        raised.setdefault(code, {})[pk] = (
            name,
            months,
            max(level, raised.get(code, {}).get(pk, ("", 0, 0))[2]),
        )
    found: dict[str, list[ProgrammeLink]] = {}
    for capability in report.capabilities:
        if not isinstance(capability.criterion, LevelCriterion):
            continue
        links: dict[int, ProgrammeLink] = {}
        for skill, minimum in capability.criterion.minimums.items():
            for pk, (name, months, level) in raised.get(skill, {}).items():
                if level >= minimum:
                    links[pk] = ProgrammeLink(pk, name, months)
        found[capability.code] = sorted(links.values(), key=lambda link: (link.months, link.name))
    return found


def top_actions(data: dict[str, Any], limit: int = 3) -> list[dict[str, Any]]:
    """The findings to act on first: critical before warning, then the earliest fiscal year
    (a finding about today first, then the coming moves); at most `limit`."""
    rank = {"critical": 0, "warning": 1}
    urgent = [f for f in data["findings"] if f["severity"] in rank]
    urgent.sort(key=lambda f: (rank[f["severity"]], f.get("fiscal_year") or 0))
    return urgent[:limit]
