"""`dxtalent qda import|export|agreement`: REFI-QDA files and intercoder agreement."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from dxtalent.cli.common import (
    console,
    errors,
    find_organisation,
    language_option,
    read_file,
    setup_django,
)

if TYPE_CHECKING:  # for annotations only: the commands import what they use when they run
    from collections.abc import Sequence

    from dxtalent.core.interviews.codebook import ImportedCodebook
    from dxtalent.core.interviews.project import ImportedProject, Project

app = typer.Typer(
    help="Qualitative coding: REFI-QDA codebooks and projects, intercoder agreement.",
    no_args_is_help=True,
)


def _read_qda(file: Path) -> ImportedCodebook | ImportedProject:
    """The codebook or project in `file`; exits 2 with core's message (naming the file, in the
    user's language, as the web page and the API say it) when it cannot be read."""
    from dxtalent.core.interviews.codebook import CodebookError, codebook_from_qdc
    from dxtalent.core.interviews.project import project_from_qdpx

    # Before reading: what core says of the file (its errors, its reading notes) follows the
    # user's locale.
    setup_django()
    qdc = file.suffix.lower() == ".qdc"
    data = read_file(file, "qdc" if qdc else "qdpx")
    try:
        if qdc:
            return codebook_from_qdc(data, file.name)
        return project_from_qdpx(data, file.name)
    except CodebookError as error:
        errors.print(f"[red]{escape(str(error))}[/red]")
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
    from dxtalent.core.i18n import _
    from dxtalent.core.interviews.project import ImportedProject

    imported = _read_qda(file)
    if isinstance(imported, ImportedProject):
        project: Project | None = imported.project
        codebook = imported.project.codebook
    else:
        project, codebook = None, imported.codebook
    if org is not None:
        if project is None:
            errors.print("[red]Only a project (.qdpx or .qde) can be stored.[/red]")
            raise typer.Exit(2)
        from dxtalent.web.interviews.services import import_project

        stored, _notes = import_project(find_organisation(org), read_file(file, "qdpx"), file.name)
        console.print(f"Stored as interview project {stored.pk} of {org}.")
    codes = list(codebook.walk())
    sources = (
        [{"name": s.name, "characters": len(s.text)} for s in project.sources] if project else []
    )
    summary = {
        "origin": codebook.origin,
        "codes": len(codes),
        "top_level_codes": len(codebook.codes),
        "depth": max((depth for depth, _c in codes), default=-1) + 1,
        "users": len(project.users) if project else 0,
        "sources": sources,
        "selections": len(project.selections) if project else 0,
        "codings": sum(len(s.codings) for s in project.selections) if project else 0,
        "notes": list(imported.notes),
    }
    if as_json:
        sys.stdout.write(json.dumps(summary, ensure_ascii=False, indent=2) + "\n")
        return
    said = _(
        "{file} ({origin}): codes {codes} (top level {top}, levels {depth}); users {users}; "
        "text sources {sources}; selections {selections}; codings {codings}"
    ).format(
        file=file.name,
        origin=summary["origin"] or _("origin not given"),
        codes=summary["codes"],
        top=summary["top_level_codes"],
        depth=summary["depth"],
        users=summary["users"],
        sources=len(sources),
        selections=summary["selections"],
        codings=summary["codings"],
    )
    console.print(said, markup=False)
    if imported.notes:
        console.print(_("Skipped or repaired while reading:"))
    for note in imported.notes:
        console.print(f"  {escape(note)}")


