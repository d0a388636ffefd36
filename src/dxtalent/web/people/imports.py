"""Imports of staff, candidates and assessments from CSV or Excel, and their templates.

A file is read and validated whole (core.tabular collects every row's error); if any row is
wrong nothing is written and every error is reported with its row, column and value. A good
file is written in one transaction, with one audit event naming the file and the counts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import get_language, gettext, gettext_noop

from dxtalent.core.people import (
    LevelOutOfScaleError,
    PersonFields,
    check_rating_level,
    person_errors,
)
from dxtalent.core.records import RecordRuleError
from dxtalent.core.tabular import (
    MAX_LISTED_ERRORS,
    CellError,
    ErrorList,
    TableValidationError,
    read_table,
    spelling_key,
    template_file,
    validate,
)
from dxtalent.core.tabular.messages import VALIDATION_MORE, Message, quoted_list
from dxtalent.web.audit.actor import current_actor
from dxtalent.web.audit.models import AuditEvent
from dxtalent.web.bulk import cycle_collection_paused, insert_rows, page_cache_enlarged
from dxtalent.web.organisations.models import Organisation
from dxtalent.web.people.import_columns import COLUMNS, EXAMPLES, RATING_COLUMNS
from dxtalent.web.people.models import (
    Department,
    EmploymentType,
    Framework,
    Person,
    Post,
    Rating,
    Skill,
)

# Also read from here: the templates' columns (COLUMNS) and the bench's (RATING_COLUMNS).
__all__ = [
    "COLUMNS",
    "RATING_COLUMNS",
    "ImportRejectedError",
    "ImportResult",
    "import_file",
    "rejected_errors",
    "template",
]


# A person's kind as an import's message names it (translated when the message is shown).
KIND_NAMES = {
    "staff": Message(gettext_noop("staff member")),
    "candidate": Message(gettext_noop("candidate")),
}


def english() -> bool:
    """Whether the reader reads English (the names an error quotes follow the reader)."""
    return (get_language() or "ja").startswith("en")


def _problem(row: int, column: str, value: str, template: str, **params: object) -> CellError:
    """A check made after validation, e.g. a number unknown to the organisation: `template`
    (marked for the catalogue, with the value found as "{value}") says why and what is
    accepted; it is translated when the error is shown."""
    return CellError.rejected(row, column, value, Message(template, {"value": value, **params}))


class ImportRejectedError(ValueError):
    """A file with errors; nothing was written. errors: the first problems found (at most
    MAX_LISTED_ERRORS), by row; total: how many were found in all."""

    def __init__(self, errors: Sequence[CellError], total: int | None = None) -> None:
        self.errors = list(errors)
        self.total = max(total or 0, len(self.errors))
        lines = [str(e) for e in self.errors[:MAX_LISTED_ERRORS]]
        if self.total > len(lines):
            lines.append(str(Message(VALIDATION_MORE, {"more": self.total - len(lines)})))
        super().__init__("\n".join(lines))


@dataclass(frozen=True)
class ImportResult:
    kind: str
    created: int
    updated: int
    rows: int


def template(kind: str, fmt: str, language: str) -> bytes:
    """A template to fill in: the headers in the reader's language, one example row and
    (xlsx) a help sheet. The example rating names its framework and skill as the pages do."""
    examples = EXAMPLES[kind]
    if kind == "assessments":
        examples = [_named(example, language) for example in examples]
    return template_file(COLUMNS[kind], examples, fmt, language)


def _named(example: dict[str, str], language: str) -> dict[str, str]:
    """The example rating with its shipped framework and skill by name in `language` (codes
    where the framework is not in the database)."""
    framework = Framework.objects.filter(code=example["framework"], organisation=None).first()
    skill = framework and framework.skills.filter(code=example["skill"]).first()
    if framework is None or skill is None:
        return example
    english = language.startswith("en")
    return example | {
        "framework": framework.name_en if english and framework.name_en else framework.name_ja,
        "skill": skill.name_en if english and skill.name_en else skill.name_ja,
    }


def _read(
    kind: str, data: bytes, filename: str
) -> tuple[list[dict[str, Any]], ErrorList, Callable[[str], str]]:
    """The rows that passed the column checks, the errors of the others, and how the file
    names each column (schema name → header); the caller checks the good rows against the
    record rules and the organisation's data and reports everything together."""
    checked = validate(read_table(data, filename), COLUMNS[kind])
    # Each record is validate's own new dict: the row number is added in place, not copied
    # into a third dict per row.
    records: list[dict[str, Any]] = list(checked.records)
    for record, row in zip(records, checked.row_numbers, strict=True):
        record["_row"] = row
    return records, checked.error_list(), checked.header_of


def _broken_rule(row: int, header_of: Callable[[str], str], error: RecordRuleError) -> CellError:
    """A record rule's error as the cell error of its row, in the column the file names it by
    (core.records: the same reason the form and the API give)."""
    return CellError.rejected(row, header_of(error.field), error.value, error.reason)


