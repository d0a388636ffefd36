"""`dxtalent diagnose`: the team diagnosis (registered on the top-level `dxtalent`)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from dxtalent.cli.common import console, errors, find_organisation, setup_django


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
    setup_django()
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
    organisation = find_organisation(org)
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
