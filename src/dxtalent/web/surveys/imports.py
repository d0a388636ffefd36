"""Survey imports: a whole survey from another tool's export, or answers into a survey."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_noop

from dxtalent.core.surveys import Instrument
from dxtalent.web.surveys.services import instrument_of

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def import_survey(
    owner: Any,
    user: User,
    data: bytes,
    filename: str,
    format: str | None = None,
    structure: bytes | None = None,
    structure_name: str = "",
) -> Any:
    """A closed survey made from another tool's export: its questions from the file, each
    respondent's answers imported. Raises TabularError (nothing written) for a file that
    cannot be read or breaks the rules."""
    from django.db import transaction

    from dxtalent.core.surveys import instrument_to_dict
    from dxtalent.core.surveys.imports import read_survey_file
    from dxtalent.web.surveys.models import ImportedAnswer, Survey

    data_set = read_survey_file(data, filename, format, structure, structure_name)
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
        _audit_answers(survey, filename, len(data_set.rows))
    return survey


def _audit_answers(survey: Any, filename: str, count: int) -> None:
    """One event in the owner's trail for the answers a file brought (bulk_create writes
    them without the per-row signal)."""
    from dxtalent.web.audit.signals import record_bulk
    from dxtalent.web.surveys.models import ImportedAnswer

    record_bulk(
        survey.organisation,
        ImportedAnswer,
        "create",
        f"survey {survey.pk}",
        f"{survey}: {filename} ({count} respondents)",
        {"file": [None, filename], "answers": [None, count]},
    )


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
    from dxtalent.core.tabular import (
        CellError,
        ErrorList,
        Message,
        TableValidationError,
        read_table,
    )
    from dxtalent.web.surveys.models import ImportedAnswer

    instrument = instrument_of(survey)
    table = read_table(data, filename)
    mapping, mapping_errors = read_mapping(mapping_text, table.columns, instrument)
    errors = ErrorList(
        CellError.rejected(table.header_row, "mapping", "", Message(text))
        for text in mapping_errors
    )
    if not mapping:
        errors.append(
            CellError.rejected(
                table.header_row,
                "",
                ", ".join(table.columns),
                Message(gettext_noop("no column is mapped to a question of the survey")),
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
                    Message(
                        gettext_noop('"{value}" is not a department of the survey'),
                        {"value": department},
                    ),
                    Message(
                        gettext_noop("one of {accepted}"),
                        {"accepted": ", ".join(departments) or "–"},
                    ),
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
        _audit_answers(survey, filename, len(records))
    return len(records)
