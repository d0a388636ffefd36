"""diagnose_team as a whole: the forecast on a team whose departures are known, the order of
findings, the timeline."""

from __future__ import annotations

import datetime as dt

import pytest

from dxtalent.core.diagnostics import (
    DiagnosisSettings,
    Severity,
    TeamMember,
    diagnose_team,
    forecast_coverage,
    paper_capabilities,
)
from tests.core.diagnostics.builders import (
    LEADER,
    SETTINGS,
    TODAY,
    person,
    rotating,
    skill_capability,
)

D = dt.date
WRITING = skill_capability("SPEC", {"CO-SPEC": 2}, target=3)


def known_departures():
    """Everyone writes specifications. Aoki stays; Baba rotates out at the end of FY2026;
    Chiba's term ends mid-FY2027, so FY2026 is the last year-end in post; Doi arrives in
    FY2027; Endo left before today."""
    spec = {"CO-SPEC": 2}
    return [
        person("aoki", levels=spec),
        rotating("baba", D(2023, 4, 1), levels=spec),
        person("chiba", levels=spec, hard_end=D(2027, 9, 30)),
        person("doi", levels=spec, post_start=D(2027, 4, 1)),
        person("endo", levels=spec, hard_end=D(2025, 3, 31)),
    ]


def test_the_forecast_counts_the_people_in_post_at_each_year_end_against_the_target():
    forecast = forecast_coverage(known_departures(), [WRITING], SETTINGS)
    assert forecast.fiscal_years == (2025, 2026, 2027, 2028, 2029)
    row = [forecast.cell("SPEC", year) for year in forecast.fiscal_years]
    assert [cell.people for cell in row] == [
        ("aoki", "baba", "chiba"),
        ("aoki", "baba", "chiba"),
        ("aoki", "doi"),
        ("aoki", "doi"),
        ("aoki", "doi"),
    ]
    assert [cell.met for cell in row] == [True, True, False, False, False]
    assert forecast.first_shortfall("SPEC") == 2027


def test_the_forecast_leaves_out_people_who_do_not_meet_the_capability_or_are_not_in_dx():
    members = [person("a", levels={"CO-SPEC": 1}), person("b", levels={"CO-SPEC": 3}, is_dx=False)]
    cell = forecast_coverage(members, [WRITING], SETTINGS).cell("SPEC", 2025)
    assert cell.count == 0
    assert not cell.met


def test_a_forecast_cell_outside_the_horizon_is_a_key_error_naming_what_exists():
    forecast = forecast_coverage(known_departures(), [WRITING], SETTINGS)
    with pytest.raises(KeyError, match="fiscal years 2025–2029"):
        forecast.cell("SPEC", 2030)


def test_the_horizon_follows_the_settings():
    settings = DiagnosisSettings(today=D(2026, 3, 31), horizon_years=2)
    assert forecast_coverage([], [WRITING], settings).fiscal_years == (2025, 2026)


def test_findings_come_critical_first_then_warnings_then_info():
    members = [person("sato", levels=LEADER), person("ito", levels={"CO-SPEC": 2})]
    diagnosis = diagnose_team(members, paper_capabilities(), SETTINGS)
    ranks = [f.severity.rank for f in diagnosis.findings]
    assert ranks == sorted(ranks)
    assert {f.severity for f in diagnosis.findings} == set(Severity)
    assert diagnosis.with_severity(Severity.INFO)[0].rule == "central-figure"


def test_the_diagnosis_carries_the_forecast_and_everyones_timeline():
    diagnosis = diagnose_team(known_departures(), [WRITING], SETTINGS)
    assert diagnosis.forecast.first_shortfall("SPEC") == 2027
    assert [entry.person for entry in diagnosis.timeline] == [
        "aoki",
        "baba",
        "chiba",
        "doi",
        "endo",
    ]
    assert diagnosis.timeline[1].fiscal_years == (2025, 2026)


def test_the_timeline_lists_the_dx_department_only():
    members = [*known_departures(), TeamMember("hr", "人事", {"CO-SPEC": 4}, is_dx=False)]
    diagnosis = diagnose_team(members, [WRITING], SETTINGS)
    assert "hr" not in [entry.person for entry in diagnosis.timeline]
    assert len(diagnosis.timeline) == len(known_departures())


def test_succession_findings_are_listed_by_the_year_the_capability_falls_short():
    capability = skill_capability("NEGO", {"CO-NEGO": 3}, target=1)
    members = [
        rotating("late", D(2024, 4, 1), levels={"CO-NEGO": 3, "CO-SPEC": 2}),  # FY2027
        rotating("early", D(2022, 10, 1), levels={"CO-SPEC": 2}),  # FY2026
        person("stays", levels={"CO-SPEC": 2}),
    ]
    settings = SETTINGS.with_rule("bus-factor", enabled=False)
    diagnosis = diagnose_team(members, [capability, WRITING], settings)
    years = [(f.capability, f.fiscal_year) for f in diagnosis.of_rule("succession")]
    assert years == [("SPEC", 2027), ("NEGO", 2028), ("SPEC", 2028)]


def test_an_empty_team_is_critical_in_the_papers_terms():
    diagnosis = diagnose_team([], paper_capabilities(), DiagnosisSettings(today=TODAY))
    critical = {f.rule for f in diagnosis.with_severity(Severity.CRITICAL)}
    assert {"central-figure", "coordinating-staff", "specification-team", "bus-factor"} <= critical
