"""Running the app: migrate, demo, serve, createadmin (registered on the top-level `dxtalent`)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from dxtalent.cli.common import console, errors, setup_django


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


def migrate() -> None:
    """Create or upgrade the database and load the list of local governments."""
    setup_django()
    _migrate()
    console.print(f"Database ready ({_database_label()}).")


def demo(
    port: Annotated[int, typer.Option(help="Port to serve on.")] = 8000,
    serve: Annotated[
        bool, typer.Option("--serve/--no-serve", help="Serve the web app afterwards.")
    ] = True,
    seed: Annotated[int, typer.Option(help="Seed of the synthetic demo data.")] = 2025,
) -> None:
    """Prepare the database with the synthetic demo and serve it on http://127.0.0.1:PORT.

    Runs in local mode (DXTALENT_LOCAL=1: production pages and errors, on this machine only,
    plain HTTP, a generated key) unless DXTALENT_DEBUG or DXTALENT_LOCAL is set. Every run sets
    new demo passwords and prints them.
    """
    setup_django(local_default=True)
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
    console.print(
        "Prefecture with a talent pool and a dozen municipalities: DEMO-PREF "
        "(its pool at /o/DEMO-PREF/pool/; `dxtalent pool allocate --prefecture DEMO-PREF`)"
    )
    console.print(f"Database: {_database_label()}")
    if serve:
        console.print(
            f"\nLog in at [bold]http://127.0.0.1:{port}/accounts/login/[/bold]  (Ctrl+C stops)\n"
        )
        from waitress import serve as waitress_serve

        from dxtalent.web.config.wsgi import application
        from dxtalent.web.jobs import WorkerThread

        WorkerThread().start()  # the demo's plan runs are done in this process
        # The server `dxtalent serve` uses (local mode serves the static files through
        # WhiteNoise's finders, with nothing to collect first).
        waitress_serve(application, host="127.0.0.1", port=port, threads=8)


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    threads: Annotated[int, typer.Option(help="Worker threads.")] = 8,
) -> None:
    """Serve the web app with waitress (one machine; for many users use gunicorn behind a
    reverse proxy with PostgreSQL, see README)."""
    setup_django(signs=True)
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


def worker(
    batch: Annotated[
        bool, typer.Option("--batch", help="Do the queued jobs, then exit (e.g. from cron).")
    ] = False,
) -> None:
    """Do queued long-running jobs (plan runs) one at a time until stopped (on Ctrl+C or
    SIGTERM it finishes the job in hand first). Needed beside gunicorn; `dxtalent serve` runs
    its own."""
    setup_django(signs=True)
    from dxtalent.web.jobs import work

    console.print(f"Working on the job queue ({_database_label()}); Ctrl+C stops")
    work(batch=batch)


def createadmin(
    username: Annotated[str, typer.Option(prompt=True, help="Username of the staff superuser.")],
    email: Annotated[str, typer.Option(prompt=True, help="Email address.")] = "",
) -> None:
    """Create a staff superuser for Django admin (/admin/); asks for the password twice."""
    setup_django()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

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