def _audit(organisation: Organisation, kind: str, filename: str, result: ImportResult) -> None:
    actor = current_actor()
    AuditEvent.objects.create(
        organisation=organisation,
        user=actor.user,
        actor=actor.label,
        action=AuditEvent.Action.CREATE if not result.updated else AuditEvent.Action.UPDATE,
        model=f"import.{kind}",
        object_id=filename[:64],
        object_repr=gettext("{filename} ({rows} rows)").format(filename=filename, rows=result.rows)[
            :300
        ],
        changes={
            "created": [None, result.created],
            "updated": [None, result.updated],
            "rows": [None, result.rows],
        },
    )


def import_file(
    organisation: Organisation, kind: str, data: bytes, filename: str, rated_by: Any = None
) -> ImportResult:
    """Import a staff, candidates or assessments file for an organisation, all or nothing."""
    handler: Callable[..., ImportResult] = {
        "staff": _import_people,
        "candidates": _import_people,
        "assessments": _import_assessments,
    }[kind]
    with cycle_collection_paused():
        records, errors, header_of = _read(kind, data, filename)
        with page_cache_enlarged(), transaction.atomic():
            result = handler(organisation, kind, records, rated_by, errors, header_of)
            _audit(organisation, kind, filename, result)
    return result


# The fields core.people's record rules read (a candidates file has none of the last three).
_RULE_FIELDS = ("employment_type", "contract_end", "rotation_min_years", "rotation_max_years")
PERSON_FIELDS = (
    "family_name",
    "given_name",
    "family_name_kana",
    "given_name_kana",
    "email",
    "employment_type",
    "origin",
    "it_years",
)
STAFF_FIELDS = ("contract_end", "rotation_min_years", "rotation_max_years")
CANDIDATE_FIELDS = ("source_programme", "expected_yearly_cost")


def _import_people(
    organisation: Organisation,
    kind: str,
    records: list[dict[str, Any]],
    rated_by: Any,
    errors: ErrorList,
    header_of: Callable[[str], str],
) -> ImportResult:
    person_kind = "staff" if kind == "staff" else "candidate"
    departments = {d.code: d for d in Department.objects.filter(organisation=organisation)}
    existing = {p.external_id: p for p in Person.objects.filter(organisation=organisation)}
    seen: dict[str, int] = {}
    for index, record in enumerate(records):
        row = record["_row"]
        number = record["number"]
        if number in seen:
            errors.append(
                _problem(
                    row,
                    header_of("number"),
                    number,
                    gettext_noop('"{value}" is also on row {other}; each number once per file'),
                    other=seen[number],
                )
            )
        seen[number] = row
        person = existing.get(number)
        if person is not None and person.kind != person_kind:
            errors.append(
                _problem(
                    row,
                    header_of("number"),
                    number,
                    gettext_noop('"{value}" belongs to a {found}, not a {expected}'),
                    found=KIND_NAMES[person.kind],
                    expected=KIND_NAMES[person_kind],
                )
            )
        code = record.get("department_code")
        if code and code not in departments:
            accepted = ", ".join(sorted(departments)) or Message(
                gettext_noop("none yet: add departments first")
            )
            errors.append(
                _problem(
                    row,
                    header_of("department_code"),
                    code,
                    gettext_noop('"{value}" is not a department code; accepted: {accepted}'),
                    accepted=accepted,
                )
            )
        if code and not record.get("post_start"):
            errors.append(
                _problem(
                    row,
                    header_of("post_start"),
                    "",
                    gettext_noop("a start date is needed with a department code"),
                )
            )
        # The record as it will be saved: the file's values over the person's current ones.
        saved = {f: getattr(person, f) for f in _RULE_FIELDS} if person is not None else {}
        given = {f: record.get(f) for f in _RULE_FIELDS if record.get(f) not in (None, "")}
        merged = {**dict.fromkeys(_RULE_FIELDS), **saved, **given}
        fields = PersonFields(
            kind=person_kind,
            employment_type=merged["employment_type"] or EmploymentType.REGULAR.value,
            contract_end=merged["contract_end"],
            rotation_min_years=merged["rotation_min_years"],
            rotation_max_years=merged["rotation_max_years"],
        )
        errors.extend(_broken_rule(row, header_of, error) for error in person_errors(fields))
        del index
    if errors:
        raise ImportRejectedError(sorted(errors, key=lambda e: e.row), errors.total)
    names = PERSON_FIELDS + (STAFF_FIELDS if person_kind == "staff" else CANDIDATE_FIELDS)
    created = updated = 0
    for record in records:
        values = {f: record[f] for f in names if record.get(f) not in (None, "")}
        person = existing.get(record["number"])
        if person is None:
            person = Person.objects.create(
                organisation=organisation, kind=person_kind, external_id=record["number"], **values
            )
            created += 1
        elif any(getattr(person, f) != v for f, v in values.items()):
            for field, value in values.items():
                setattr(person, field, value)
            person.save()
            updated += 1
        if person_kind == "staff" and record.get("department_code"):
            _place(person, departments[record["department_code"]], record)
    return ImportResult(kind, created, updated, len(records))


