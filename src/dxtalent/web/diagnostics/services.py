"""Team diagnostics: load the organisation's people and settings, call core.diagnostics, and
turn the result into plain data for the page, the API and the CLI."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from dxtalent.core.diagnostics import (
    RULE_IDS,
    Capability,
    Diagnosis,
    DiagnosisSettings,
    RotationRisk,
    TeamMember,
    diagnose_team,
    paper_capabilities,
    simulate_rotation,
)
from dxtalent.core.people import RotationWindowError, check_rotation_window
from dxtalent.web.diagnostics.models import DiagnosisProfile
from dxtalent.web.organisations.models import Organisation
from dxtalent.web.people.models import CurrentLevel, Person, Post

EXTERNAL_TYPES = {"corporate_secondee", "side_job", "dispatched", "adviser"}


def profile_of(organisation: Organisation) -> DiagnosisProfile:
    """The organisation's diagnosis settings (created with the paper's defaults if missing)."""
    profile, _created = DiagnosisProfile.objects.get_or_create(organisation=organisation)
    return profile


def to_domain(organisation: Organisation) -> list[TeamMember]:
    """The organisation's active staff as core TeamMembers: current levels (all frameworks;
    the highest where an organisation's copy repeats a code), the current post (start,
    department, specialist), contract end and rotation window."""
    people = list(Person.objects.filter(organisation=organisation, kind="staff", active=True))
    posts = {
        post.person_id: post
        for post in Post.objects.filter(person__in=people, ended_on__isnull=True).select_related(
            "department"
        )
    }
    levels: dict[int, dict[str, int]] = {}
    for person, code, level in CurrentLevel.objects.filter(organisation=organisation).values_list(
        "person_id", "skill__code", "level"
    ):
        cell = levels.setdefault(person, {})
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


def settings_for(
    organisation: Organisation, years: int | None = None, today: dt.date | None = None
) -> DiagnosisSettings:
    profile = profile_of(organisation)
    settings = DiagnosisSettings(
        today=today or timezone.localdate(),
        horizon_years=years or profile.horizon_years,
        rotation_window=(profile.rotation_min_years, profile.rotation_max_years),
        reappointments=profile.reappointments,
    )
    settings = settings.with_rule("central-figure", in_house_only=profile.central_in_house)
    settings = settings.with_rule(
        "negotiation-capacity",
        contracts=profile.vendor_contracts,
        large_contracts=profile.large_contracts,
    )
    for rule_id in profile.disabled_rules:
        if rule_id in RULE_IDS:
            settings = settings.with_rule(rule_id, enabled=False)
    return settings


@dataclass(frozen=True)
class TeamReport:
    diagnosis: Diagnosis
    risk: RotationRisk
    capabilities: tuple[Capability, ...]
    members: dict[str, TeamMember]
    settings: DiagnosisSettings


def diagnose(
    organisation: Organisation, years: int | None = None, runs: int = 2000, seed: int = 2025
) -> TeamReport:
    """The organisation's diagnosis, forecast and rotation risk (seeded, so a page and its
    export agree)."""
    members = to_domain(organisation)
    settings = settings_for(organisation, years)
    capabilities = tuple(paper_capabilities())
    diagnosis = diagnose_team(members, capabilities, settings)
    risk = simulate_rotation(members, capabilities, settings, runs=runs, seed=seed)
    return TeamReport(diagnosis, risk, capabilities, {m.id: m for m in members}, settings)


def report_json(report: TeamReport, language: str = "ja") -> dict[str, Any]:
    """The CLI's --json and the API's answer: findings (rule, severity, message, people,
    source, fiscal_year), forecast per capability and fiscal year, risk and timeline."""
    english = language.startswith("en")

    def name(member_id: str) -> str:
        member = report.members.get(member_id)
        return member.name if member else member_id

    forecast = report.diagnosis.forecast
    return {
        "fiscal_years": list(forecast.fiscal_years),
        "findings": [
            {
                "rule": f.rule,
                "severity": f.severity.value if hasattr(f.severity, "value") else str(f.severity),
                "message": f.message.en if english else f.message.ja,
                "people": [{"id": int(p), "name": name(p)} for p in f.people],
                "source": f.source,
                "fiscal_year": f.fiscal_year,
                "capability": f.capability,
            }
            for f in report.diagnosis.findings
        ],
        "forecast": [
            {
                "capability": code,
                "name": (c.name.en if english else c.name.ja),
                "target": c.target,
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