@app.command("export")
def qda_export(
    output: Annotated[Path, typer.Argument(help="The file to write: .qdc or .qdpx")],
    project: Annotated[
        int | None,
        typer.Option("--project", help="A stored interview project's number (writes a .qdpx)"),
    ] = None,
    lang: Annotated[str, language_option("the shipped codebook")] = "ja",
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


def _coded_project(
    project: Path, coders: Sequence[str]
) -> tuple[Project, dict[str, str], dict[str, str], dict[str, int]]:
    """The project a coder comparison reads, with each coder's GUID by name or GUID, each
    code's name by GUID and each source's length by GUID; exits 2, saying why, on a codebook
    (no codings) or a coder the project does not have."""
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
    return data, by_name, names, lengths


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

    data, by_name, names, lengths = _coded_project(project, coders)
    segments = [s for s in segments_of(data) if s.source in lengths]
    results = agreement(segments, lengths, by_name[coders[0]], by_name[coders[1]])
    rows: list[dict[str, Any]] = [
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


@app.command("alpha")
def qda_alpha(
    project: Annotated[Path, typer.Argument(help="A REFI-QDA project (.qdpx)")],
    coders: Annotated[
        list[str],
        typer.Option(
            "--coder", help="A coder's name or GUID; give two or more (repeat the option)"
        ),
    ],
    unit: Annotated[
        str,
        typer.Option(help="character (as NVivo compares) or paragraph (each non-blank line)"),
    ] = "character",
    resamples: Annotated[
        int, typer.Option(help="Bootstrap resamples for the 95% interval (0: none)", min=0)
    ] = 1000,
    as_json: Annotated[bool, typer.Option("--json", help="Every code's figures as JSON")] = False,
) -> None:
    """Krippendorff's alpha (nominal) of two or more coders per code and over all codes, with
    a bootstrap interval, on characters or paragraphs; Fleiss' kappa where it applies."""
    from dxtalent.core.interviews.agreement import AgreementError, alpha_by_code, paragraph_spans
    from dxtalent.core.interviews.project import segments_of

    if unit not in ("character", "paragraph"):
        errors.print(f'[red]--unit "{unit}" is not accepted; use character or paragraph.[/red]')
        raise typer.Exit(2)
    data, by_name, names, lengths = _coded_project(project, coders)
    spans = {s.guid: paragraph_spans(s.text) for s in data.sources} if unit == "paragraph" else None
    segments = [s for s in segments_of(data) if s.source in lengths]
    try:
        results = alpha_by_code(
            segments, lengths, [by_name[c] for c in coders], spans=spans, resamples=resamples
        )
    except AgreementError as error:
        errors.print(f"[red]{error}[/red]")
        raise typer.Exit(2) from None
    rows = [
        {
            "code": None if r.code is None else names.get(r.code, r.code),
            "unit": unit,
            "alpha": None if r.result is None else r.result.alpha,
            "interval": None if r.result is None else r.result.interval,
            "pairable_units": 0 if r.result is None else r.result.units,
            "pairable_values": 0 if r.result is None else r.result.pairable_values,
            "fleiss_kappa": r.fleiss,
        }
        for r in results
    ]
    if as_json:
        payload = {"coders": coders, "metric": "nominal", "unit": unit, "results": rows}
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        return
    out = Table(title=f"{' × '.join(coders)} (unit: {unit})")
    for column in ("code", "alpha", "95% interval", "units", "Fleiss' kappa"):
        out.add_column(column)
    for r in results:
        name = "all codes (multi-category)" if r.code is None else names.get(r.code, r.code)
        alpha = None if r.result is None else r.result.alpha
        interval = None if r.result is None else r.result.interval
        out.add_row(
            name,
            "–" if alpha is None else f"{alpha:.3f}",
            "–" if interval is None else f"{interval[0]:.3f}–{interval[1]:.3f}",
            str(0 if r.result is None else r.result.units),
            "–" if r.fleiss is None else f"{r.fleiss:.3f}",
        )
    console.print(out)


TRANSCRIPT_SUFFIXES = (".txt", ".docx")


@app.command("add-transcripts")
def qda_add_transcripts(
    folder: Annotated[Path, typer.Argument(help="A folder of transcripts (.txt or .docx)")],
    project: Annotated[int, typer.Option("--project", help="The interview project's number")],
) -> None:
    """Add every .txt and .docx file of a folder to a stored interview project, each file a
    transcript and its own case; all or nothing (one unreadable file adds none)."""
    if not folder.is_dir():
        errors.print(f"[red]{folder} is not a folder.[/red]")
        raise typer.Exit(2)
    paths = sorted(p for p in folder.iterdir() if p.suffix.lower() in TRANSCRIPT_SUFFIXES)
    if not paths:
        errors.print(f"[red]{folder} holds no .txt or .docx file.[/red]")
        raise typer.Exit(2)
    setup_django()
    from dxtalent.web.interviews import services
    from dxtalent.web.interviews.models import InterviewProject

    stored = InterviewProject.objects.filter(pk=project).first()
    if stored is None:
        errors.print(f"[red]No interview project {project}.[/red]")
        raise typer.Exit(2)
    files = [(p.name, read_file(p, "transcript")) for p in paths]
    try:
        added = services.add_transcripts(stored, files)
    except services.TranscriptError as error:
        errors.print(f"[red]{error}[/red] Nothing was added.")
        raise typer.Exit(2) from None
    console.print(f"Added {len(added)} transcripts to {stored.name}.")