def _place(person: Person, department: Department, record: dict[str, Any]) -> None:
    from dxtalent.web.people.services import move_to_post

    current = Post.objects.filter(person=person, ended_on__isnull=True).first()
    if (
        current
        and current.department_id == department.pk
        and current.started_on == record["post_start"]
    ):
        return
    move_to_post(
        person,
        Post(
            department=department,
            title=record.get("post_title") or "",
            started_on=record["post_start"],
            is_specialist=bool(record.get("specialist_post")),
        ),
    )


def _import_assessments(
    organisation: Organisation,
    kind: str,
    records: list[dict[str, Any]],
    rated_by: Any,
    errors: ErrorList,
    header_of: Callable[[str], str],
) -> ImportResult:
    from django.db.models import Q

    people = dict(Person.objects.filter(organisation=organisation).values_list("external_id", "pk"))
    # A framework and a skill by their code or by their name in either language, as the pages
    # show them; case and width do not matter (core.tabular.spelling_key).
    found = list(
        Framework.objects.filter(Q(organisation__isnull=True) | Q(organisation=organisation))
    )
    # The organisation's own frameworks last: where a spelling is shared, theirs is meant.
    found.sort(key=lambda f: f.organisation_id is not None)
    frameworks = {
        spelling_key(spelling): f.pk
        for f in found
        for spelling in (f.name_ja, f.name_en, f.code)
        if spelling
    }
    skills: dict[tuple[int, str], int] = {}
    examples: dict[int, str] = {}
    for pk, framework_id, code, name_ja, name_en in (
        Skill.objects.filter(framework_id__in=[f.pk for f in found])
        .order_by("position")
        .values_list("pk", "framework_id", "code", "name_ja", "name_en")
    ):
        for spelling in (name_ja, name_en, code):
            if spelling:
                skills[framework_id, spelling_key(spelling)] = pk
        examples.setdefault(framework_id, name_en if english() and name_en else name_ja)
    # Adapted once for the database, not once per row.
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    rated_by_id = rated_by.pk if rated_by is not None else None
    organisation_id = organisation.pk
    ratings: list[tuple[Any, ...]] = []
    # core.people's level rule, checked once per distinct level (a file has five).
    level_errors: dict[int, LevelOutOfScaleError | None] = {}
    for record in records:
        row = record["_row"]
        level = record["level"]
        if level not in level_errors:
            try:
                check_rating_level(level)
                level_errors[level] = None
            except LevelOutOfScaleError as error:
                level_errors[level] = error
        if (level_error := level_errors[level]) is not None:
            errors.append(_broken_rule(row, header_of, level_error))
        person = people.get(record["number"])
        if person is None:
            errors.append(
                _problem(
                    row,
                    header_of("number"),
                    record["number"],
                    gettext_noop(
                        '"{value}" is not the number of anyone in this organisation; import '
                        "staff or candidates first"
                    ),
                )
            )
        framework = frameworks.get(spelling_key(record["framework"]))
        if framework is None:
            errors.append(
                _problem(
                    row,
                    header_of("framework"),
                    record["framework"],
                    gettext_noop(
                        '"{value}" is not a framework here; accepted: {accepted} (by name or code)'
                    ),
                    accepted=quoted_list(
                        f.name_en if english() and f.name_en else f.name_ja for f in found
                    ),
                )
            )
            continue
        skill = skills.get((framework, spelling_key(record["skill"])))
        if skill is None:
            errors.append(
                _problem(
                    row,
                    header_of("skill"),
                    record["skill"],
                    gettext_noop(
                        '"{value}" is not a skill of {framework}; give its name or code (e.g. '
                        '"{example}")'
                    ),
                    framework=record["framework"],
                    example=examples.get(framework, ""),
                )
            )
            continue
        if person is not None:
            ratings.append(
                (
                    organisation_id,
                    person,
                    skill,
                    record["level"],
                    record["source"],
                    record["rated_on"],
                    record.get("evidence") or "",
                    rated_by_id,
                    now,
                )
            )
    if errors:
        raise ImportRejectedError(sorted(errors, key=lambda e: e.row), errors.total)
    # Ratings are only ever added; inserted as tuples, they skip the per-row audit signal, and
    # the import's own audit event records the file and the count instead.
    insert_rows(Rating, RATING_COLUMNS, ratings)
    from dxtalent.web.people.services import refresh_current_levels

    refresh_current_levels(organisation, {row[1] for row in ratings})
    return ImportResult(kind, len(ratings), 0, len(records))


def rejected_errors(error: Exception) -> list[CellError]:
    if isinstance(error, ImportRejectedError):
        return error.errors
    if isinstance(error, TableValidationError):
        return list(error.errors)
    return []
