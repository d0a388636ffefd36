"""`dxtalent diagnose`: the team diagnosis (registered on the top-level `dxtalent`)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from dxtalent.cli.common import (
    console,
    errors,
    find_organisation,
    language_option,
    print_wrapped,
    setup_django,
)


def diagnose(
    org: Annotated[str, typer.Option("--org", metavar="CODE", help="Organisation code")],
    years: Annotated[
        int | None, typer.Option(min=1, max=30, help="Fiscal years to forecast")
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print JSON: findings, forecast, risk, timeline")
    ] = False,
    language: Annotated[str, language_option()] = "ja",
    today: Annotated[
        str | None,
        typer.Option(metavar="YYYY-MM-DD", help="Diagnose as of this day (default: today)"),
    ] = None,
) -> None:
    """Can the team carry DX as people rotate out? The paper's rules, forecast and risk;
    for each departure what can still be done before it, in months to the date."""
    setup_django()
    import datetime as dt
    import json

    from dxtalent.core.i18n import _, colon, in_language
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
    english = language.startswith("en")
    with in_language(language):
        sep = colon()
        source = _("Source")
    marks = {"critical": "●", "warning": "▲", "info": "i"}
    colours = {"critical": "red", "warning": "yellow", "info": "blue"}
    step_marks = {"open": "○", "late": "△", "closed": "×"}
    for finding in data["findings"]:
        # People's names are kept whole on a line; rule and source by name, not by id.
        names = [p["name"] for p in finding["people"]]
        names += [p["name"] for step in finding.get("next_steps", []) for p in step["people"]]
        mark = marks.get(finding["severity"], "-")
        print_wrapped(
            f"{mark} {finding['rule_name']}{sep}{finding['message']}",
            indent="  ",
            keep=names,
            style=colours.get(finding["severity"]),
        )
        for step in finding.get("next_steps", []):
            print_wrapped(
                f"    {step_marks.get(step['status'], '-')} {step['message']}",
                indent="      ",
                keep=names,
            )
        print_wrapped(f"    {source}{sep}{finding['source_summary']}", indent="      ", style="dim")
    table = Table(
        title="coverage (people meeting the capability / target)"
        if english
        else "年度末に能力を満たす人数／目標",
    )
    table.add_column("capability" if english else "能力", no_wrap=True)
    for year in data["fiscal_years"]:
        table.add_column(f"FY{year}" if english else f"{year}年度", justify="right")
    for row in data["forecast"]:
        paper = row.get("paper_target", row["target"])
        note = ("paper" if english else "論文") + f" {paper}"
        table.add_row(
            row["name"] + (f" ({note})" if paper != row["target"] else ""),
            *[
                f"{cell['count']}/{row['target']}" + ("" if cell["met"] else " ▼")
                for cell in row["years"]
            ],
        )
    console.print(table)
