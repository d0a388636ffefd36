"""`dxtalent survey published|audit|import|tabulate`: the paper's tables, audits, survey files
and a stored survey's results."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from dxtalent.cli.common import console, errors, language_option, read_file, setup_django

if TYPE_CHECKING:  # for annotations only: the commands import what they use when they run
    from dxtalent.core.surveys import PublishedTable, PublishedTables

app = typer.Typer(
    help="Surveys: the paper's published tables and their consistency audit.",
    no_args_is_help=True,
)


Language = Annotated[str, language_option()]


def _survey_tables(csv: Path | None, as_json: bool = False) -> PublishedTables:
    from dxtalent.core.surveys import read_tables_csv, shipped_tables
    from dxtalent.core.tabular import TableValidationError, TabularError

    if csv is None:
        return shipped_tables()
    data = read_file(csv, "published-tables")
    try:
        return read_tables_csv(data, csv.name)
    except TabularError as error:
        if as_json:
            # The API's error shape: each error with where (file, row, column) and why.
            found = (
                [{"loc": [csv.name, e.row, e.column], "msg": e.render()} for e in error.errors]
                if isinstance(error, TableValidationError)
                else [{"loc": [csv.name], "msg": error.render()}]
            )
            sys.stdout.write(json.dumps({"errors": found}, ensure_ascii=False, indent=2) + "\n")
            raise typer.Exit(2) from None
        errors.print(f"[red]{csv.name} was not read; nothing was audited:[/red]")
        for line in str(error).splitlines():
            errors.print(f"  {line}")
        raise typer.Exit(2) from None


def _chosen(tables: PublishedTables, number: int | None) -> list[PublishedTable]:
    if number is None:
        return list(tables.tables)
    try:
        return [tables.table(number)]
    except KeyError as error:
        errors.print(f"[red]{error.args[0]}[/red]")
        raise typer.Exit(2) from None


@app.command("published")
def survey_published(
    table: Annotated[int | None, typer.Option(help="Only this table")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the tables as JSON")] = False,
    lang: Language = "ja",
) -> None:
    """Print the survey tables of Nakagawa (2025), Tables 1–9, exactly as published."""
    from dxtalent.core.surveys import shipped_tables

    tables = shipped_tables()
    chosen = _chosen(tables, table)
    if as_json:
        data = {
            "source": tables.source,
            "tables": [
                {
                    "table": t.number,
                    "title": t.title.get(lang),
                    "department": tables.departments[t.department].get(lang)
                    if t.department
                    else None,
                    "denominator": t.denominator,
                    "denominator_source": t.denominator_source,
                    "rows": [
                        {
                            "row": r.number,
                            "item": r.item.get(lang),
                            "count": r.count,
                            "percent": r.percent,
                            "skill": r.skill,
                        }
                        for r in t.rows
                    ],
                }
                for t in chosen
            ],
        }
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    setup_django()  # "Table 2" is the web's word, translated from its catalogue
    from dxtalent.core.i18n import _, in_language

    for t in chosen:
        with in_language(lang):
            number = _("Table {number}").format(number=t.number)
        out = Table(
            title=f"{number}. {t.title.get(lang)}",
            caption=f"n ≤ {t.denominator} ({t.denominator_source})",
        )
        out.add_column("")
        out.add_column(t.count_label.get(lang), justify="right")
        out.add_column(t.measure.get(lang), justify="right")
        for r in t.rows:
            out.add_row(r.item.get(lang), str(r.count), f"{r.percent}%")
        console.print(out)
    console.print(tables.source)


@app.command("audit")
def survey_audit(
    table: Annotated[int | None, typer.Option(help="Only this table")] = None,
    csv: Annotated[
        Path | None,
        typer.Option(
            help="Audit your own tables: CSV or Excel with the columns table, item, count, "
            "percent, denominator; one row per printed row in printed order; table a whole "
            "number, count a whole number of respondents, percent as printed (its decimals set "
            "the rounding), one denominator for every row of a table (default: the shipped "
            "Tables 1–9)"
        ),
    ] = None,
    as_json: Annotated[
        bool,
        typer.Option(
            "--json",
            help="Every row with table, row, consistent, rounding and reason as JSON; a file "
            'that cannot be read answers {"errors": [{"loc": [file, row, column], "msg": …}]}',
        ),
    ] = False,
    lang: Language = "ja",
) -> None:
    """Check that each published rate follows from its count and denominator under the
    table's rounding (inferred per table: half up, half to even or truncation; a row rounded
    unlike its table is flagged); say why not (other denominators, rows shifted). Exit 1 when
    a row is inconsistent, 2 when the file cannot be read."""
    setup_django()  # the reasons are core's words, translated from the web's catalogue
    from dxtalent.core.surveys import audit

    tables = _survey_tables(csv, as_json)
    verdicts = [v for t in _chosen(tables, table) for v in audit(tables, t.number)]
    if as_json:
        rows = [v.to_dict(lang) for v in verdicts]
        summary = {"rows": len(rows), "consistent": sum(v.consistent for v in verdicts)}
        sys.stdout.write(
            json.dumps({"summary": summary, "rows": rows}, ensure_ascii=False, indent=2) + "\n"
        )
    else:
        out = Table()
        for name in ("table", "row", "count", "percent", "base", "recomputed", "verdict"):
            out.add_column(name)
        for v in verdicts:
            out.add_row(
                str(v.table),
                str(v.row),
                str(v.count),
                v.percent,
                str(v.denominator),
                v.recomputed,
                "[green]ok[/green]" if v.consistent else "[red]inconsistent[/red]",
            )
        console.print(out)
        for v in verdicts:
            if not v.consistent:
                console.print(f"table {v.table}, row {v.row}: {v.reason.get(lang)}")
    if not all(v.consistent for v in verdicts):
        raise typer.Exit(1)


@app.command("import")
def survey_import(
    file: Annotated[
        Path,
        typer.Argument(
            help="A LimeSurvey R data file (.csv), a KoboToolbox or ODK export (.xlsx or .csv) or an SPSS file (.sav)"
        ),
    ],
    fmt: Annotated[
        str | None,
        typer.Option("--format", help="limesurvey, kobo or spss (default: from the file)"),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="The variables and every choice question's table as JSON")
    ] = False,
    structure: Annotated[
        Path | None,
        typer.Option(
            "--structure",
            help="The survey's LimeSurvey structure (.lss) or KoboToolbox/ODK XLSForm (.xlsx), "
            "for question codes, wording and option labels",
        ),
    ] = None,
) -> None:
    """Read a survey export, say what it holds (respondents, questions, multiple-choice sets,
    missing values) and tabulate its choice questions with the asked-and-answered base and
    Wilson intervals. A file that breaks the rules is refused whole, naming each row."""
    from dxtalent.core.surveys import tabulate
    from dxtalent.core.surveys.imports import read_survey_file
    from dxtalent.core.tabular import TabularError

    raw = read_file(file, "survey-export")
    form = read_file(structure, "survey-export") if structure else None
    try:
        data = read_survey_file(raw, file.name, fmt, form, structure.name if structure else "")
    except TabularError as error:
        errors.print(f"[red]{file.name} was not imported:[/red]")
        for line in str(error).splitlines():
            errors.print(f"  {line}")
        raise typer.Exit(2) from None
    tables = tabulate(data.instrument(), data.responses())
    if as_json:
        out = {
            "format": data.format,
            "respondents": len(data.respondents),
            "skipped": list(data.skipped),
            "missing": [
                {"respondent": data.respondents[row], "variable": code, "reason": reason}
                for (row, code), reason in sorted(data.missing.items())
            ],
            "variables": [
                {
                    "code": v.code,
                    "label": v.label,
                    "kind": v.kind.value,
                    "options": [o.code for o in v.options],
                    "columns": list(v.columns),
                }
                for v in data.variables
            ],
            "tables": [
                {
                    "question": t.question,
                    "asked": t.asked,
                    "answered": t.answered,
                    "base": t.base,
                    "options": [
                        {
                            "option": row.option,
                            "count": row.count,
                            "share": row.share,
                            "low": row.interval.low if row.interval else None,
                            "high": row.interval.high if row.interval else None,
                        }
                        for row in t.rows
                    ],
                }
                for t in tables
            ],
        }
        sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2, default=str) + "\n")
        return
    kinds: dict[str, int] = {}
    for variable in data.variables:
        kinds[variable.kind.value] = kinds.get(variable.kind.value, 0) + 1
    console.print(
        f"{file.name} ({data.format}): {len(data.respondents)} respondents, "
        f"{len(data.variables)} questions ({', '.join(f'{n} {k}' for k, n in kinds.items())}); "
        f"{len(data.missing)} values user-missing; {len(data.skipped)} metadata columns left out"
    )
    for t in tables:
        variable = data.variable(t.question)
        out_table = Table(title=f"{t.question}: {variable.label[:80]} (n = {t.base} of {t.asked})")
        out_table.add_column("option")
        out_table.add_column("count", justify="right")
        out_table.add_column("share (95% interval)", justify="right")
        for row in t.rows:
            share = (
                "–"
                if row.interval is None
                else (
                    f"{row.interval.estimate:.1%} ({row.interval.low:.1%}–{row.interval.high:.1%})"
                )
            )
            out_table.add_row(row.option, str(row.count), share)
        console.print(out_table)


@app.command("tabulate")
def survey_tabulate(
    survey: Annotated[int, typer.Argument(help="The survey's number (as in its page's address)")],
    by: Annotated[str, typer.Option(help="department (the only grouping for now)")] = "department",
    as_json: Annotated[
        bool, typer.Option("--json", help="Response rates and every question's table as JSON")
    ] = False,
    lang: Language = "ja",
) -> None:
    """Response rates and every question's table by department: counts, the base (asked and
    answered), shares with Wilson intervals, and the departments compared (Holm)."""
    setup_django()
    from dxtalent.web.surveys.exports import results_json
    from dxtalent.web.surveys.models import Survey

    if by != "department":
        errors.print(f'[red]--by "{by}": only department is accepted for now[/red]')
        raise typer.Exit(2)
    found = Survey.objects.filter(pk=survey).first()
    if found is None:
        errors.print(f"[red]No survey {survey}.[/red]")
        raise typer.Exit(2)
    data = results_json(found, lang)
    if as_json:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    console.print(f"{found.title} ({found.status})")
    for rate in data["response_rates"]:
        share = "–" if rate["rate"] is None else f"{rate['rate']:.1%}"
        console.print(
            f"  {rate['label']}: {rate['submitted']} of {rate['invited']} submitted ({share})"
        )
    for question in data["questions"]:
        out = Table(title=f"{question['question']}. {question['text']}")
        out.add_column("")
        for group in question["groups"]:
            out.add_column(f"{group['department']} (n={group['base']})", justify="right")
        for option in question["options"]:
            out.add_row(
                option["label"],
                *(
                    "–"
                    if cell["share"] is None
                    else f"{cell['share']:.1%} ({cell['count']}; "
                    f"{cell['low']:.1%}–{cell['high']:.1%})"
                    for cell in option["cells"]
                ),
            )
        console.print(out)
