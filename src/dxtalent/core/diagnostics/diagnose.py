"""diagnose_team: the rules, the coverage forecast and the rotation timeline in one call."""

from __future__ import annotations

from collections.abc import Sequence

from dxtalent.core.diagnostics.model import (
    RULE_IDS,
    Capability,
    Coverage,
    Diagnosis,
    Finding,
    Forecast,
    TeamMember,
    strength,
)
from dxtalent.core.diagnostics.rotation import timeline
from dxtalent.core.diagnostics.rules import RULES
from dxtalent.core.diagnostics.settings import DiagnosisSettings
from dxtalent.core.diagnostics.small import small_municipality, with_in_house_targets
from dxtalent.core.diagnostics.team import TeamView, view_team


def _forecast(team: TeamView) -> Forecast:
    cells = tuple(
        tuple(
            _coverage(capability, year, team.holders(capability, year))
            for year in team.fiscal_years
        )
        for capability in team.capabilities
    )
    return Forecast(
        capabilities=tuple(c.code for c in team.capabilities),
        fiscal_years=team.fiscal_years,
        cells=cells,
    )


def _coverage(capability: Capability, year: int, holders: Sequence[TeamMember]) -> Coverage:
    return Coverage(
        capability=capability.code,
        fiscal_year=year,
        people=tuple(m.id for m in holders),
        target=capability.target,
        count=strength(holders),
    )


def forecast_coverage(
    members: Sequence[TeamMember],
    capabilities: Sequence[Capability],
    settings: DiagnosisSettings | None = None,
) -> Forecast:
    """For each capability and each fiscal year of the horizon, the DX members in post at the
    year's end (expected departures, see rotation) who meet it, against its target.

    In small-municipality mode the paper's capabilities count against their in-house targets
    (core.diagnostics.small). Raises DuplicatePersonError or InvalidCapabilityError for ids
    or codes given twice.
    """
    settings = settings or DiagnosisSettings()
    status = small_municipality(members, capabilities, settings)
    return _forecast(view_team(members, with_in_house_targets(capabilities, status), settings))


def _order(finding: Finding) -> tuple[int, int, int]:
    # A stable sort: within a rule and fiscal year, the rule's own order (capabilities as given).
    return (finding.severity.rank, RULE_IDS.index(finding.rule), finding.fiscal_year or 0)


def diagnose_team(
    members: Sequence[TeamMember],
    capabilities: Sequence[Capability],
    settings: DiagnosisSettings | None = None,
) -> Diagnosis:
    """Check the team against every enabled rule, and forecast each capability over the
    horizon as people rotate out.

    members: the DX department's people (is_dx), and optionally others in the organisation who
    could succeed them. capabilities: what the team must be able to do, with targets (e.g.
    `paper_capabilities()`); the forecast, the bus-factor and the succession rules use them,
    the other rules have their own parameters. settings: default DiagnosisSettings() (today,
    five fiscal years, rotation every 3–5 years, every rule on).

    Findings come critical first, then warnings, then info; within a severity in rule order,
    then by fiscal year, then in the rule's own order (capabilities as given). An empty team
    gives the critical findings of an empty team. Succession findings carry the next steps
    before the departure (core.diagnostics.advice). In small-municipality mode (settings.
    small_municipality; core.diagnostics.small) shared resources count toward the rules that
    need several people, and the paper's capabilities count against their in-house targets;
    the Diagnosis says whether the mode was on.
    Raises DuplicatePersonError or InvalidCapabilityError for ids or codes given twice.
    """
    settings = settings or DiagnosisSettings()
    status = small_municipality(members, capabilities, settings)
    team = view_team(members, with_in_house_targets(capabilities, status), settings)
    findings = [finding for rule in RULES for finding in rule.run(team)]
    findings.sort(key=_order)
    return Diagnosis(
        findings=tuple(findings),
        forecast=_forecast(team),
        # The page lists the DX department; a city's other 1,700 staff are not in its rules.
        timeline=timeline([member for member in members if member.is_dx], team.settings),
        small_municipality=status,
    )
