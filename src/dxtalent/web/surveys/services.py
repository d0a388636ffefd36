"""Published survey tables and their audit, for the pages, the API and the Excel export."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from dxtalent.core.frameworks import Text
from dxtalent.core.surveys import (
    Instrument,
    PublishedTable,
    PublishedTables,
    QuestionKind,
    Response,
    RowAudit,
    audit_table,
    wilson,
)
from dxtalent.core.tabular import Sheet, write_xlsx


@dataclass(frozen=True)
class AuditedRow:
    """A printed row with its verdict and the Wilson 95 % interval of count / denominator."""

    verdict: RowAudit
    low: float
    high: float


@dataclass(frozen=True)
class AuditedTable:
    table: PublishedTable
    rows: list[AuditedRow]

    @property
    def consistent(self) -> int:
        return sum(row.verdict.consistent for row in self.rows)


def audited(tables: PublishedTables, number: int | None = None) -> list[AuditedTable]:
    """Each table (or table `number`; KeyError when absent) with its rows' verdicts."""
    chosen = [tables.table(number)] if number is not None else list(tables.tables)
    found = []
    for table in chosen:
        rows = []
        for verdict in audit_table(table):
            interval = wilson(verdict.count, verdict.denominator)
            assert interval is not None  # a table's denominator is at least 1
            rows.append(AuditedRow(verdict, interval.low, interval.high))
        found.append(AuditedTable(table, rows))
    return found


def audit_xlsx(found: list[AuditedTable], language: str) -> bytes:
    """One sheet with every row: table, row, item, count, rate printed, denominator, rate
    recomputed, Wilson interval, verdict and reason."""
    from django.utils.translation import gettext as _

    rows = [
        [
            t.table.number,
            r.verdict.row,
            r.verdict.item.get(language),
            r.verdict.count,
            r.verdict.percent,
            r.verdict.denominator,
            r.verdict.recomputed,
            round(100 * r.low, 1),
            round(100 * r.high, 1),
            _("consistent") if r.verdict.consistent else _("inconsistent"),
            r.verdict.reason.get(language),
        ]
        for t in found
        for r in t.rows
    ]
    sheet = Sheet(
        title=_("Audit")[:31],
        columns=[
            _("Table"),
            _("Row"),
            _("Item"),
            _("Count"),
            _("Rate printed (%)"),
            _("Denominator"),
            _("Rate recomputed (%)"),
            _("95% interval, low (%)"),
            _("95% interval, high (%)"),
            _("Verdict"),
            _("Reason"),
        ],
        rows=rows,
    )
    return write_xlsx([sheet])


# ---- Running surveys -------------------------------------------------------------------


def shipped_instrument() -> dict[str, Any]:
    """The questionnaire reconstructed from the paper's Tables 2–9, as plain values."""
    from dxtalent.core.surveys import instrument_from_tables, instrument_to_dict, shipped_tables

    return instrument_to_dict(instrument_from_tables(shipped_tables()))


def instrument_of(survey: Any) -> Instrument:
    from dxtalent.core.surveys import instrument_from_dict

    return instrument_from_dict(survey.instrument)


def invite(survey: Any, codes: list[str], departments: list[str]) -> tuple[int, list[str]]:
    """Invite each organisation (by code) for each department; (invitations created, errors
    naming each code not found). Nothing is created when a code is wrong; an invitation that
    exists already is kept as it is."""
    from django.db import transaction

    from dxtalent.web.organisations.models import Organisation
    from dxtalent.web.surveys.models import Invitation

    wanted = [code.strip() for code in codes if code.strip()]
    found = {o.code: o for o in Organisation.objects.filter(code__in=wanted)}
    errors = [
        f'line {number}: "{code}" is not the code of an organisation in dxtalent'
        for number, code in enumerate(wanted, start=1)
        if code not in found
    ]
    if errors:
        return 0, errors
    created = 0
    with transaction.atomic():
        for code in dict.fromkeys(wanted):
            for department in departments:
                _invitation, new = Invitation.objects.get_or_create(
                    organisation=survey.organisation,
                    survey=survey,
                    respondent=found[code],
                    department=department,
                )
                created += new
    return created, []


