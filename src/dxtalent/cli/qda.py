"""`dxtalent qda import|export|agreement`: REFI-QDA files and intercoder agreement."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from dxtalent.cli.common import console, errors, find_organisation, read_file, setup_django

app = typer.Typer(
    help="Qualitative coding: REFI-QDA codebooks and projects, intercoder agreement.",
    no_args_is_help=True,
)


def _read_qda(file: Path):  # type: ignore[no-untyped-def]
    from dxtalent.core.interviews.codebook import CodebookError, codebook_from_qdc
    from dxtalent.core.interviews.project import project_from_qdpx

    qdc = file.suffix.lower() == ".qdc"
    data = read_file(file, "qdc" if qdc else "qdpx")
    try:
        if qdc:
            return codebook_from_qdc(data)
        return project_from_qdpx(data, file.name)
    except CodebookError as error:
        errors.print(f"[red]{file.name} was not read: {error}[/red]")
        raise typer.Exit(2) from None


@app.command("import")
def qda_import(
    file: Annotated[
        Path, typer.Argument(help="A REFI-QDA project (.qdpx or project.qde) or codebook (.qdc)")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="What the file holds, as JSON")] = False,
    org: Annotated[
        str | None,
        typer.Option(
            "--org", metavar="CODE", help="Store the project in this organisation (a .qdpx or .qde)"
        ),
    ] = None,
) -> None:
    """Read a REFI-QDA file from NVivo, ATLAS.ti, MAXQDA, QualCoder, Taguette or dxtalent and
    say what it holds and what it skipped; with --org, store the project there."""
    imported = _read_qda(file)
    if org is not None:
        if getattr(imported, "project", None) is None:
            errors.print("[red]Only a project (.qdpx or .qde) can be stored.[/red]")
            raise typer.Exit(2)
        setup_django()
        from dxtalent.web.interviews.services import import_project

        stored, _notes = import_project(find_organisation(org), read_file(file, "qdpx"), file.name)
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


@app.command("export")
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
        setup_django()
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


@app.command("agreement")
def qda_agreement(
    project: Annotated[Path, typer.Argument(help="A REFI-QDA project (.qdpx) coded by two coders")],
    coders: Annotated[
        tuple[str, str],
        typer.Option("--coders", metavar="NAME NAME", help="The two coders' names (or GUIDs)"),
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
