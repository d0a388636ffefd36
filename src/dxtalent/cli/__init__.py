"""The `dxtalent` command: this module builds `app` (the console script's entry point) and
registers one module per command group, in the order `dxtalent --help` lists them."""

from __future__ import annotations

from typing import Annotated

import typer

import dxtalent
from dxtalent.cli import (
    admin,
    backup,
    data,
    diagnose,
    export,
    imports,
    plan,
    pool,
    qda,
    report,
    report_documents,
    survey,
)
from dxtalent.cli.common import ReadableHelpGroup, console

app = typer.Typer(
    name="dxtalent",
    cls=ReadableHelpGroup,
    help="Digital talent for Japanese local governments: web app, data and analyses.",
    no_args_is_help=True,
    add_completion=False,
)


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


app.command()(admin.migrate)
app.command()(admin.demo)
app.command()(admin.serve)
app.command()(admin.worker)
app.command()(admin.createadmin)
app.command()(backup.backup)
app.command()(backup.restore)
app.add_typer(imports.app, name="import")
app.add_typer(export.app, name="export")
app.add_typer(data.app, name="data")
app.command()(diagnose.diagnose)
app.add_typer(plan.app, name="plan")
app.add_typer(survey.app, name="survey")
app.add_typer(qda.app, name="qda")
report_documents.register(report.app)
app.add_typer(report.app, name="report")
app.add_typer(pool.app, name="pool")


def run() -> None:  # pragma: no cover - console-script shim
    app()
