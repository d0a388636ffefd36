"""The `dxtalent` command."""

from __future__ import annotations

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
    waitress_serve(application, host=host, port=port, threads=threads)


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
) -> None:
    """Can the team carry DX as people rotate out? The paper's rules, forecast and risk."""
    _django()
    import json

    from dxtalent.web.diagnostics import services

    organisation = _organisation(org)
    data = services.report_json(services.diagnose(organisation, years), language)
    if as_json:
        console.print_json(json.dumps(data, ensure_ascii=False))
        return
    marks = {"critical": "[red]●[/red]", "warning": "[yellow]▲[/yellow]", "info": "[blue]i[/blue]"}
    for finding in data["findings"]:
        console.print(
            f"{marks.get(finding['severity'], '-')} [{finding['rule']}] {finding['message']}"
        )
        console.print(f"    source: {finding['source']}", style="dim")
    table = Table(title="coverage (people meeting the capability / target)")
    table.add_column("capability")
    for year in data["fiscal_years"]:
        table.add_column(f"FY{year}", justify="right")
    for row in data["forecast"]:
        table.add_row(
            row["capability"],
            *[
                f"{cell['count']}/{row['target']}" + ("" if cell["met"] else " ▼")
                for cell in row["years"]
            ],
        )
    console.print(table)


def run() -> None:  # pragma: no cover - console-script shim
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