@dataclass(frozen=True)
class Rate:
    """Response rate of one department (Table 1's figures): invited, started (saved at least
    once), submitted, and the share submitted with its Wilson interval."""

    department: str
    label: Text
    invited: int
    started: int
    submitted: int
    interval: Any


def response_rates(survey: Any) -> list[Rate]:
    instrument = instrument_of(survey)
    rates = []
    invitations = list(survey.invitations.select_related("answer"))
    for department, label in instrument.departments.items():
        mine = [i for i in invitations if i.department == department]
        answers = [getattr(i, "answer", None) for i in mine]
        started = sum(a is not None for a in answers)
        submitted = sum(a is not None and a.submitted_at is not None for a in answers)
        rates.append(
            Rate(department, label, len(mine), started, submitted, wilson(submitted, len(mine)))
        )
    return rates


def responses(survey: Any) -> list[Response]:
    """The answers imported from files, then the submitted answers, as core responses
    (respondent "import:ID" or "CODE:department"; the organisation's kind as an attribute)."""
    from dxtalent.core.surveys import check_answer
    from dxtalent.web.surveys.models import Answer

    instrument = instrument_of(survey)
    found = []
    submitted = Answer.objects.filter(
        invitation__survey=survey, submitted_at__isnull=False
    ).select_related("invitation__respondent")
    for imported in survey.imported.all():
        found.append(
            Response(
                f"import:{imported.respondent}",
                imported.department or None,
                {
                    question.code: check_answer(question, imported.answers[question.code])
                    for question in instrument.questions
                    if question.code in imported.answers
                },
                {"source": imported.source},
            )
        )
    for answer in submitted.order_by("invitation__respondent__code", "invitation__department"):
        invitation = answer.invitation
        values: dict[str, Any] = {}
        for question in instrument.questions:
            if question.code in answer.answers:
                values[question.code] = check_answer(question, answer.answers[question.code])
        found.append(
            Response(
                f"{invitation.respondent.code}:{invitation.department}",
                invitation.department,
                values,
                {"kind": str(invitation.respondent.kind or "")},
            )
        )
    return found


def read_answers(
    instrument: Instrument, department: str, data: Any, final: bool
) -> tuple[dict[str, Any], dict[str, str]]:
    """The answers in a posted form (`data`, a QueryDict; field names are question codes) to
    the questions asked of `department`, and an error per question whose answer is not
    accepted (or, when `final`, that was asked and left unanswered), in the reader's language:
    core.surveys.answers.read_submission reads them."""
    from django.utils.translation import gettext

    from dxtalent.core.surveys.answers import read_submission

    given: dict[str, Any] = {
        question.code: data.getlist(question.code)
        if question.kind == QuestionKind.MULTIPLE
        else data.get(question.code, "")
        for question in instrument.questions
    }
    submission = read_submission(instrument, department, given, final)
    errors = {error.field: error.reason.render(gettext) for error in submission.errors}
    return dict(submission.answers), errors


@dataclass(frozen=True)
class ResultCell:
    count: int
    base: int
    share: float | None
    low: float | None
    high: float | None

    @classmethod
    def of(cls, count: int, base: int) -> ResultCell:
        """count of base with its Wilson interval (no interval for a base of 0)."""
        interval = wilson(count, base)
        if interval is None:
            return cls(count, base, None, None, None)
        return cls(count, base, interval.estimate, interval.low, interval.high)


@dataclass(frozen=True)
class ResultRow:
    """An option's cells by group; with two groups, the difference of their shares (first
    minus second) with Newcombe's interval, the test used and the Holm-adjusted p-value."""

    label: str
    cells: list[ResultCell]
    p_adjusted: float | None
    test: str | None
    difference: Any = None


