"""`dxtalent report survey|joint|person`: a survey's results, the joint display of survey and
interviews, and a person's development sheet (個人別育成計画) as PDF or Word. Registered on
`dxtalent report` by `register`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dxtalent.cli.common import errors, find_organisation, setup_django
from dxtalent.cli.report import LanguageOption, checked_format, step, write_report

OrgOption = Annotated[str, typer.Option("--org", help="Organisation code")]
FormatOption = Annotated[str, typer.Option("--format", help="pdf or docx")]
OutputOption = Annotated[Path | None, typer.Option("--output", "-o", help="File to write")]
SurveyOption = Annotated[
    int | None, typer.Option("--survey", help="Survey number (default: the newest)")
]


def _survey(organisation, number: int | None, option: str = "--survey"):  # type: ignore[no-untyped-def]
    from dxtalent.web.reports import research

    found = research.survey_of(organisation, number)
    if found is None:
        if number is None:
            errors.print(f"[red]{organisation.code} has no survey.[/red]")
        else:
            errors.print(f"[red]{option} {number}: no survey of {organisation.code}[/red]")
        raise typer.Exit(2)
    return found


def report_survey(
    org: OrgOption,
    fmt: FormatOption = "pdf",
    output: OutputOption = None,
    language: LanguageOption = "ja",
    survey: SurveyOption = None,
) -> None:
    """A survey's results as a report: response counts and rates by department, each choice
    question's chart and table of shares with intervals (the newest survey, or `--survey N`)."""
    setup_django()
    from dxtalent.web.reports import research

    checked_format(fmt)
    step(1, "Loading the data")
    organisation = find_organisation(org)
    found = _survey(organisation, survey)
    step(2, "Writing the report")
    document = research.survey_report(found, language)
    write_report(
        document,
        "survey",
        organisation,
        fmt,
        output,
        f"survey-{organisation.code}-{found.pk}.{fmt}",
    )


def report_joint(
    org: OrgOption,
    fmt: FormatOption = "pdf",
    output: OutputOption = None,
    language: LanguageOption = "ja",
    project: Annotated[
        int | None, typer.Option(help="Interview project number (default: the newest)")
    ] = None,
    survey: Annotated[
        int | None,
        typer.Option(help="Survey whose figures to show (default: the paper's published tables)"),
    ] = None,
    attribute: Annotated[str, typer.Option(help="Case attribute to group the cases by")] = "",
) -> None:
    """The joint display of survey and interviews as a report: each theme's survey figures
    beside the interview evidence, quotes and the judgement of fit."""
    setup_django()
    from dxtalent.web.reports import research

    checked_format(fmt)
    step(1, "Loading the data")
    organisation = find_organisation(org)
    found = research.project_of(organisation, project)
    if found is None:
        errors.print(
            f"[red]--project {project}: no interview project of {organisation.code}[/red]"
            if project is not None
            else f"[red]{organisation.code} has no interview project.[/red]"
        )
        raise typer.Exit(2)
    figures = _survey(organisation, survey) if survey is not None else None
    step(2, "Writing the report")
    document = research.joint_report(found, figures, attribute, language)
    write_report(
        document,
        "joint-display",
        organisation,
        fmt,
        output,
        f"joint-display-{organisation.code}-{found.pk}.{fmt}",
    )


def report_person(
    org: OrgOption,
    person: Annotated[str, typer.Option("--person", help="Staff or candidate number")],
    fmt: FormatOption = "pdf",
    output: OutputOption = None,
    language: LanguageOption = "ja",
) -> None:
    """A person's development sheet (個人別育成計画) for HR interviews: roles, levels against
    each role's target by source, gaps, programmes, posts and rotation window. It names the
    person and their levels; each production is recorded in the audit trail (actor "cli")."""
    setup_django()
    from dxtalent.web.audit.actor import Actor, acting_as
    from dxtalent.web.reports import person as sheets

    checked_format(fmt)
    step(1, "Loading the data")
    organisation = find_organisation(org)
    found = sheets.person_of(organisation, person)
    if found is None:
        errors.print(f'[red]--person: no person numbered "{person}" in {organisation.code}[/red]')
        raise typer.Exit(2)
    step(2, "Writing the report")
    document = sheets.person_report(organisation, found, language)
    target = write_report(
        document,
        "person",
        organisation,
        fmt,
        output,
        sheets.sheet_filename(organisation, found, fmt),
    )
    with acting_as(Actor(user=None, label="cli")):
        sheets.record_production(organisation, found, target.name)


def register(app: typer.Typer) -> None:
    """Add the three commands to `dxtalent report`."""
    app.command("survey")(report_survey)
    app.command("joint")(report_joint)
    app.command("person")(report_person)
