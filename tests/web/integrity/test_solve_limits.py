"""The solver cannot be used to take the server down (issue #14): solving a posted scenario
needs the editor role somewhere; every solve (API, web form, command line) is checked against
the size limits of core.planning.solve_limits; one user has at most a few solves at once."""

from __future__ import annotations

import dataclasses
import json

import pytest
from typer.testing import CliRunner

from dxtalent.core.diagnostics import TeamMember
from dxtalent.core.planning import Scenario, dump_scenario
from dxtalent.core.planning.solve_limits import (
    DEFAULT_LIMITS,
    SolveLimits,
    SolveTooLargeError,
    TooManySolvesError,
    check_active_solves,
    check_solve_size,
)
from dxtalent.web.planning import limits
from dxtalent.web.planning.models import PlanRun

SMALL = Scenario(first_fiscal_year=2026, horizon_years=2, yearly_budget=0, capabilities=())


def _team(n: int) -> Scenario:
    members = tuple(TeamMember(f"S{i}", f"S{i}", {}) for i in range(n))
    return dataclasses.replace(SMALL, team=members)


def test_a_scenario_within_the_limits_passes_and_one_beyond_names_each_limit():
    check_solve_size(SMALL, rotations=30, runs=100_000)
    tight = SolveLimits(staff=2, rotations=3)
    with pytest.raises(SolveTooLargeError) as caught:
        check_solve_size(_team(3), rotations=4, runs=0, limits=tight)
    assert [(e.what, e.found, e.limit) for e in caught.value.excesses] == [
        ("staff", 3, 2),
        ("rotations", 4, 3),
    ]
    # Each within its own limit, together too large: 1,000 people × 30 years × 31 scenarios.
    large = dataclasses.replace(_team(1000), horizon_years=30)
    with pytest.raises(SolveTooLargeError) as caught:
        check_solve_size(large, rotations=30, runs=0)
    assert [e.what for e in caught.value.excesses] == ["cells"]


def test_a_user_with_as_many_solves_as_allowed_is_refused_another():
    check_active_solves(DEFAULT_LIMITS.active_per_user - 1)
    with pytest.raises(TooManySolvesError):
        check_active_solves(DEFAULT_LIMITS.active_per_user)


def _solve(client, scenario=SMALL, **extra):
    body = {"scenario": json.loads(dump_scenario(scenario, "json")), "runs": 0, **extra}
    return client.post("/api/plans/solve", json.dumps(body), content_type="application/json")


def test_solving_a_posted_scenario_needs_the_editor_role_in_some_organisation(client, alice, bob):
    client.force_login(bob)  # a viewer only
    refused = _solve(client)
    assert refused.status_code == 403 and "editor" in refused.json()["errors"][0]["msg"]
    client.force_login(alice)
    assert _solve(client).status_code == 200


def test_a_posted_scenario_beyond_the_limits_is_a_400_naming_the_limit(client, alice, monkeypatch):
    monkeypatch.setattr(limits, "LIMITS", SolveLimits(staff=2))
    client.force_login(alice)
    response = _solve(client, _team(3))
    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert (
        error["loc"] == ["body", "scenario", "staff"]
        and "3 is more than the limit of 2" in (error["msg"])
    )


def _queued_runs(organisation, user, n):
    for _ in range(n):
        PlanRun.objects.create(
            organisation=organisation, created_by=user, objective="coverage", scenario={}
        )


def test_a_user_with_runs_queued_is_refused_another_solve_with_429(client, alice, city_a):
    _queued_runs(city_a, alice, DEFAULT_LIMITS.active_per_user)
    client.force_login(alice)
    response = _solve(client)
    assert response.status_code == 429
    assert "at most 2 at once" in response.json()["errors"][0]["msg"]
    api_run = client.post(
        f"/api/organisations/{city_a.code}/plan/runs", {}, content_type="application/json"
    )
    assert api_run.status_code == 429
    assert PlanRun.objects.count() == DEFAULT_LIMITS.active_per_user


def test_the_plan_form_refuses_a_third_run_at_once_with_429_in_japanese(client, alice, city_a):
    _queued_runs(city_a, alice, DEFAULT_LIMITS.active_per_user)
    client.force_login(alice)
    page = client.get(f"/o/{city_a.code}/plan/")
    data = {
        name: value
        for name in page.context["form"].fields
        if (value := page.context["form"][name].value()) not in (None, False)
    }
    response = client.post(f"/o/{city_a.code}/plan/", data, HTTP_ACCEPT_LANGUAGE="ja")
    assert response.status_code == 429
    assert "計画" in response.content.decode() and "終わる" in response.content.decode()
    assert PlanRun.objects.count() == DEFAULT_LIMITS.active_per_user


def test_the_plan_form_refuses_a_scenario_beyond_the_limits(client, alice, city_a, monkeypatch):
    monkeypatch.setattr(limits, "LIMITS", SolveLimits(runs=10))
    client.force_login(alice)
    page = client.get(f"/o/{city_a.code}/plan/")
    data = {
        name: value
        for name in page.context["form"].fields
        if (value := page.context["form"][name].value()) not in (None, False)
    }
    response = client.post(f"/o/{city_a.code}/plan/", data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "Monte Carlo runs: 10,000 is more than the limit of 10" in response.content.decode()
    assert not PlanRun.objects.exists()


def test_the_cli_applies_the_limits_unless_told_not_to(tmp_path):
    from dxtalent.cli import app

    path = tmp_path / "scenario.json"
    path.write_text(dump_scenario(SMALL, "json"), encoding="utf-8")
    runner = CliRunner()
    refused = runner.invoke(app, ["plan", "solve", str(path), "--runs", "200000"])
    assert refused.exit_code == 2
    assert "runs: 200,000 is more than the limit of 100,000" in refused.output
    assert "--no-limits" in refused.output
    allowed = runner.invoke(
        app, ["plan", "solve", str(path), "--time-limit", "120", "--runs", "0", "--no-limits"]
    )
    assert allowed.exit_code == 0, allowed.output