@dataclass(frozen=True)
class QuestionResult:
    code: str
    text: str
    groups: list[str]
    bases: list[int]
    rows: list[ResultRow]

    @property
    def answered(self) -> bool:
        return any(self.bases)


def results(survey: Any, language: str) -> list[QuestionResult]:
    """Each choice question's table by department (the departments asked side by side, as in
    the paper's Tables 4 and 5, 8 and 9), with Wilson intervals; where two departments were
    asked, each option compared between them (Holm across the question's options)."""
    from django.utils.translation import gettext as _

    from dxtalent.core.surveys import compare_groups, tabulate

    instrument = instrument_of(survey)
    answered = responses(survey)
    tables = tabulate(instrument, answered, by="department")
    everyone = tabulate(instrument, answered) if not instrument.departments else []
    found = []
    for question in instrument.questions:
        if question.kind not in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            continue
        groups: list[str | None] = [
            code
            for code in instrument.departments
            if not question.departments or code in question.departments
        ]
        mine: dict[str | None, Any] = {t.group: t for t in tables if t.question == question.code}
        if not instrument.departments:  # e.g. imported from a file: everyone together
            groups = [None]
            mine = {None: next(t for t in everyone if t.question == question.code)}
        comparisons = None
        present = [g for g in groups if g in mine and mine[g].base]
        if len(present) == 2:
            comparisons = compare_groups(tables, question.code, present[0], present[1])
        rows = []
        for index, option in enumerate(question.options):
            cells = []
            for group in groups:
                table = mine.get(group)
                if table is None:
                    cells.append(ResultCell.of(0, 0))
                    continue
                row = table.rows[index]
                cells.append(ResultCell.of(row.count, row.base))
            comparison = comparisons[index] if comparisons else None
            rows.append(
                ResultRow(
                    option.label.get(language),
                    cells,
                    comparison.p_adjusted if comparison else None,
                    comparison.test if comparison else None,
                    comparison.difference if comparison else None,
                )
            )
        found.append(
            QuestionResult(
                question.code,
                question.text.get(language),
                [
                    instrument.departments[g].get(language)
                    if g is not None
                    else _("All respondents")
                    for g in groups
                ],
                [mine[g].base if g in mine else 0 for g in groups],
                rows,
            )
        )
    return found


def results_xlsx(survey: Any, language: str) -> bytes:
    """Every question's table: one row per option and department, with the interval and the
    adjusted p-value of the comparison between departments."""
    from django.utils.translation import gettext as _

    rows = []
    for result in results(survey, language):
        for row in result.rows:
            for group, cell in zip(result.groups, row.cells, strict=True):
                rows.append(
                    [
                        result.code,
                        result.text,
                        row.label,
                        group,
                        cell.count,
                        cell.base,
                        None if cell.share is None else round(100 * cell.share, 1),
                        None if cell.low is None else round(100 * cell.low, 1),
                        None if cell.high is None else round(100 * cell.high, 1),
                        row.p_adjusted,
                    ]
                )
    rates = [
        [
            rate.label.get(language),
            rate.invited,
            rate.started,
            rate.submitted,
            None if rate.interval is None else round(100 * rate.interval.estimate, 1),
        ]
        for rate in response_rates(survey)
    ]
    return write_xlsx(
        [
            Sheet(
                title=_("Response rates")[:31],
                columns=[
                    _("Department"),
                    _("Invited"),
                    _("Started"),
                    _("Submitted"),
                    _("Response rate (%)"),
                ],
                rows=rates,
            ),
            Sheet(
                title=_("Results")[:31],
                columns=[
                    _("Question"),
                    _("Question text"),
                    _("Option"),
                    _("Department"),
                    _("Count"),
                    _("Base"),
                    _("Share (%)"),
                    _("95% interval, low (%)"),
                    _("95% interval, high (%)"),
                    _("p (Holm), departments compared"),
                ],
                rows=rows,
            ),
        ]
    )


