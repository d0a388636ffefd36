"""`dxtalent plan scenario|solve|risk|check`: staffing plans."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from dxtalent.cli.common import (
    console,
    errors,
    find_organisation,
    language_option,
    print_wrapped,
    read_file,
    setup_django,
)

if TYPE_CHECKING:  # for annotations only: the commands import what they use when they run
    from collections.abc import Sequence

    from dxtalent.core.planning import Action, Plan, PlanRisk, Scenario

app = typer.Typer(help="Staffing plans: scenarios, solving, checking.", no_args_is_help=True)


def _read_scenario(path: Path) -> Scenario:
    from dxtalent.core.planning import ScenarioFormatError, load_scenario
    from dxtalent.core.planning.io import path_text

    text = read_file(path, "scenario").decode("utf-8-sig")
    try:
        return load_scenario(text)
    except ScenarioFormatError as error:
        errors.print(f"[red]{path.name} is not a valid scenario:[/red]")
        for loc, message in error.errors:
            errors.print(f"  {path_text(loc)}: {message}")
        raise typer.Exit(2) from None


@app.command("scenario")
def plan_scenario(
    org: Annotated[str, typer.Option("--org", metavar="CODE", help="Organisation code")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default: print)")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="yaml or json")] = "yaml",
    budget: Annotated[
        int | None, typer.Option(help="Yearly budget in yen (default: the diagnosis settings)")
    ] = None,
    years: Annotated[
        int | None,
        typer.Option(min=1, help="Fiscal years from the next one (at most 29: MAX_PLAN_YEARS)"),
    ] = None,
) -> None:
    """Write the scenario of an organisation's current data (team, candidates, training, budget)."""
    from dxtalent.core.planning.scenario import MAX_PLAN_YEARS

    if years is not None and years > MAX_PLAN_YEARS:
        errors.print(
            f"[red]--years {years}: at most {MAX_PLAN_YEARS} fiscal years from the next one "
            f"(a plan is seen from today, at most {MAX_PLAN_YEARS + 1} fiscal years ahead).[/red]"
        )
        raise typer.Exit(2)
    setup_django()
    from dxtalent.core.planning import dump_scenario
    from dxtalent.web.planning.services import scenario_for

    text = dump_scenario(
        scenario_for(find_organisation(org), budget, years), "json" if fmt == "json" else "yaml"
    )
    if output:
        output.write_text(text, encoding="utf-8")
        console.print(f"Wrote {output}.")
    else:
        sys.stdout.write(text)


def _check_limits(scenario, rotations: int, runs: int, time_limit: float) -> None:  # type: ignore[no-untyped-def]
    """The limits of a solve the web and the API apply (core.planning.solve_limits): beyond
    them, stderr and exit 2, pointing at --no-limits."""
    from dxtalent.core.planning.solve_limits import (
        DEFAULT_LIMITS,
        SolveTooLargeError,
        check_solve_size,
    )

    try:
        check_solve_size(scenario, rotations, runs)
        if time_limit > DEFAULT_LIMITS.time_limit:
            raise ValueError(
                f"time limit: {time_limit:g} s is more than the limit of "
                f"{DEFAULT_LIMITS.time_limit:g} s"
            )
    except (SolveTooLargeError, ValueError) as error:
        errors.print(f"[red]Beyond the limits of a solve: {error}.[/red]")
        errors.print("  Pass --no-limits to solve it anyway on this machine.")
        raise typer.Exit(2) from None


