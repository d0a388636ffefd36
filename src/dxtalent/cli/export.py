"""`dxtalent export matrix`: the team skill matrix as an Excel heatmap."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dxtalent.cli.common import console, errors, find_organisation, language_option, setup_django

app = typer.Typer(help="Export data, e.g. the team skill matrix to Excel.", no_args_is_help=True)


@app.command("matrix")
def export_matrix(
    org: Annotated[str, typer.Option("--org", metavar="CODE", help="Organisation code")],
    framework: Annotated[str, typer.Option(help="Framework code (default: the first)")] = "",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write")] = None,
    language: Annotated[str, language_option()] = "ja",
) -> None:
    """The team skill matrix as an Excel heatmap."""
    setup_django()
    from django.utils import translation

    from dxtalent.web.people import matrix as people_matrix
    from dxtalent.web.people import services

    organisation = find_organisation(org)
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
        view = people_matrix.skill_matrix(organisation, chosen)
        content = people_matrix.matrix_xlsx(view, chosen, language=language)
    target = output or Path(f"skill-matrix-{organisation.code}-{chosen.code}.xlsx")
    target.write_bytes(content)
    console.print(f"Wrote {target} ({len(view.people)} people × {len(view.skills)} skills).")