def form_questions(
    instrument: Instrument,
    department: str,
    saved: dict[str, Any],
    posted: Any,
    errors: dict[str, str],
) -> list[dict[str, Any]]:
    """The questions asked of `department`, each with its options, the value to show (what
    was posted, else what was saved), its error and its routing condition."""
    from django.utils.translation import get_language

    language = "en" if (get_language() or "ja").startswith("en") else "ja"
    found = []
    for question in instrument.questions:
        if question.departments and department not in question.departments:
            continue
        if posted is not None:
            value: Any = (
                posted.getlist(question.code)
                if question.kind == QuestionKind.MULTIPLE
                else posted.get(question.code, "")
            )
        else:
            value = saved.get(question.code, [] if question.kind == QuestionKind.MULTIPLE else "")
        chosen = set(value) if isinstance(value, list) else {str(value)}
        found.append(
            {
                "code": question.code,
                "text": question.text.get(language),
                "kind": question.kind.value,
                "options": [
                    {"code": o.code, "label": o.label.get(language), "checked": o.code in chosen}
                    for o in question.options
                ],
                "value": "" if isinstance(value, list) else value,
                "scale": range(question.scale[0], question.scale[1] + 1)
                if question.scale
                else None,
                "error": errors.get(question.code),
                "condition": question.condition,
                "exclusive": question.exclusive,
            }
        )
    return found


def results_json(survey: Any, language: str) -> dict[str, Any]:
    """The survey's response rates and results, JSON-ready (CLI --json and the API)."""
    return {
        "survey": survey.pk,
        "title": survey.title,
        "status": survey.status,
        "response_rates": [
            {
                "department": rate.department,
                "label": rate.label.get(language),
                "invited": rate.invited,
                "started": rate.started,
                "submitted": rate.submitted,
                "rate": rate.interval.estimate if rate.interval else None,
                "low": rate.interval.low if rate.interval else None,
                "high": rate.interval.high if rate.interval else None,
            }
            for rate in response_rates(survey)
        ],
        "questions": [
            {
                "question": result.code,
                "text": result.text,
                "groups": [
                    {"department": group, "base": base}
                    for group, base in zip(result.groups, result.bases, strict=True)
                ],
                "options": [
                    {
                        "label": row.label,
                        "cells": [cell.__dict__ for cell in row.cells],
                        "p_holm": row.p_adjusted,
                        "test": row.test,
                        "difference": row.difference.__dict__ if row.difference else None,
                    }
                    for row in result.rows
                ],
            }
            for result in results(survey, language)
        ],
    }


def import_survey(
    owner: Any, user: Any, data: bytes, filename: str, format: str | None = None
) -> Any:
    """A closed survey made from another tool's export: its questions from the file, each
    respondent's answers imported. Raises TabularError (nothing written) for a file that
    cannot be read or breaks the rules."""
    from django.db import transaction

    from dxtalent.core.surveys import instrument_to_dict
    from dxtalent.core.surveys.imports import read_survey_file
    from dxtalent.web.surveys.models import ImportedAnswer, Survey

    data_set = read_survey_file(data, filename, format)
    instrument = data_set.instrument(code=filename[:50])
    with transaction.atomic():
        survey = Survey.objects.create(
            organisation=owner,
            title=filename[:200],
            instrument=instrument_to_dict(instrument),
            status=Survey.Status.CLOSED,
            created_by=user if getattr(user, "is_authenticated", False) else None,
        )
        ImportedAnswer.objects.bulk_create(
            ImportedAnswer(
                survey=survey,
                respondent=respondent[:200],
                answers={
                    code: sorted(value) if isinstance(value, frozenset) else value
                    for code, value in row.items()
                    if value is not None
                },
                source=f"{data_set.format}: {filename}"[:200],
            )
            for respondent, row in zip(data_set.respondents, data_set.rows, strict=True)
        )
    return survey