@app.command("solve")
def plan_solve(
    scenario: Annotated[
        Path, typer.Argument(help="Scenario file (YAML or JSON, docs/scenario-format.md)")
    ],
    objective: Annotated[
        str,
        typer.Option(
            help="coverage (default: the most of the targets within the budget, then the "
            "cheapest) or cost (the cheapest that meets every target, else infeasible)"
        ),
    ] = "coverage",
    strategy: Annotated[str, typer.Option(help="acquire, develop or mix")] = "mix",
    rotations: Annotated[
        int,
        typer.Option(
            min=0,
            max=50,
            help="Plan against this many sampled rotation scenarios as well as the expected "
            "departures (0: the expected departures alone); solved to within 1 % of optimal",
        ),
    ] = 0,
    seed: Annotated[int, typer.Option(help="Seed of the rotation samples and Monte Carlo")] = 0,
    runs: Annotated[
        int,
        typer.Option(
            min=0, help="Monte Carlo runs to evaluate the plan against rotation (0: none)"
        ),
    ] = 10_000,
    time_limit: Annotated[
        float,
        typer.Option(
            min=0.1,
            help="Seconds for the solver (at most the limit of a solve, 60, unless --no-limits)",
        ),
    ] = 60,
    no_limits: Annotated[
        bool,
        typer.Option(
            "--no-limits",
            help="Solve beyond the server's limits of a solve (size, runs, time; "
            "docs/scenario-format.md): on your own machine, at your own cost",
        ),
    ] = False,
    as_json: Annotated[
        bool,
        typer.Option("--json", help="Print the plan as JSON (with a status field and the risk)"),
    ] = False,
    lang: Annotated[str, language_option("the output (not of --json)")] = "ja",
) -> None:
    """Solve a scenario to proven optimality; infeasible scenarios say which targets fail and
    why. The plan is then evaluated against the Monte Carlo rotation model. Each lever the plan
    uses says which state support applies and, where a programme's area rules rule it out
    (地域活性化起業人), why."""
    from dxtalent.core.planning import OBJECTIVES, STRATEGIES, plan_staffing

    if objective not in OBJECTIVES or strategy not in STRATEGIES:
        errors.print(
            f"[red]--objective must be one of {', '.join(OBJECTIVES)}; --strategy one of {', '.join(STRATEGIES)}[/red]"
        )
        raise typer.Exit(2)
    loaded = _read_scenario(scenario)
    if not no_limits:
        _check_limits(loaded, rotations, runs, time_limit)
    plan = plan_staffing(
        loaded,
        objective=objective,
        strategy=strategy,
        time_limit=time_limit,
        rotation_scenarios=rotations,
        seed=seed,
    )
    solved = plan.status.value in ("optimal", "feasible", "time_limit")
    risk = _plan_risk(loaded, plan.actions, runs, seed) if runs and solved else None
    if as_json:
        data = plan.to_dict()
        data["risk"] = risk.to_dict() if risk is not None else None
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    with speaking(lang):
        _print_plan(loaded, plan, lang)
        if risk is not None:
            _print_risk(risk, loaded, lang)


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Within: core's words (plan status, lever kinds, reasons, fiscal years) in `lang`, the
    catalogue the pages use."""
    from dxtalent.core.i18n import in_language

    setup_django()
    with in_language(lang):
        yield


def _print_plan(loaded: Scenario, plan: Plan, lang: str) -> None:
    """The plan by name in the current language: its status and cost, each action (the lever,
    its kind, the person), why targets are out of reach, and the state support used."""
    from dxtalent.core.calendar import format_fiscal_year
    from dxtalent.core.i18n import _
    from dxtalent.core.planning import kind_label, person_names, shortfall_text, status_label
    from dxtalent.core.planning.explain import unmet_targets
    from dxtalent.core.reports.document import yen

    status = status_label(plan.status.value)
    if plan.status.value in ("optimal", "feasible", "time_limit"):
        gap = "–" if plan.gap is None else f"{100 * plan.gap:.2g}%"
        console.print(
            _(
                "Status: {status}. Gross {gross}, net {net} after expected state support; "
                "gap {gap} ({seconds} s)."
            ).format(
                status=status,
                gross=yen(plan.total_cost(net=False), lang),
                net=yen(plan.total_cost(), lang),
                gap=gap,
                seconds=f"{plan.solve_seconds:.2f}",
            ),
            markup=False,
            highlight=False,
        )
    else:
        console.print(
            _("Status: {status} ({seconds} s). Why:").format(
                status=status, seconds=f"{plan.solve_seconds:.2f}"
            ),
            markup=False,
            highlight=False,
        )
    names = person_names(loaded)
    # People, levers and capabilities by name; a name is never broken across lines.
    keep = [*names.values(), *(lever.name for lever in loaded.levers)]
    for action in plan.actions:
        line = _("{year}: {lever} ({kind}) ×{count}").format(
            year=format_fiscal_year(action.fiscal_year, lang),
            lever=loaded.lever(action.lever).name,
            kind=kind_label(action.kind.value),
            count=action.count,
        )
        if action.person:
            line += " " + names.get(action.person, action.person)
        print_wrapped("  " + line, indent="    ", keep=keep)
    for item in plan.explanation:
        print_wrapped("  " + shortfall_text(loaded, item), indent="    ", keep=keep, style="red")
    if plan.status.value in ("optimal", "feasible", "time_limit"):
        for k, sentence in enumerate(unmet_targets(loaded, plan)):
            print_wrapped(("  " if k else "") + sentence, indent="    ", keep=keep, style="red")
    _print_support(loaded, plan, lang)


def _capability_name(scenario, code: str, lang: str) -> str:  # type: ignore[no-untyped-def]
    """A capability of the scenario by its name in `lang`; its code when the scenario has none."""
    for capability in scenario.capabilities:
        if capability.code == code:
            return str(capability.name.get(lang))
    return code


def _print_support(scenario: Scenario, plan: Plan, lang: str) -> None:
    """Each engagement lever the plan uses: a full year's cost, support and net, and why."""
    from rich.markup import escape

    from dxtalent.core.i18n import _
    from dxtalent.core.planning import Advice, Training
    from dxtalent.core.reports.document import yen

    used = {action.lever for action in plan.actions}
    levers = [
        lever for lever in scenario.levers if lever.code in used and not isinstance(lever, Training)
    ]
    if not levers:
        return
    console.print(_("State support (a full year of one person):"), markup=False)
    for lever in levers:
        gross, support = lever.gross_in(1.0), lever.support_in(1.0)
        found = lever.eligibility()
        colour = "yellow" if found is not None and not found.eligible else "default"
        line = _("{lever}: cost {gross} − support {support} = net {net}. {note}").format(
            lever=lever.name,
            gross=yen(gross, lang),
            support=yen(support, lang),
            net=yen(gross - support, lang),
            note=lever.support_note(Advice.FILE).get(lang),
        )
        console.print(f"  [{colour}]{escape(line)}[/{colour}]", highlight=False)


