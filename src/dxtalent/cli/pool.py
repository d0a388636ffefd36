"""`dxtalent pool`: a prefecture's talent pool allocated to its municipalities' requests."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from dxtalent.cli.common import console, errors, find_organisation, setup_django

app = typer.Typer(help="A prefecture's talent pool (人材プール).", no_args_is_help=True)


@app.command()
def allocate(
    prefecture: Annotated[str, typer.Option("--prefecture", help="Prefecture code, e.g. 340006")],
    fiscal_year: Annotated[
        int | None,
        typer.Option("--fiscal-year", min=2000, max=2100, help="Fiscal year (default: this one)"),
    ] = None,
    small_weight: Annotated[
        float,
        typer.Option(min=1, max=10, help="Weight of a day for a municipality under 50,000 people"),
    ] = 1.5,
    fairness: Annotated[
        bool, typer.Option("--fairness", help="Raise the worst-served municipality first")
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print JSON: status, assignments, unmet with reasons")
    ] = False,
) -> None:
    """Allocate the prefecture's professionals' days to its municipalities' requests (HiGHS);
    the allocation is kept and written to the audit trail."""
    setup_django()
    import json

    from dxtalent.core.pool import PoolError
    from dxtalent.web.audit.actor import Actor, acting_as
    from dxtalent.web.pool import services

    organisation = find_organisation(prefecture)
    if organisation.kind != "prefecture":
        errors.print(
            f'[red]--prefecture "{prefecture}" is {organisation.name}, not a prefecture; give a '
            "prefecture's code, e.g. 340006 (広島県)[/red]"
        )
        raise typer.Exit(2)
    try:
        with acting_as(Actor(user=None, label="cli")):
            run = services.allocate(
                organisation,
                fiscal_year or services.current_fiscal_year(),
                small_weight,
                fairness,
            )
    except PoolError as error:
        errors.print(f"[red]{error}[/red]", markup=False)
        raise typer.Exit(2) from None
    data = {"fiscal_year": run.fiscal_year, **run.result}
    if as_json:
        console.print_json(json.dumps(data, ensure_ascii=False))
        return
    console.print(
        f"{organisation.name} FY{run.fiscal_year}: {data['status']}, "
        f"{data['covered_days']:g} of {data['asked_days']:g} days covered",
        markup=False,
    )
    table = Table(title="assignments")
    for column in ("professional", "municipality", "capability", "month", "days"):
        table.add_column(column)
    for a in data["assignments"]:
        table.add_row(
            a["professional_name"],
            a["municipality_name"],
            a["capability_name"],
            str(a["month"]),
            f"{a['days']:g}",
        )
    console.print(table)
    for u in data["unmet"]:
        console.print(
            f"unmet: {u['municipality_name']} {u['capability_name']}: "
            f"{u['short']:g} of {u['asked']:g} days; {u['reason_text']}",
            markup=False,
        )
