"""The `dxtalent` command."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

import dxtalent

app = typer.Typer(
    name="dxtalent",
    help="Digital talent for Japanese local governments: web app, data and analyses.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console()
errors = Console(stderr=True)


def _django(debug_default: bool = False) -> None:
    """Configure Django from the environment; `debug_default` only applies when DXTALENT_DEBUG
    is unset (the demo runs in development mode, everything else in production mode)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dxtalent.web.config.settings")
    if debug_default:
        os.environ.setdefault("DXTALENT_DEBUG", "1")
    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
    except ImproperlyConfigured as error:
        errors.print(f"[red]Configuration error:[/red] {error}")
        raise typer.Exit(2) from None


def _version(value: bool) -> None:
    if value:
        console.print(f"dxtalent {dxtalent.__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """dxtalent: see `dxtalent COMMAND --help`."""


def _migrate() -> None:
    from django.core.management import call_command

    from dxtalent.web.organisations.services import sync_local_governments

    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    ) as progress:
        task = progress.add_task("Migrating the database", total=None)
        call_command("migrate", interactive=False, verbosity=0)
        progress.update(task, description="Migrated the database", completed=1, total=1)
        task = progress.add_task("Loading the 1,788 local governments (JIS X 0402)", total=None)
        result = sync_local_governments()
        progress.update(
            task,
            description=f"Local governments: {result.total} ({result.created} new, {result.updated} updated)",
            completed=1,
            total=1,
        )


def _database_label() -> str:
    from django.conf import settings

    db = settings.DATABASES["default"]
    return f"{db['ENGINE'].rsplit('.', 1)[-1]}: {db.get('NAME')}"


@app.command()
def migrate() -> None:
    """Create or upgrade the database and load the list of local governments."""
    _django()
    _migrate()
    console.print(f"Database ready ({_database_label()}).")


@app.command()
def demo(
    port: Annotated[int, typer.Option(help="Port to serve on.")] = 8000,
    serve: Annotated[
        bool, typer.Option("--serve/--no-serve", help="Serve the web app afterwards.")
    ] = True,
    seed: Annotated[int, typer.Option(help="Seed of the synthetic demo data.")] = 2025,
) -> None:
    """Prepare the database with the synthetic demo and serve it on http://127.0.0.1:PORT.

    Runs in development mode (DXTALENT_DEBUG=1) unless DXTALENT_DEBUG is set. Every run sets
    new demo passwords and prints them.
    """
    _django(debug_default=True)
    _migrate()
    from dxtalent.web.demo.services import prepare_demo

    with console.status("Generating the synthetic demo"):
        logins = prepare_demo(seed=seed)
    table = Table(
        title="Demo logins (synthetic data; passwords are new on every run)", expand=False
    )
    for column in ("username", "password", "organisation", "role"):
        table.add_column(column, no_wrap=True)
    for login in logins:
        table.add_row(login.username, login.password, login.organisation_code, login.role)
    console.print(table)
    for login in logins:
        console.print(f"  {login.username}: {login.purpose} ({login.organisation_name})")
    console.print(f"Database: {_database_label()}")
    if serve:
        console.print(
            f"\nLog in at [bold]http://127.0.0.1:{port}/accounts/login/[/bold]  (Ctrl+C stops)\n"
        )
        from django.core.management import call_command

        from dxtalent.web.jobs import WorkerThread

        WorkerThread().start()  # the demo's plan runs are done in this process
        call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    threads: Annotated[int, typer.Option(help="Worker threads.")] = 8,
) -> None:
    """Serve the web app with waitress (one machine; for many users use gunicorn behind a
    reverse proxy with PostgreSQL, see README)."""
    _django()
    from django.conf import settings
    from waitress import serve as waitress_serve

    from dxtalent.web.config.wsgi import application

    if not settings.DEBUG:
        from django.core.management import call_command

        call_command("collectstatic", interactive=False, verbosity=0)
    console.print(
        f"Serving on http://{host}:{port}/ ({'development' if settings.DEBUG else 'production'} mode)"
    )
    from dxtalent.web.jobs import WorkerThread

    WorkerThread().start()  # one machine: this process also does the queued plan runs
    waitress_serve(application, host=host, port=port, threads=threads)


@app.command()
def worker(
    batch: Annotated[
        bool, typer.Option("--batch", help="Do the queued jobs, then exit (e.g. from cron).")
    ] = False,
) -> None:
    """Do queued long-running jobs (plan runs) one at a time until stopped (Ctrl+C or SIGTERM
    finish the job in hand first). Needed beside gunicorn; `dxtalent serve` runs its own."""
    _django()
    from dxtalent.web.jobs import work

    console.print(f"Working on the job queue ({_database_label()}); Ctrl+C stops")
    work(batch=batch)


@app.command()
def createadmin(
    username: Annotated[str, typer.Option(prompt=True, help="Username of the staff superuser.")],
    email: Annotated[str, typer.Option(prompt=True, help="Email address.")] = "",
) -> None:
    """Create a staff superuser for Django admin (/admin/); asks for the password twice."""
    _django()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.password_validation import ValidationError, validate_password

    user_model = get_user_model()
    if user_model.objects.filter(username=username).exists():
        errors.print(f'[red]User "{username}" already exists.[/red]')
        raise typer.Exit(2)
    password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        validate_password(password, user_model(username=username, email=email))
    except ValidationError as error:
        errors.print("[red]Password not accepted:[/red] " + " ".join(error.messages))
        raise typer.Exit(2) from None
    user_model.objects.create_superuser(username=username, email=email, password=password)
    console.print(f"Staff superuser {username} created; sign in at /admin/.")


import_app = typer.Typer(
    help="Import staff, candidates or assessments from CSV or Excel.", no_args_is_help=True
)
export_app = typer.Typer(
    help="Export data, e.g. the team skill matrix to Excel.", no_args_is_help=True
)
app.add_typer(import_app, name="import")
app.add_typer(export_app, name="export")


def _organisation(code: str):  # type: ignore[no-untyped-def]
    from dxtalent.web.organisations.models import Organisation

    organisation = Organisation.objects.filter(code=code).first()
    if organisation is None:
        errors.print(
            f'[red]No organisation with code "{code}".[/red] Codes look like "342122" or "DEMO-CITY-A".'
        )
        raise typer.Exit(2)
    return organisation


def _import(kind: str, path: Path, org: str) -> None:
    _django()
    from dxtalent.core.tabular import TableFormatError
    from dxtalent.web.audit.actor import Actor, acting_as
    from dxtalent.web.people.imports import ImportRejectedError, import_file

    organisation = _organisation(org)
    if not path.is_file():
        errors.print(f"[red]{path} is not a file.[/red]")
        raise typer.Exit(2)
    try:
        with acting_as(Actor(user=None, label="cli")), console.status(f"Importing {path.name}"):
            result = import_file(organisation, kind, path.read_bytes(), path.name)
    except TableFormatError as error:
        errors.print(f"[red]{path.name}: {error}[/red]")
        raise typer.Exit(2) from None
    except ImportRejectedError as error:
        errors.print(
            f"[red]{path.name} was not imported; nothing was written. {len(error.errors)} problems:[/red]"
        )
        for problem in error.errors:
            errors.print(f"  {problem}")
        raise typer.Exit(2) from None
    console.print(
        f"{path.name}: {result.rows} rows, {result.created} created, {result.updated} updated in {organisation.code}."
    )


@import_app.command("staff")
def import_staff(
    file: Annotated[Path, typer.Argument(help="CSV (UTF-8, UTF-8 with BOM or cp932) or .xlsx")],
    org: Annotated[str, typer.Option("--org", help="Organisation code")],
) -> None:
    """Staff with their department and post (new numbers are added, known ones updated)."""
    _import("staff", file, org)


@import_app.command("candidates")
def import_candidates(
    file: Annotated[Path, typer.Argument(help="CSV (UTF-8, UTF-8 with BOM or cp932) or .xlsx")],
    org: Annotated[str, typer.Option("--org", help="Organisation code")],
) -> None:
    """Candidates (external applicants, programme registrants)."""
    _import("candidates", file, org)


@import_app.command("assessments")
def import_assessments(
    file: Annotated[Path, typer.Argument(help="CSV (UTF-8, UTF-8 with BOM or cp932) or .xlsx")],
    org: Annotated[str, typer.Option("--org", help="Organisation code")],
) -> None:
    """Dated ratings (number, framework, skill, level, source, rated_on, evidence)."""
    _import("assessments", file, org)


@export_app.command("matrix")
def export_matrix(
    org: Annotated[str, typer.Option("--org", help="Organisation code")],
    framework: Annotated[str, typer.Option(help="Framework code (default: the first)")] = "",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write")] = None,
    language: Annotated[str, typer.Option(help="ja or en")] = "ja",
) -> None:
    """The team skill matrix as an Excel heatmap."""
    _django()
    from django.utils import translation

    from dxtalent.web.people import services

    organisation = _organisation(org)
    frameworks = services.frameworks_for(organisation)
    chosen = (
        frameworks.filter(code=framework).first()
        if framework
        else services.default_framework(organisation)
    )
    if chosen is None:
        accepted = ", ".join(frameworks.values_list("code", flat=True))
        errors.print(
            f'[red]No framework "{framework}" for {organisation.code}; accepted: {accepted}[/red]'
        )
        raise typer.Exit(2)
    with translation.override(language):
        view = services.skill_matrix(organisation, chosen)
        content = services.matrix_xlsx(view, chosen, language=language)
    target = output or Path(f"skill-matrix-{organisation.code}-{chosen.code}.xlsx")
    target.write_bytes(content)
    console.print(f"Wrote {target} ({len(view.people)} people × {len(view.skills)} skills).")


@app.command()
def diagnose(
    org: Annotated[str, typer.Option("--org", help="Organisation code")],
    years: Annotated[
        int | None, typer.Option(min=1, max=30, help="Fiscal years to forecast")
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print JSON: findings, forecast, risk, timeline")
    ] = False,
    language: Annotated[str, typer.Option(help="ja or en")] = "ja",
    today: Annotated[
        str | None,
        typer.Option(help="Diagnose as of this day (YYYY-MM-DD; default: today)"),
    ] = None,
) -> None:
    """Can the team carry DX as people rotate out? The paper's rules, forecast and risk;
    for each departure what can still be done before it, in months to the date."""
    _django()
    import datetime as dt
    import json

    from rich.markup import escape

    from dxtalent.web.diagnostics import services

    day = None
    if today is not None:
        try:
            day = dt.date.fromisoformat(today)
        except ValueError:
            errors.print(
                f'[red]--today "{today}" is not a date; give YYYY-MM-DD, e.g. 2026-09-01[/red]'
            )
            raise typer.Exit(2) from None
    organisation = _organisation(org)
    data = services.report_json(services.diagnose(organisation, years, today=day), language)
    if as_json:
        console.print_json(json.dumps(data, ensure_ascii=False))
        return
    small = data.get("small_municipality") or {}
    if small.get("active") or small.get("population") is not None:
        console.print(small["reason"], markup=False)
        if small.get("active"):
            shared = small["shared_people"]
            console.print(
                "    shared resources count as: coordination {coordination}, specifications "
                "{specification}, negotiation {negotiation}".format(**shared),
                style="dim",
            )
    marks = {"critical": "[red]●[/red]", "warning": "[yellow]▲[/yellow]", "info": "[blue]i[/blue]"}
    step_marks = {"open": "○", "late": "△", "closed": "×"}
    for finding in data["findings"]:
        console.print(
            f"{marks.get(finding['severity'], '-')} "
            + escape(f"[{finding['rule']}] {finding['message']}"),
            highlight=False,
        )
        for step in finding.get("next_steps", []):
            console.print(
                f"    {step_marks.get(step['status'], '-')} {step['message']}",
                markup=False,
                highlight=False,
            )
        console.print(f"    source: {finding['source']}", style="dim", markup=False)
    table = Table(title="coverage (people meeting the capability / target)")
    table.add_column("capability")
    for year in data["fiscal_years"]:
        table.add_column(f"FY{year}", justify="right")
    for row in data["forecast"]:
        paper = row.get("paper_target", row["target"])
        table.add_row(
            row["capability"] + (f" (paper {paper})" if paper != row["target"] else ""),
            *[
                f"{cell['count']}/{row['target']}" + ("" if cell["met"] else " ▼")
                for cell in row["years"]
            ],
        )
    console.print(table)


plan_app = typer.Typer(help="Staffing plans: scenarios, solving, checking.", no_args_is_help=True)
app.add_typer(plan_app, name="plan")


def _read_scenario(path: Path):  # type: ignore[no-untyped-def]
    from dxtalent.core.planning import ScenarioFormatError, load_scenario
    from dxtalent.core.planning.io import path_text

    if not path.is_file():
        errors.print(f"[red]{path} is not a file.[/red]")
        raise typer.Exit(2)
    try:
        return load_scenario(path.read_text(encoding="utf-8"))
    except ScenarioFormatError as error:
        errors.print(f"[red]{path.name} is not a valid scenario:[/red]")
        for loc, message in error.errors:
            errors.print(f"  {path_text(loc)}: {message}")
        raise typer.Exit(2) from None


@plan_app.command("scenario")
def plan_scenario(
    org: Annotated[str, typer.Option("--org", help="Organisation code")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default: print)")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="yaml or json")] = "yaml",
    budget: Annotated[
        int | None, typer.Option(help="Yearly budget in yen (default: the diagnosis settings)")
    ] = None,
    years: Annotated[int | None, typer.Option(min=1, max=30, help="Fiscal years")] = None,
) -> None:
    """Write the scenario of an organisation's current data (team, candidates, training, budget)."""
    _django()
    from dxtalent.core.planning import dump_scenario
    from dxtalent.web.planning.services import scenario_for

    text = dump_scenario(
        scenario_for(_organisation(org), budget, years), "json" if fmt == "json" else "yaml"
    )
    if output:
        output.write_text(text, encoding="utf-8")
        console.print(f"Wrote {output}.")
    else:
        sys.stdout.write(text)


@plan_app.command("solve")
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
    time_limit: Annotated[float, typer.Option(min=0.1, help="Seconds for the solver")] = 60,
    as_json: Annotated[
        bool,
        typer.Option("--json", help="Print the plan as JSON (with a status field and the risk)"),
    ] = False,
    lang: Annotated[
        str, typer.Option("--lang", help="ja or en: the language of the state-support notes")
    ] = "ja",
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
    if solved:
        gross, net = plan.total_cost(net=False), plan.total_cost()
        console.print(
            f"status: {plan.status.value}  gross ¥{gross:,}  net ¥{net:,}  gap: {plan.gap}  "
            f"({plan.solve_seconds:.2f} s)"
        )
    else:
        console.print(
            f"status: {plan.status.value}: no plan meets every target within the budget and "
            f"limits ({plan.solve_seconds:.2f} s); why:"
        )
    names = {member.id: member.name for member in loaded.team}
    for action in plan.actions:
        lever = loaded.lever(action.lever)
        who = f" {names.get(action.person, action.person)}" if action.person else ""
        console.print(
            f"  FY{action.fiscal_year}: {lever.name} ({action.kind.value}) ×{action.count}{who}"
        )
    for shortfall in plan.explanation:
        console.print(
            f"  [red]FY{shortfall.fiscal_year} {shortfall.capability}: {shortfall.reason}[/red]"
        )
    _print_support(loaded, plan, lang)
    if risk is not None:
        _print_risk(risk)


def _print_support(scenario, plan, lang: str) -> None:  # type: ignore[no-untyped-def]
    """Each engagement lever the plan uses: a full year's cost, support and net, and why."""
    from rich.markup import escape

    from dxtalent.core.planning import Training

    used = {action.lever for action in plan.actions}
    levers = [
        lever for lever in scenario.levers if lever.code in used and not isinstance(lever, Training)
    ]
    if not levers:
        return
    console.print("state support (a full year of one person):")
    for lever in levers:
        gross, support = lever.gross_in(1.0), lever.support_in(1.0)
        found = lever.eligibility()
        colour = "yellow" if found is not None and not found.eligible else "default"
        console.print(
            f"  [{colour}]{lever.code}: cost {gross:,} − support {support:,} = net "
            f"{gross - support:,} yen. {escape(lever.support_note().get(lang))}[/{colour}]",
            highlight=False,
        )


def _plan_risk(scenario, actions, runs: int, seed: int):  # type: ignore[no-untyped-def]
    from dxtalent.core.planning import plan_risk

    return plan_risk(scenario, actions, runs=runs, seed=seed)


def _print_risk(risk) -> None:  # type: ignore[no-untyped-def]
    console.print(
        f"rotation risk ({risk.runs:,} Monte Carlo runs): probability that every target holds"
    )
    console.print(
        "  "
        + "  ".join(f"FY{y}: {p:.0%}" for y, p in zip(risk.fiscal_years, risk.all_met, strict=True))
    )
    weakest = risk.weakest()
    if weakest is not None:
        console.print(f"  weakest: {weakest[0]} in FY{weakest[1]} ({weakest[2]:.0%})")


@plan_app.command("risk")
def plan_risk_command(
    scenario: Annotated[Path, typer.Argument(help="Scenario file")],
    plan_file: Annotated[
        Path, typer.Argument(metavar="PLAN", help="Plan JSON (from plan solve --json)")
    ],
    runs: Annotated[int, typer.Option(min=1, help="Monte Carlo runs")] = 10_000,
    seed: Annotated[int, typer.Option(help="Seed (the same seed, the same figures)")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON")] = False,
) -> None:
    """Evaluate a plan against the Monte Carlo rotation model: the probability that each
    target holds in each fiscal year when people rotate out within their windows."""
    plan = _read_plan(plan_file)
    risk = _plan_risk(_read_scenario(scenario), plan.actions, runs, seed)
    if as_json:
        sys.stdout.write(json.dumps(risk.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        _print_risk(risk)


def _read_plan(path: Path):  # type: ignore[no-untyped-def]
    from dxtalent.core.planning import InvalidPlanError, load_plan

    try:
        return load_plan(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, InvalidPlanError) as error:
        errors.print(f"[red]{path} is not a plan: {error}[/red]")
        raise typer.Exit(2) from None


@plan_app.command("check")
def plan_check(
    scenario: Annotated[Path, typer.Argument(help="Scenario file")],
    plan_file: Annotated[
        Path, typer.Argument(metavar="PLAN", help="Plan JSON (from plan solve --json)")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the violations as JSON")] = False,
) -> None:
    """Recompute budget, headcount, seats, lead times and coverage from the plan alone; exit 1
    when anything is violated."""
    from dataclasses import asdict

    from dxtalent.core.planning import check_plan

    plan = _read_plan(plan_file)
    violations = check_plan(_read_scenario(scenario), plan)
    if as_json:
        sys.stdout.write(
            json.dumps(
                {"violations": [asdict(v) for v in violations]}, ensure_ascii=False, default=str
            )
            + "\n"
        )
    else:
        for violation in violations:
            console.print(f"[red]{violation}[/red]")
        console.print(f"{len(violations)} violations.")
    if violations:
        raise typer.Exit(1)


survey_app = typer.Typer(
    help="Surveys: the paper's published tables and their consistency audit.",
    no_args_is_help=True,
)
app.add_typer(survey_app, name="survey")

Language = Annotated[str, typer.Option("--lang", help="ja or en")]


def _survey_tables(csv: Path | None):  # type: ignore[no-untyped-def]
    from dxtalent.core.surveys import read_tables_csv, shipped_tables
    from dxtalent.core.tabular import TabularError

    if csv is None:
        return shipped_tables()
    if not csv.is_file():
        errors.print(f"[red]{csv} is not a file.[/red]")
        raise typer.Exit(2)
    try:
        return read_tables_csv(csv.read_bytes(), csv.name)
    except TabularError as error:
        errors.print(f"[red]{csv.name} was not read; nothing was audited:[/red]")
        for line in str(error).splitlines():
            errors.print(f"  {line}")
        raise typer.Exit(2) from None


def _chosen(tables, number: int | None):  # type: ignore[no-untyped-def]
    if number is None:
        return list(tables.tables)
    try:
        return [tables.table(number)]
    except KeyError as error:
        errors.print(f"[red]{error.args[0]}[/red]")
        raise typer.Exit(2) from None


@survey_app.command("published")
def survey_published(
    table: Annotated[int | None, typer.Option(help="Only this table")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the tables as JSON")] = False,
    lang: Language = "ja",
) -> None:
    """Print the survey tables of Nakagawa (2025), Tables 1–9, exactly as published."""
    from dxtalent.core.surveys import shipped_tables

    tables = shipped_tables()
    chosen = _chosen(tables, table)
    if as_json:
        data = {
            "source": tables.source,
            "tables": [
                {
                    "table": t.number,
                    "title": t.title.get(lang),
                    "department": tables.departments[t.department].get(lang)
                    if t.department
                    else None,
                    "denominator": t.denominator,
                    "denominator_source": t.denominator_source,
                    "rows": [
                        {
                            "row": r.number,
                            "item": r.item.get(lang),
                            "count": r.count,
                            "percent": r.percent,
                            "skill": r.skill,
                        }
                        for r in t.rows
                    ],
                }
                for t in chosen
            ],
        }
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    for t in chosen:
        out = Table(
            title=f"{'表' if lang == 'ja' else 'Table '}{t.number}. {t.title.get(lang)}",
            caption=f"n ≤ {t.denominator} ({t.denominator_source})",
        )
        out.add_column("")
        out.add_column(t.count_label.get(lang), justify="right")
        out.add_column(t.measure.get(lang), justify="right")
        for r in t.rows:
            out.add_row(r.item.get(lang), str(r.count), f"{r.percent}%")
        console.print(out)
    console.print(tables.source)


@survey_app.command("audit")
def survey_audit(
    table: Annotated[int | None, typer.Option(help="Only this table")] = None,
    csv: Annotated[
        Path | None,
        typer.Option(
            help="Audit your own tables: CSV or Excel with table, item, count, percent, "
            "denominator (default: the shipped Tables 1–9)"
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Every row with table, row, consistent and reason")
    ] = False,
    lang: Language = "ja",
) -> None:
    """Check that each published rate follows from its count and denominator under the
    table's rounding; say why not (other denominators, rows shifted). Exit 1 when a row is
    inconsistent."""
    from dxtalent.core.surveys import audit

    tables = _survey_tables(csv)
    verdicts = [v for t in _chosen(tables, table) for v in audit(tables, t.number)]
    if as_json:
        rows = [v.to_dict(lang) for v in verdicts]
        summary = {"rows": len(rows), "consistent": sum(v.consistent for v in verdicts)}
        sys.stdout.write(
            json.dumps({"summary": summary, "rows": rows}, ensure_ascii=False, indent=2) + "\n"
        )
    else:
        out = Table()
        for name in ("table", "row", "count", "percent", "base", "recomputed", "verdict"):
            out.add_column(name)
        for v in verdicts:
            out.add_row(
                str(v.table),
                str(v.row),
                str(v.count),
                v.percent,
                str(v.denominator),
                v.recomputed,
                "[green]ok[/green]" if v.consistent else "[red]inconsistent[/red]",
            )
        console.print(out)
        for v in verdicts:
            if not v.consistent:
                console.print(f"table {v.table}, row {v.row}: {v.reason.get(lang)}")
    if not all(v.consistent for v in verdicts):
        raise typer.Exit(1)


@survey_app.command("import")
def survey_import(
    file: Annotated[
        Path,
        typer.Argument(
            help="A LimeSurvey R data file (.csv), a KoboToolbox or ODK export (.xlsx or .csv) or an SPSS file (.sav)"
        ),
    ],
    fmt: Annotated[
        str | None,
        typer.Option("--format", help="limesurvey, kobo or spss (default: from the file)"),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="The variables and every choice question's table as JSON")
    ] = False,
) -> None:
    """Read a survey export, say what it holds (respondents, questions, multiple-choice sets,
    missing values) and tabulate its choice questions with the asked-and-answered base and
    Wilson intervals. A file that breaks the rules is refused whole, naming each row."""
    from dxtalent.core.surveys import tabulate
    from dxtalent.core.surveys.imports import read_survey_file
    from dxtalent.core.tabular import TabularError

    if not file.is_file():
        errors.print(f"[red]{file} is not a file.[/red]")
        raise typer.Exit(2)
    try:
        data = read_survey_file(file.read_bytes(), file.name, fmt)
    except TabularError as error:
        errors.print(f"[red]{file.name} was not imported:[/red]")
        for line in str(error).splitlines():
            errors.print(f"  {line}")
        raise typer.Exit(2) from None
    tables = tabulate(data.instrument(), data.responses())
    if as_json:
        out = {
            "format": data.format,
            "respondents": len(data.respondents),
            "skipped": list(data.skipped),
            "missing": [
                {"respondent": data.respondents[row], "variable": code, "reason": reason}
                for (row, code), reason in sorted(data.missing.items())
            ],
            "variables": [
                {
                    "code": v.code,
                    "label": v.label,
                    "kind": v.kind.value,
                    "options": [o.code for o in v.options],
                    "columns": list(v.columns),
                }
                for v in data.variables
            ],
            "tables": [
                {
                    "question": t.question,
                    "asked": t.asked,
                    "answered": t.answered,
                    "base": t.base,
                    "options": [
                        {
                            "option": row.option,
                            "count": row.count,
                            "share": row.share,
                            "low": row.interval.low if row.interval else None,
                            "high": row.interval.high if row.interval else None,
                        }
                        for row in t.rows
                    ],
                }
                for t in tables
            ],
        }
        sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2, default=str) + "\n")
        return
    kinds: dict[str, int] = {}
    for variable in data.variables:
        kinds[variable.kind.value] = kinds.get(variable.kind.value, 0) + 1
    console.print(
        f"{file.name} ({data.format}): {len(data.respondents)} respondents, "
        f"{len(data.variables)} questions ({', '.join(f'{n} {k}' for k, n in kinds.items())}); "
        f"{len(data.missing)} values user-missing; {len(data.skipped)} metadata columns left out"
    )
    for t in tables:
        variable = data.variable(t.question)
        out_table = Table(title=f"{t.question}: {variable.label[:80]} (n = {t.base} of {t.asked})")
        out_table.add_column("option")
        out_table.add_column("count", justify="right")
        out_table.add_column("share (95% interval)", justify="right")
        for row in t.rows:
            share = (
                "–"
                if row.interval is None
                else (
                    f"{row.interval.estimate:.1%} ({row.interval.low:.1%}–{row.interval.high:.1%})"
                )
            )
            out_table.add_row(row.option, str(row.count), share)
        console.print(out_table)


@survey_app.command("tabulate")
def survey_tabulate(
    survey: Annotated[int, typer.Argument(help="The survey's number (as in its page's address)")],
    by: Annotated[str, typer.Option(help="department (the only grouping for now)")] = "department",
    as_json: Annotated[
        bool, typer.Option("--json", help="Response rates and every question's table as JSON")
    ] = False,
    lang: Language = "ja",
) -> None:
    """Response rates and every question's table by department: counts, the base (asked and
    answered), shares with Wilson intervals, and the departments compared (Holm)."""
    _django()
    from dxtalent.web.surveys.models import Survey
    from dxtalent.web.surveys.services import results_json

    if by != "department":
        errors.print(f'[red]--by "{by}": only department is accepted for now[/red]')
        raise typer.Exit(2)
    found = Survey.objects.filter(pk=survey).first()
    if found is None:
        errors.print(f"[red]No survey {survey}.[/red]")
        raise typer.Exit(2)
    data = results_json(found, lang)
    if as_json:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    console.print(f"{found.title} ({found.status})")
    for rate in data["response_rates"]:
        share = "–" if rate["rate"] is None else f"{rate['rate']:.1%}"
        console.print(
            f"  {rate['label']}: {rate['submitted']} of {rate['invited']} submitted ({share})"
        )
    for question in data["questions"]:
        out = Table(title=f"{question['question']}. {question['text']}")
        out.add_column("")
        for group in question["groups"]:
            out.add_column(f"{group['department']} (n={group['base']})", justify="right")
        for option in question["options"]:
            out.add_row(
                option["label"],
                *(
                    "–"
                    if cell["share"] is None
                    else f"{cell['share']:.1%} ({cell['count']}; "
                    f"{cell['low']:.1%}–{cell['high']:.1%})"
                    for cell in option["cells"]
                ),
            )
        console.print(out)


qda_app = typer.Typer(
    help="Qualitative coding: REFI-QDA codebooks and projects, intercoder agreement.",
    no_args_is_help=True,
)
app.add_typer(qda_app, name="qda")


def _read_qda(file: Path):  # type: ignore[no-untyped-def]
    from dxtalent.core.interviews.codebook import CodebookError, codebook_from_qdc
    from dxtalent.core.interviews.project import project_from_qdpx

    if not file.is_file():
        errors.print(f"[red]{file} is not a file.[/red]")
        raise typer.Exit(2)
    try:
        if file.suffix.lower() == ".qdc":
            return codebook_from_qdc(file.read_bytes())
        return project_from_qdpx(file.read_bytes())
    except CodebookError as error:
        errors.print(f"[red]{file.name} was not read: {error}[/red]")
        raise typer.Exit(2) from None


@qda_app.command("import")
def qda_import(
    file: Annotated[
        Path, typer.Argument(help="A REFI-QDA project (.qdpx or project.qde) or codebook (.qdc)")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="What the file holds, as JSON")] = False,
    org: Annotated[
        str | None,
        typer.Option("--org", help="Store the project in this organisation (a .qdpx or .qde)"),
    ] = None,
) -> None:
    """Read a REFI-QDA file from NVivo, ATLAS.ti, MAXQDA, QualCoder, Taguette or dxtalent and
    say what it holds and what it skipped; with --org, store the project there."""
    imported = _read_qda(file)
    if org is not None:
        if getattr(imported, "project", None) is None:
            errors.print("[red]Only a project (.qdpx or .qde) can be stored.[/red]")
            raise typer.Exit(2)
        _django()
        from dxtalent.web.interviews.services import import_project

        stored, _notes = import_project(_organisation(org), file.read_bytes(), file.name)
        console.print(f"Stored as interview project {stored.pk} of {org}.")
    project = getattr(imported, "project", None)
    codebook = project.codebook if project else imported.codebook
    codes = list(codebook.walk())
    summary = {
        "origin": codebook.origin,
        "codes": len(codes),
        "top_level_codes": len(codebook.codes),
        "depth": max((depth for depth, _c in codes), default=-1) + 1,
        "users": len(project.users) if project else 0,
        "sources": [{"name": s.name, "characters": len(s.text)} for s in project.sources]
        if project
        else [],
        "selections": len(project.selections) if project else 0,
        "codings": sum(len(s.codings) for s in project.selections) if project else 0,
        "notes": list(imported.notes),
    }
    if as_json:
        sys.stdout.write(json.dumps(summary, ensure_ascii=False, indent=2) + "\n")
        return
    console.print(
        f"{file.name} ({summary['origin'] or 'unknown origin'}): {summary['codes']} codes "
        f"({summary['top_level_codes']} top-level, {summary['depth']} levels), "
        f"{summary['users']} users, {len(summary['sources'])} text sources, "
        f"{summary['selections']} selections, {summary['codings']} codings"
    )
    for note in imported.notes:
        console.print(f"  skipped or repaired: {note}")


@qda_app.command("export")
def qda_export(
    output: Annotated[Path, typer.Argument(help="The file to write: .qdc or .qdpx")],
    project: Annotated[
        int | None,
        typer.Option("--project", help="A stored interview project's number (writes a .qdpx)"),
    ] = None,
    lang: Annotated[str, typer.Option("--lang", help="ja or en (the shipped codebook)")] = "ja",
) -> None:
    """Write a stored interview project as a REFI-QDA .qdpx, or without --project the shipped
    codebook (the framework of Nakagawa 2025) as a .qdc, for NVivo, ATLAS.ti, MAXQDA or
    QualCoder."""
    if project is not None:
        _django()
        from dxtalent.core.interviews.project import project_to_qdpx
        from dxtalent.web.interviews.models import InterviewProject
        from dxtalent.web.interviews.services import to_core

        stored = InterviewProject.objects.filter(pk=project).first()
        if stored is None:
            errors.print(f"[red]No interview project {project}.[/red]")
            raise typer.Exit(2)
        output.write_bytes(project_to_qdpx(to_core(stored)))
        console.print(f"Wrote {output}.")
        return
    from dxtalent.core.interviews.codebook import codebook_to_qdc, shipped_codebook

    output.write_bytes(codebook_to_qdc(shipped_codebook("en" if lang == "en" else "ja")))
    console.print(f"Wrote {output}.")


@qda_app.command("agreement")
def qda_agreement(
    project: Annotated[Path, typer.Argument(help="A REFI-QDA project (.qdpx) coded by two coders")],
    coders: Annotated[
        tuple[str, str], typer.Option("--coders", help="The two coders' names (or GUIDs)")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Every code's figures as JSON")] = False,
) -> None:
    """Agreement between two coders per code and overall, on characters: percent agreement,
    Cohen's kappa and Krippendorff's alpha (nominal)."""
    from dxtalent.core.interviews import agreement
    from dxtalent.core.interviews.project import segments_of

    imported = _read_qda(project)
    data = getattr(imported, "project", None)
    if data is None:
        errors.print("[red]A codebook has no codings; give a project (.qdpx).[/red]")
        raise typer.Exit(2)
    by_name = {u.name: u.guid for u in data.users} | {u.guid: u.guid for u in data.users}
    missing = [c for c in coders if c not in by_name]
    if missing:
        known = ", ".join(u.name for u in data.users) or "(none)"
        errors.print(f"[red]No coder {', '.join(missing)} in the project; coders: {known}[/red]")
        raise typer.Exit(2)
    names = {code.guid: code.name for _d, code in data.codebook.walk()}
    lengths = {s.guid: len(s.text) for s in data.sources}
    segments = [s for s in segments_of(data) if s.source in lengths]
    results = agreement(segments, lengths, by_name[coders[0]], by_name[coders[1]])
    rows = [
        {
            "code": None if r.code is None else names.get(r.code, r.code),
            "unit": r.unit,
            "units": r.table.units,
            "both": r.table.both,
            "first_only": r.table.first_only,
            "second_only": r.table.second_only,
            "percent_agreement": r.percent,
            "kappa": r.kappa,
            "alpha": r.alpha,
        }
        for r in results
    ]
    if as_json:
        sys.stdout.write(
            json.dumps({"coders": list(coders), "results": rows}, ensure_ascii=False, indent=2)
            + "\n"
        )
        return
    out = Table(title=f"{coders[0]} × {coders[1]} (unit: character)")
    for column in ("code", "agreement", "kappa", "alpha"):
        out.add_column(column)
    for row in rows:
        out.add_row(
            row["code"] or "overall",
            "–" if row["percent_agreement"] is None else f"{row['percent_agreement']:.1%}",
            "–" if row["kappa"] is None else f"{row['kappa']:.3f}",
            "–" if row["alpha"] is None else f"{row['alpha']:.3f}",
        )
    console.print(out)


def run() -> None:  # pragma: no cover - console-script shim
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