@dataclass(frozen=True)
class OneAgainstRest:
    """One respondent's answer to a question beside everyone else's: per option whether they
    chose it, and the others' count, base and share with its Wilson interval."""

    code: str
    text: str
    rows: list[tuple[str, bool, ResultCell]]


def one_against_rest(survey: Any, respondent: str, language: str) -> list[OneAgainstRest]:
    """For `respondent` ("CODE:department" as in responses()), each choice question they
    answered, compared with the other respondents of the same department who answered it."""
    from dxtalent.core.surveys import asked, tabulate

    instrument = instrument_of(survey)
    everyone = responses(survey)
    mine = next((r for r in everyone if r.respondent == respondent), None)
    if mine is None:
        raise KeyError(respondent)
    others = [r for r in everyone if r.respondent != respondent and r.department == mine.department]
    tables = {t.question: t for t in tabulate(instrument, others)}
    found = []
    for question in instrument.questions:
        if question.kind not in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            continue
        if not asked(instrument, question, mine) or question.code not in mine.answers:
            continue
        given = mine.answers[question.code]
        chosen = given if isinstance(given, frozenset) else frozenset({str(given)})
        table = tables[question.code]
        rows = []
        for option, row in zip(question.options, table.rows, strict=True):
            rows.append(
                (
                    option.label.get(language),
                    option.code in chosen,
                    ResultCell.of(row.count, row.base),
                )
            )
        found.append(OneAgainstRest(question.code, question.text.get(language), rows))
    return found


def read_mapping(
    text: str, columns: Sequence[str], instrument: Instrument
) -> tuple[dict[str, str], list[str]]:
    """A column mapping from lines "column = question code" (blank lines ignored); columns
    named like a question code map to it unless a line says otherwise. (mapping, errors)."""
    codes = {q.code for q in instrument.questions}
    mapping = {column: column for column in columns if column in codes}
    errors = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        column, sep, code = line.partition("=")
        column, code = column.strip(), code.strip()
        if not sep or column not in columns or code not in codes:
            errors.append(
                f'mapping line {number}: "{line.strip()}"; "column = question code" with a column '
                f"of the file ({', '.join(columns)}) and a question ({', '.join(sorted(codes))})"
            )
            continue
        mapping[column] = code
    return mapping, errors


def import_answers(
    survey: Any,
    data: bytes,
    filename: str,
    mapping_text: str = "",
    respondent_column: str = "respondent",
    department_column: str = "department",
) -> int:
    """Answers from a CSV or Excel file into `survey`: one row per respondent; the columns
    mapped to questions (read_mapping) hold an option code (single choice), option codes
    separated by ";", "," or spaces (multiple choice; "NONE"… as the survey's options say), a
    number or a text. Raises TableFormatError or TableValidationError naming each row,
    column and value (nothing is written from a rejected file); the number of respondents."""
    from django.db import transaction

    from dxtalent.core.surveys.answers import AnswerError, answer_from_text
    from dxtalent.core.tabular import CellError, Message, TableValidationError, read_table
    from dxtalent.web.surveys.models import ImportedAnswer

    instrument = instrument_of(survey)
    table = read_table(data, filename)
    mapping, mapping_errors = read_mapping(mapping_text, table.columns, instrument)
    errors: list[CellError] = [
        CellError.rejected(table.header_row, "mapping", "", Message(text))
        for text in mapping_errors
    ]
    if not mapping:
        errors.append(
            CellError.rejected(
                table.header_row,
                "",
                ", ".join(table.columns),
                Message("no column is mapped to a question of the survey"),
            )
        )
    departments = set(instrument.departments)
    records = []
    for row in table.rows:
        answers: dict[str, Any] = {}
        department = row.values.get(department_column, "").strip()
        if department and department not in departments:
            errors.append(
                CellError.rejected(
                    row.number,
                    department_column,
                    department,
                    Message('"{value}" is not a department of the survey', {"value": department}),
                    Message("one of {accepted}", {"accepted": ", ".join(departments) or "(none)"}),
                )
            )
        for column, code in mapping.items():
            text = row.values.get(column, "").strip()
            if text == "":
                continue
            try:
                checked = answer_from_text(instrument.question(code), text)
            except AnswerError as error:
                errors.append(CellError.rejected(row.number, column, text, error.reason))
                continue
            answers[code] = sorted(checked) if isinstance(checked, frozenset) else checked
        respondent = row.values.get(respondent_column, "").strip() or f"row {row.number}"
        records.append(
            ImportedAnswer(
                survey=survey,
                respondent=respondent[:200],
                department=department,
                answers=answers,
                source=filename[:200],
            )
        )
    if errors:
        raise TableValidationError(errors)
    with transaction.atomic():
        ImportedAnswer.objects.bulk_create(records)
    return len(records)


