"""`dxtalent import staff|candidates|assessments|systems|contracts FILE --org CODE`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from dxtalent.cli.common import console, errors, find_organisation, read_file, setup_django

app = typer.Typer(
    help="Import staff, candidates, assessments, systems or contracts from CSV or Excel.",
    no_args_is_help=True,
)


def _import(kind: str, path: Path, org: str) -> None:
    setup_django()
    from dxtalent.core.tabular import TableFormatError
    from dxtalent.web.audit.actor import Actor, acting_as
    from dxtalent.web.people import imports as people_imports
    from dxtalent.web.people.imports import ImportRejectedError
    from dxtalent.web.standardization import imports as register_imports
    from dxtalent.web.uploads import imported, rejected

    # The register's kinds (systems, contracts) have their own importer, same contract.
    import_file = (
        register_imports.import_file
        if kind in register_imports.COLUMNS
        else people_imports.import_file
    )
    organisation = find_organisation(org)
    data = read_file(path, kind)
    try:
        with acting_as(Actor(user=None, label="cli")), console.status(f"Importing {path.name}"):
            result = import_file(organisation, kind, data, path.name)
    except TableFormatError as error:
        errors.print(f"[red]{path.name}: {error}[/red]")
        raise typer.Exit(2) from None
    except ImportRejectedError as error:
        said, problems = rejected(error, path.name)
        errors.print(f"[red]{escape(said)}[/red]")
        for problem in problems:
            errors.print(f"  {escape(problem)}")
        raise typer.Exit(2) from None
    console.print(escape(imported(result, path.name)))


@app.command("staff")
def import_staff(
    file: Annotated[Path, typer.Argument(help="CSV (UTF-8, UTF-8 with BOM or cp932) or .xlsx")],
    org: Annotated[str, typer.Option("--org", metavar="CODE", help="Organisation code")],
) -> None:
    """Staff with their department and post (new numbers are added, known ones updated)."""
    _import("staff", file, org)


@app.command("candidates")
def import_candidates(
    file: Annotated[Path, typer.Argument(help="CSV (UTF-8, UTF-8 with BOM or cp932) or .xlsx")],
    org: Annotated[str, typer.Option("--org", metavar="CODE", help="Organisation code")],
) -> None:
    """Candidates (external applicants, programme registrants)."""
    _import("candidates", file, org)


@app.command("assessments")
def import_assessments(
    file: Annotated[Path, typer.Argument(help="CSV (UTF-8, UTF-8 with BOM or cp932) or .xlsx")],
    org: Annotated[str, typer.Option("--org", metavar="CODE", help="Organisation code")],
) -> None:
    """Dated ratings (number, framework, skill, level, source, rated_on, evidence)."""
    _import("assessments", file, org)


@app.command("systems")
def import_systems(
    file: Annotated[Path, typer.Argument(help="CSV (UTF-8, UTF-8 with BOM or cp932) or .xlsx")],
    org: Annotated[str, typer.Option("--org", help="Organisation code")],
) -> None:
    """The register's systems (業務, ベンダー, 製品, 移行予定日, 年間費用 …; a known 業務 is updated)."""
    _import("systems", file, org)


@app.command("contracts")
def import_contracts(
    file: Annotated[Path, typer.Argument(help="CSV (UTF-8, UTF-8 with BOM or cp932) or .xlsx")],
    org: Annotated[str, typer.Option("--org", help="Organisation code")],
) -> None:
    """Contracts with vendors (契約名, ベンダー, 対象業務, 年間費用, 調達方法 …; a known title is updated)."""
    _import("contracts", file, org)