def _plan_risk(scenario: Scenario, actions: Sequence[Action], runs: int, seed: int) -> PlanRisk:
    from dxtalent.core.planning import plan_risk

    return plan_risk(scenario, actions, runs=runs, seed=seed)


def _print_risk(risk: PlanRisk, scenario: Scenario, lang: str) -> None:
    """The probability that every target of each fiscal year holds as people rotate, and the
    weakest target by name, in the current language."""
    from dxtalent.core.calendar import format_fiscal_year
    from dxtalent.core.i18n import _, labelled

    console.print(
        _(
            "Rotation risk ({runs} Monte Carlo runs): the probability that every target of a "
            "fiscal year holds"
        ).format(runs=f"{risk.runs:,}"),
        markup=False,
        highlight=False,
    )
    for fiscal_year, probability in zip(risk.fiscal_years, risk.all_met, strict=True):
        console.print(
            "  " + labelled(format_fiscal_year(fiscal_year, lang), f"{probability:.0%}"),
            markup=False,
            highlight=False,
        )
    weakest = risk.weakest()
    if weakest is not None:
        name = _capability_name(scenario, weakest[0], lang)
        print_wrapped(
            "  "
            + _("Weakest: {capability} in {year} ({probability})").format(
                capability=name,
                year=format_fiscal_year(weakest[1], lang),
                probability=f"{weakest[2]:.0%}",
            ),
            indent="    ",
            keep=[name],
        )


@app.command("risk")
def plan_risk_command(
    scenario: Annotated[Path, typer.Argument(help="Scenario file")],
    plan_file: Annotated[
        Path, typer.Argument(metavar="PLAN", help="Plan JSON (from plan solve --json)")
    ],
    runs: Annotated[int, typer.Option(min=1, help="Monte Carlo runs")] = 10_000,
    seed: Annotated[int, typer.Option(help="Seed (the same seed, the same figures)")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON")] = False,
    lang: Annotated[str, language_option()] = "ja",
) -> None:
    """Evaluate a plan against the Monte Carlo rotation model: the probability that each
    target holds in each fiscal year when people rotate out within their windows."""
    plan = _read_plan(plan_file)
    loaded = _read_scenario(scenario)
    risk = _plan_risk(loaded, plan.actions, runs, seed)
    if as_json:
        sys.stdout.write(json.dumps(risk.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        with speaking(lang):
            _print_risk(risk, loaded, lang)


def _read_plan(path: Path) -> Plan:
    from dxtalent.core.planning import InvalidPlanError, load_plan

    text = read_file(path, "plan").decode("utf-8-sig")
    try:
        return load_plan(text)
    except (OSError, ValueError, InvalidPlanError) as error:
        errors.print(f"[red]{path} is not a plan: {error}[/red]")
        raise typer.Exit(2) from None


@app.command("check")
def plan_check(
    scenario: Annotated[Path, typer.Argument(help="Scenario file")],
    plan_file: Annotated[
        Path, typer.Argument(metavar="PLAN", help="Plan JSON (from plan solve --json)")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the violations as JSON")] = False,
    lang: Annotated[str, language_option("the output (not of --json)")] = "ja",
) -> None:
    """Recompute budget, headcount, seats, lead times and coverage from the plan alone; exit 1
    when anything is violated. Each violation is said with the levers, people and
    capabilities by name; --json keeps the codes (rule, what, figures and an English
    message)."""
    from dataclasses import asdict

    from rich.markup import escape

    from dxtalent.core.i18n import _, ngettext
    from dxtalent.core.planning import check_plan, violation_text

    plan = _read_plan(plan_file)
    loaded = _read_scenario(scenario)
    violations = check_plan(loaded, plan)
    if as_json:
        sys.stdout.write(
            json.dumps(
                {"violations": [asdict(v) for v in violations]}, ensure_ascii=False, default=str
            )
            + "\n"
        )
    else:
        with speaking(lang):
            for violation in violations:
                console.print(f"[red]{escape(violation_text(loaded, violation))}[/red]")
            if violations:
                console.print(
                    ngettext("{count} violation.", "{count} violations.", len(violations)).format(
                        count=len(violations)
                    )
                )
            else:
                console.print(_("No violation: the plan holds."))
    if violations:
        raise typer.Exit(1)