def chart_data(found: Sequence[QuestionResult]) -> list[dict[str, Any]]:
    """Per question, per group, each option's share with its interval as error bars."""
    charts = []
    for result in found:
        if not result.answered:
            continue
        traces = []
        for g, group in enumerate(result.groups):
            cells = [row.cells[g] for row in result.rows]
            traces.append(
                {
                    "name": f"{group} (n={result.bases[g]})",
                    "labels": [row.label for row in result.rows],
                    "share": [c.share for c in cells],
                    "minus": [None if c.share is None else c.share - (c.low or 0) for c in cells],
                    "plus": [None if c.share is None else (c.high or 0) - c.share for c in cells],
                }
            )
        charts.append({"code": result.code, "traces": traces})
    return charts


@dataclass(frozen=True)
class PairedQuestions:
    """Two questions asked of different departments that share options (as the paper's
    Tables 4 and 5, 8 and 9), side by side on the shared options."""

    first: QuestionResult
    second: QuestionResult
    rows: list[tuple[str, ResultCell, ResultCell, Any]]  # label, first, second, Comparison


def paired(survey: Any, found: Sequence[QuestionResult], language: str) -> list[PairedQuestions]:
    """Pairs of single-department questions with at least two options in common (the
    "none of these" option aside): each shared option's share in both departments, the
    difference with Newcombe's interval and the test, Holm-adjusted across the shared
    options."""
    from dxtalent.core.surveys import compare_options

    instrument = instrument_of(survey)
    by_code = {result.code: result for result in found}
    questions = [
        q
        for q in instrument.questions
        if q.code in by_code and len(q.departments) == 1 and by_code[q.code].answered
    ]
    pairs = []
    used: set[str] = set()
    for i, one in enumerate(questions):
        for two in questions[i + 1 :]:
            if one.code in used or two.code in used or one.departments == two.departments:
                continue
            shared = [
                code
                for code in one.option_codes()
                if code in two.option_codes() and code not in (one.exclusive, two.exclusive)
            ]
            if len(shared) < 2:
                continue
            first, second = by_code[one.code], by_code[two.code]
            cells_one = {o: first.rows[k].cells[0] for k, o in enumerate(one.option_codes())}
            cells_two = {o: second.rows[k].cells[0] for k, o in enumerate(two.option_codes())}
            comparisons = compare_options(
                [cells_one[c].count for c in shared],
                cells_one[shared[0]].base,
                [cells_two[c].count for c in shared],
                cells_two[shared[0]].base,
            )
            labels = {o.code: o.label.get(language) for o in one.options}
            pairs.append(
                PairedQuestions(
                    first,
                    second,
                    [
                        (labels[code], cells_one[code], cells_two[code], comparison)
                        for code, comparison in zip(shared, comparisons, strict=True)
                    ],
                )
            )
            used.update({one.code, two.code})
    return pairs
