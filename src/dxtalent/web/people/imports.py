"""Imports of staff, candidates and assessments from CSV or Excel, and their templates.

A file is read and validated whole (core.tabular collects every row's error); if any row is
wrong nothing is written and every error is reported with its row, column and value. A good
file is written in one transaction, with one audit event naming the file and the counts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from dxtalent.core.assessments import RatingSource
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
    Column,
    ErrorList,
    TableValidationError,
    boolean,
    choice,
    date,
    decimal,
    integer,
    kana,
    read_table,
    template_csv,
    template_xlsx,
    text,
    validate,
)
from dxtalent.core.tabular.messages import VALIDATION_MORE, Message
from dxtalent.web.audit.actor import current_actor
from dxtalent.web.audit.models import AuditEvent
from dxtalent.web.bulk import insert_rows
from dxtalent.web.organisations.models import Organisation
from dxtalent.web.people.models import (
    Department,
    EmploymentType,
    Framework,
    Person,
    Post,
    Rating,
    Skill,
)

EMPLOYMENT = choice(
    {
        "regular": EmploymentType.REGULAR.value,
        "正規": EmploymentType.REGULAR.value,
        "正規職員": EmploymentType.REGULAR.value,
        "fixed_term": EmploymentType.FIXED_TERM.value,
        "任期付": EmploymentType.FIXED_TERM.value,
        "任期付職員": EmploymentType.FIXED_TERM.value,
        "fixed_term_part_time": EmploymentType.FIXED_TERM_PART_TIME.value,
        "会計年度任用": EmploymentType.FIXED_TERM_PART_TIME.value,
        "会計年度任用職員": EmploymentType.FIXED_TERM_PART_TIME.value,
        "corporate_secondee": EmploymentType.CORPORATE_SECONDEE.value,
        "地域活性化起業人": EmploymentType.CORPORATE_SECONDEE.value,
        "出向": EmploymentType.CORPORATE_SECONDEE.value,
        "side_job": EmploymentType.SIDE_JOB.value,
        "副業": EmploymentType.SIDE_JOB.value,
        "兼業": EmploymentType.SIDE_JOB.value,
        "dispatched": EmploymentType.DISPATCHED.value,
        "派遣": EmploymentType.DISPATCHED.value,
        "adviser": EmploymentType.ADVISER.value,
        "アドバイザー": EmploymentType.ADVISER.value,
    }
)
ORIGIN = choice(
    {
        "in_house": "in_house",
        "内部": "in_house",
        "生え抜き": "in_house",
        "external": "external",
        "外部": "external",
        "中途": "external",
    }
)
SOURCE = choice(
    {
        "self": RatingSource.SELF.value,
        "自己": RatingSource.SELF.value,
        "自己評価": RatingSource.SELF.value,
        "manager": RatingSource.MANAGER.value,
        "上司": RatingSource.MANAGER.value,
        "上司評価": RatingSource.MANAGER.value,
        "verified": RatingSource.VERIFIED.value,
        "検証済み": RatingSource.VERIFIED.value,
        "training": RatingSource.TRAINING.value,
        "研修": RatingSource.TRAINING.value,
    }
)

PERSON_COLUMNS: tuple[Column, ...] = (
    Column(
        "number",
        aliases=("職員番号", "番号"),
        required=True,
        parse=text(64),
        help=gettext_noop('your staff or candidate number, e.g. "S001"'),
    ),
    Column(
        "family_name",
        aliases=("姓", "氏"),
        required=True,
        parse=text(100),
        help=gettext_noop("the family name"),
    ),
    Column(
        "given_name",
        aliases=("名",),
        required=False,
        parse=text(100),
        help=gettext_noop("the given name"),
    ),
    Column(
        "family_name_kana",
        aliases=("姓（カナ）", "セイ"),
        required=False,
        parse=kana(100),
        help=gettext_noop("the reading of the family name in katakana or hiragana, e.g. サトウ"),
    ),
    Column(
        "given_name_kana",
        aliases=("名（カナ）", "メイ"),
        required=False,
        parse=kana(100),
        help=gettext_noop("the reading of the given name in katakana or hiragana, e.g. ハナコ"),
    ),
    Column(
        "email",
        aliases=("メール", "メールアドレス"),
        required=False,
        parse=text(254),
        help=gettext_noop("an email address"),
    ),
    Column(
        "employment_type",
        aliases=("雇用形態",),
        required=False,
        parse=EMPLOYMENT,
        help=gettext_noop(
            "regular, fixed_term, fixed_term_part_time, corporate_secondee, side_job, dispatched or adviser (or 正規, 任期付, 会計年度任用, 地域活性化起業人, 副業, 派遣, アドバイザー)"
        ),
    ),
    Column(
        "origin",
        aliases=("採用区分",),
        required=False,
        parse=ORIGIN,
        help=gettext_noop("in_house or external (内部 or 外部)"),
    ),
    Column(
        "it_years",
        aliases=("IT企業経験年数",),
        required=False,
        parse=decimal(Decimal(0), Decimal(60)),
        help=gettext_noop("years in IT companies, 0 to 60"),
    ),
)
STAFF_COLUMNS: tuple[Column, ...] = (
    *PERSON_COLUMNS,
    Column(
        "department_code",
        aliases=("部署コード",),
        required=False,
        parse=text(32),
        help=gettext_noop("the code of one of your departments"),
    ),
    Column(
        "post_title",
        aliases=("職名",),
        required=False,
        parse=text(200),
        help=gettext_noop("the post title"),
    ),
    Column(
        "post_start",
        aliases=("配属日",),
        required=False,
        parse=date(),
        help=gettext_noop("the first day in the post, e.g. 2024-04-01 or 令和6年4月1日"),
    ),
    Column(
        "specialist_post",
        aliases=("専門職",),
        required=False,
        parse=boolean(),
        help=gettext_noop("yes or no: a specialist post exempt from rotation"),
    ),
    Column(
        "contract_end",
        aliases=("任期満了日",),
        required=False,
        parse=date(),
        help=gettext_noop(
            "the last day of the term: needed for fixed_term, fixed_term_part_time and "
            "corporate_secondee staff"
        ),
    ),
    # The window's range and order are core.people's rotation rule, checked after reading.
    Column(
        "rotation_min_years",
        aliases=("異動最短年数",),
        required=False,
        parse=integer(),
        help=gettext_noop(
            "years in post before rotation at the earliest, 1 to 40, with rotation_max_years"
        ),
    ),
    Column(
        "rotation_max_years",
        aliases=("異動最長年数",),
        required=False,
        parse=integer(),
        help=gettext_noop(
            "years in post before rotation at the latest, 1 to 40, at least rotation_min_years"
        ),
    ),
)
CANDIDATE_COLUMNS: tuple[Column, ...] = (
    *PERSON_COLUMNS,
    Column(
        "source_programme",
        aliases=("出身プログラム", "登録元"),
        required=False,
        parse=text(200),
        help=gettext_noop("where the candidate comes from, e.g. 外部人材リスト"),
    ),
    Column(
        "expected_yearly_cost",
        aliases=("想定年間費用",),
        required=False,
        parse=integer(0, 100_000_000),
        help=gettext_noop("yen a year, e.g. 9000000"),
    ),
)
ASSESSMENT_COLUMNS: tuple[Column, ...] = (
    Column(
        "number",
        aliases=("職員番号", "番号"),
        required=True,
        parse=text(64),
        help=gettext_noop("the number of a person already in dxtalent"),
    ),
    Column(
        "framework",
        aliases=("フレームワーク",),
        required=True,
        parse=text(64),
        help=gettext_noop("a framework code"),
    ),
    Column(
        "skill",
        aliases=("スキル", "スキルコード"),
        required=True,
        parse=text(32),
        help=gettext_noop("a skill code of that framework"),
    ),
    # The scale is core.people's level rule, checked after reading.
    Column(
        "level",
        aliases=("レベル",),
        required=True,
        parse=integer(),
        help=gettext_noop("a level from 0 to 4"),
    ),
    Column(
        "source",
        aliases=("評価者", "評価区分"),
        required=True,
        parse=SOURCE,
        help=gettext_noop("self, manager, verified or training (自己, 上司, 検証済み, 研修)"),
    ),
    Column(
        "rated_on",
        aliases=("評価日",),
        required=True,
        parse=date(),
        help=gettext_noop("the date of the rating, e.g. 2025-04-01"),
    ),
    Column(
        "evidence",
        aliases=("根拠", "備考"),
        required=False,
        parse=text(2000),
        help=gettext_noop("evidence or a comment"),
    ),
)

EXAMPLES: dict[str, list[dict[str, str]]] = {
    "staff": [
        {
            "number": "S001",
            "family_name": "佐藤",
            "given_name": "花子",
            "family_name_kana": "サトウ",
            "given_name_kana": "ハナコ",
            "employment_type": "正規",
            "origin": "内部",
            "it_years": "0",
            "department_code": "DX",
            "post_title": "主査",
            "post_start": "2024-04-01",
            "specialist_post": "いいえ",
        }
    ],
    "candidates": [
        {
            "number": "C001",
            "family_name": "高橋",
            "given_name": "健",
            "family_name_kana": "タカハシ",
            "given_name_kana": "ケン",
            "employment_type": "任期付",
            "origin": "外部",
            "it_years": "12",
            "source_programme": "外部人材リスト",
            "expected_yearly_cost": "9000000",
        }
    ],
    "assessments": [
        {
            "number": "S001",
            "framework": "NAKAGAWA-2025-COORDINATION",
            "skill": "CO-COMM",
            "level": "2",
            "source": "上司",
            "rated_on": "2025-04-01",
            "evidence": "庁内調整会議を主導",
        }
    ],
}
COLUMNS = {
    "staff": STAFF_COLUMNS,
    "candidates": CANDIDATE_COLUMNS,
    "assessments": ASSESSMENT_COLUMNS,
}


# The columns an imported rating fills, in the order of the tuples built for insert_rows.
RATING_COLUMNS = (
    "organisation_id",
    "person_id",
    "skill_id",
    "level",
    "source",
    "rated_on",
    "evidence",
    "rated_by_id",
    "created_at",
)


# A person's kind as an import's message names it (translated when the message is shown).
KIND_NAMES = {
    "staff": Message(gettext_noop("staff member")),
    "candidate": Message(gettext_noop("candidate")),
}


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


def template(kind: str, fmt: str) -> bytes:
    """A template to fill in: the headers, one example row and (xlsx) a help sheet."""
    columns = COLUMNS[kind]
    examples = EXAMPLES[kind]
    return template_xlsx(columns, examples) if fmt == "xlsx" else template_csv(columns, examples)


def _read(
    kind: str, data: bytes, filename: str
) -> tuple[list[dict[str, Any]], ErrorList, Callable[[str], str]]:
    """The rows that passed the column checks, the errors of the others, and how the file
    names each column (schema name → header); the caller checks the good rows against the
    record rules and the organisation's data and reports everything together."""
    table = read_table(data, filename)
    checked = validate(table, COLUMNS[kind])
    records = [
        {**record, "_row": row}
        for record, row in zip(checked.records, checked.row_numbers, strict=True)
    ]
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
    records, errors, header_of = _read(kind, data, filename)
    handler: Callable[..., ImportResult] = {
        "staff": _import_people,
        "candidates": _import_people,
        "assessments": _import_assessments,
    }[kind]
    with transaction.atomic():
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
    frameworks = {
        f.code: f.pk
        for f in Framework.objects.filter(
            Q(organisation__isnull=True) | Q(organisation=organisation)
        ).order_by("organisation_id")
    }
    skills = {
        (framework_id, code): pk
        for pk, framework_id, code in Skill.objects.filter(
            framework_id__in=frameworks.values()
        ).values_list("pk", "framework_id", "code")
    }
    # Adapted once for the database, not once per row.
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    rated_by_id = rated_by.pk if rated_by is not None else None
    ratings: list[tuple[Any, ...]] = []
    for record in records:
        row = record["_row"]
        try:
            check_rating_level(record["level"])
        except LevelOutOfScaleError as error:
            errors.append(_broken_rule(row, header_of, error))
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
        framework = frameworks.get(record["framework"])
        if framework is None:
            errors.append(
                _problem(
                    row,
                    header_of("framework"),
                    record["framework"],
                    gettext_noop('"{value}" is not a framework here; accepted: {accepted}'),
                    accepted=", ".join(sorted(frameworks)),
                )
            )
            continue
        skill = skills.get((framework, record["skill"]))
        if skill is None:
            example = next((code for (fw, code) in skills if fw == framework), "")
            errors.append(
                _problem(
                    row,
                    header_of("skill"),
                    record["skill"],
                    gettext_noop('"{value}" is not a skill code of {framework} (e.g. "{example}")'),
                    framework=record["framework"],
                    example=example,
                )
            )
            continue
        if person is not None:
            ratings.append(
                (
                    organisation.pk,
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
