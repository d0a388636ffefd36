"""`dxtalent report diagnosis|plan`: the briefing reports as PDF or Word, for the council (no
named person) or internal (names and levels)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dxtalent.cli.common import console, errors, find_organisation, language_option, setup_django

app = typer.Typer(help="Reports for the mayor and the council (PDF or Word).", no_args_is_help=True)

AudienceOption = Annotated[
    str,
    typer.Option(
        "--audience",
        "--version",
        help="council (capabilities, counts, roles and costs; no names) or internal (names "
        "and levels)",
    ),
]
FormatOption = Annotated[str, typer.Option("--format", help="pdf or docx")]
OutputOption = Annotated[Path | None, typer.Option("--output", "-o", help="File to write")]
LanguageOption = Annotated[str, language_option("the report")]


def _checked(audience: str, fmt: str):  # type: ignore[no-untyped-def]
    from dxtalent.core.reports import UnknownAudienceError, audience_of

    try:
        chosen = audience_of(audience)
    except UnknownAudienceError as error:
        errors.print(f"[red]--audience: {error}[/red]")
        raise typer.Exit(2) from None
    checked_format(fmt)
    return chosen


def checked_format(fmt: str) -> str:
    """`fmt` when it is a report format; otherwise the message and exit status 2."""
    from dxtalent.web.reports.services import FORMATS

    if fmt not in FORMATS:
        errors.print(f'[red]--format: "{fmt}" is not known; "pdf" or "docx" is accepted[/red]')
        raise typer.Exit(2)
    return fmt


def step(number: int, text: str) -> None:
    """A step of a report on stderr, so that a long one shows its progress and stdout stays
    the result: "[2/3] Writing the report"."""
    errors.print(f"[{number}/3] {text}")


def write_report(  # type: ignore[no-untyped-def]
    document, kind: str, organisation, fmt: str, output: Path | None, name: str | None = None
) -> Path:
    """Render `document` as `fmt` into `output` (or `name`, or the report's own file name) and
    say so; the path written."""
    from dxtalent.core.reports import ReportFontMissingError
    from dxtalent.web.reports import services

    step(3, f"Rendering the {fmt.upper() if fmt == 'pdf' else 'Word'} file")
    try:
        rendered = services.render(document, fmt)
    except ReportFontMissingError as error:
        errors.print(f"[red]{error}[/red]")
        raise typer.Exit(2) from None
    target = output or Path(name or services.filename(kind, organisation, document.audience, fmt))
    target.write_bytes(rendered.content)
    console.print(f"Wrote {target} ({document.title}, {document.audience.value}).")
    return target


@app.command("diagnosis")
def report_diagnosis(
    org: Annotated[str, typer.Option("--org", help="Organisation code")],
    audience: AudienceOption = "council",
    fmt: FormatOption = "pdf",
    output: OutputOption = None,
    language: LanguageOption = "ja",
) -> None:
    """The team diagnosis as a briefing report."""
    setup_django()
    from dxtalent.web.reports import services

    chosen = _checked(audience, fmt)
    step(1, "Loading the data")
    organisation = find_organisation(org)
    step(2, "Writing the report")
    document = services.diagnosis_report(organisation, chosen, language)
    write_report(document, "diagnosis", organisation, fmt, output)


def _run_of(organisation, run: int | None):  # type: ignore[no-untyped-def]
    from dxtalent.web.planning.models import PlanRun
    from dxtalent.web.reports import services

    if run is None:
        return services.latest_run(organisation)
    found = PlanRun.objects.filter(
        organisation=organisation, pk=run, status=PlanRun.Status.DONE
    ).first()
    if found is None:
        errors.print(f"[red]--run {run}: no plan run with a result for {organisation.code}[/red]")
        raise typer.Exit(2)
    return found


RunOption = Annotated[
    int | None,
    typer.Option(help="Plan run number (default: the newest with a result)"),
]


@app.command("plan")
def report_plan(
    org: Annotated[str, typer.Option("--org", help="Organisation code")],
    audience: AudienceOption = "council",
    fmt: FormatOption = "pdf",
    output: OutputOption = None,
    language: LanguageOption = "ja",
    run: RunOption = None,
) -> None:
    """A staffing plan (the three strategies side by side) as a briefing report: the newest
    plan run with a result, or `--run N`; without any, the current data solved now."""
    setup_django()
    from dxtalent.web.planning.models import PlanRun
    from dxtalent.web.reports import services

    chosen = _checked(audience, fmt)
    step(1, "Loading the data")
    organisation = find_organisation(org)
    if run is not None:
        found = PlanRun.objects.filter(
            organisation=organisation, pk=run, status=PlanRun.Status.DONE
        ).first()
        if found is None:
            errors.print(
                f"[red]--run {run}: no plan run with a result for {organisation.code}[/red]"
            )
            raise typer.Exit(2)
    else:
        found = services.latest_run(organisation)
    step(2, "Writing the report")
    if found is None:
        console.print("No plan run with a result: solving the current data now.")
        document = services.current_plan_report(organisation, chosen, language)
    else:
        document = services.plan_report(organisation, found, chosen, language)
    write_report(document, "plan", organisation, fmt, output)


@app.command("policy")
def report_policy(
    org: Annotated[str, typer.Option("--org", help="Organisation code")],
    fmt: Annotated[str, typer.Option("--format", help="docx or pdf")] = "docx",
    output: OutputOption = None,
    language: LanguageOption = "ja",
    run: RunOption = None,
    draft_version: Annotated[
        int | None,
        typer.Option(
            "--draft-version",
            help="A saved version of the draft edited in the app (its prose and figures as "
            "saved); default: drafted afresh from the data",
        ),
    ] = None,
) -> None:
    """A draft of the digital-talent chapter of the 人材育成・確保基本方針, every statement with
    its source, from the diagnosis and the plan run's optimal mix (the newest, or `--run N`;
    without any, the current data solved now), or a version of the draft as edited in the app
    (`--draft-version N`). Names no person."""
    setup_django()
    from dxtalent.web.reports import policy_drafts, services

    _checked("council", fmt)
    step(1, "Loading the data")
    organisation = find_organisation(org)
    if draft_version is not None:
        draft = policy_drafts.draft_of(organisation)
        version = policy_drafts.version_of(draft, draft_version) if draft is not None else None
        if version is None:
            errors.print(
                f"[red]--draft-version {draft_version}: {organisation.code} has no such version "
                "of its policy draft (see the draft's versions page)[/red]"
            )
            raise typer.Exit(2)
        step(2, "Writing the report")
        document = policy_drafts.document_of(version)
        name = policy_drafts.filename(version, fmt)
        write_report(document, "talent-policy", organisation, fmt, output, name)
        return
    found = _run_of(organisation, run)
    step(2, "Writing the report")
    document = services.policy_report(organisation, found, language)
    write_report(document, "talent-policy", organisation, fmt, output)
