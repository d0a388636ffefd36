"""`dxtalent data load standardization FILE`: public data newer than the shipped edition."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated

import typer

from dxtalent.cli.common import console, errors, read_file, setup_django

app = typer.Typer(
    help="Public data: load a newer edition of a national list.", no_args_is_help=True
)


class Dataset(enum.StrEnum):
    STANDARDIZATION = "standardization"


@app.command("load")
def load(
    dataset: Annotated[
        Dataset,
        typer.Argument(
            help="standardization: the Digital Agency's list of 特定移行支援システム "
            "(columns code,name,prefecture,category,tokutei_system_count,businesses,as_of)"
        ),
    ],
    file: Annotated[Path, typer.Argument(help="CSV (UTF-8, UTF-8 with BOM or cp932)")],
) -> None:
    """Load a newer edition: checked whole, loaded in one transaction as the current edition
    (earlier editions are kept as a record); exit 2 naming every bad row, nothing written."""
    setup_django()
    from dxtalent.core.standardization.national import StandardizationDataError
    from dxtalent.web.standardization.services import load_file

    data = read_file(file, dataset.value)
    try:
        edition = load_file(data, file.name)
    except StandardizationDataError as error:
        errors.print(f"[red]{file.name} was not loaded; nothing was written.[/red]")
        for problem in error.problems[:200]:
            errors.print(f"  {problem}")
        if len(error.problems) > 200:
            errors.print(f"  ... and {len(error.problems) - 200} more")
        raise typer.Exit(2) from None
    console.print(
        f"{file.name}: edition as of {edition.as_of}, {edition.governments} local governments, "
        f"{edition.systems} systems; now the current edition."
    )
