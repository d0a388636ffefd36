"""Surveys between the database and core: load a survey, call core.surveys, save.

The Excel and JSON exports live in exports.py, the chart data in charts.py and the file
imports in imports.py."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

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

if TYPE_CHECKING:
    from django.contrib.auth.models import User


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


# ---- Running surveys -------------------------------------------------------------------


def shipped_instrument() -> dict[str, Any]:
    """The questionnaire reconstructed from the paper's Tables 2–9, as plain values."""
    from dxtalent.core.surveys import instrument_from_tables, instrument_to_dict, shipped_tables

    return instrument_to_dict(instrument_from_tables(shipped_tables()))


def instrument_of(survey: Any) -> Instrument:
    """The survey's instrument, read once per survey object (a page asks for it often)."""
    from dxtalent.core.surveys import instrument_from_dict

    cached = getattr(survey, "_instrument_cache", None)
    if cached is not None and cached[0] is survey.instrument:
        return cached[1]  # type: ignore[no-any-return]
    instrument = instrument_from_dict(survey.instrument)
    survey._instrument_cache = (survey.instrument, instrument)
    return instrument


def invitable(user: User, text: str = "") -> Any:
    """The organisations `user` may invite, as the directory shows them to that user: every
    local government, and the other organisations (research centres, demo cities) the user
    belongs to; `text` narrows them as the directory search does (name, kana or code)."""
    from dxtalent.web.organisations.views import directory_queryset

    return directory_queryset(user, text)


def invite(
    survey: Any, codes: list[str], departments: list[str], user: User | None = None
) -> tuple[int, list[str]]:
    """Invite each organisation (by code) for each department; (invitations created, errors
    naming each code not found). With `user`, only the organisations that user can see
    (invitable()) are found, so a code of an organisation hidden from them reads as unknown.
    Nothing is created when a code is wrong; an invitation that exists already is kept."""
    from django.db import transaction

    from dxtalent.web.organisations.models import Organisation
    from dxtalent.web.surveys.models import Invitation

    wanted = [code.strip() for code in codes if code.strip()]
    candidates = Organisation.objects.all() if user is None else invitable(user)
    found = {o.code: o for o in candidates.filter(code__in=wanted)}
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
    from django.db.models import Count

    instrument = instrument_of(survey)
    counted = {
        row["department"]: (row["invited"], row["started"], row["submitted"])
        for row in survey.invitations.values("department").annotate(
            invited=Count("id"), started=Count("answer"), submitted=Count("answer__submitted_at")
        )
    }
    rates = []
    for department, label in instrument.departments.items():
        invited, started, submitted = counted.get(department, (0, 0, 0))
        rates.append(
            Rate(department, label, invited, started, submitted, wilson(submitted, invited))
        )
    return rates


def answers_version(survey: Any) -> tuple[Any, ...]:
    """What changes whenever the survey's responses do: its questionnaire, and the count and
    latest save of its invitations, answers and imported answers (three aggregate queries).
    A submission saves its answer (saved_at), a new or deleted one changes a count."""
    from django.db.models import Count, Max

    from dxtalent.web.surveys.models import Answer

    answers = Answer.objects.filter(invitation__survey=survey).aggregate(
        count=Count("id"), submitted=Count("submitted_at"), saved=Max("saved_at"), last=Max("id")
    )
    invitations = survey.invitations.aggregate(count=Count("id"), last=Max("id"))
    imported = survey.imported.aggregate(count=Count("id"), last=Max("id"))
    return (
        survey.pk,
        hashlib.sha256(repr(survey.instrument).encode("utf-8")).hexdigest(),
        tuple(sorted(answers.items())),
        tuple(sorted(invitations.items())),
        tuple(sorted(imported.items())),
    )


def responses(survey: Any) -> list[Response]:
    """The answers imported from files, then the submitted answers, as core responses
    (respondent "import:ID" or "CODE:department"; the organisation's kind as an attribute).
    Kept in the process per answers_version(): reading and checking thousands of answers is
    the costliest part of the results page."""
    from dxtalent.web import versions

    return list(
        versions.kept(
            ("survey-responses", answers_version(survey)),
            lambda: tuple(_load_responses(survey)),
        )
    )


def results_of(survey: Any, language: str) -> list[QuestionResult]:
    """results() of every response, kept per answers_version() and language."""
    from dxtalent.web import versions

    return list(
        versions.kept(
            ("survey-results", answers_version(survey), language),
            lambda: tuple(results(survey, language, responses(survey))),
        )
    )


def _load_responses(survey: Any) -> list[Response]:
    from dxtalent.core.surveys import check_answer
    from dxtalent.web.surveys.models import Answer

    instrument = instrument_of(survey)
    found = []
    submitted = Answer.objects.filter(invitation__survey=survey, submitted_at__isnull=False)
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
    # Rows as tuples, not model objects: a national survey has thousands of answers.
    rows = submitted.order_by("invitation__respondent__code", "invitation__department")
    for code, department, kind, given in rows.values_list(
        "invitation__respondent__code",
        "invitation__department",
        "invitation__respondent__kind",
        "answers",
    ):
        values: dict[str, Any] = {}
        for question in instrument.questions:
            if question.code in given:
                values[question.code] = check_answer(question, given[question.code])
        found.append(
            Response(f"{code}:{department}", department, values, {"kind": str(kind or "")})
        )
    return found


def respondent_names(respondents: Sequence[str], departments: Mapping[str, str]) -> dict[str, str]:
    """A name a person reads for each respondent key of responses() ("CODE:department"): the
    organisation's name and the department's label ("東広島市 · DX部門"); `departments` maps a
    department code to its label in the reader's language. An unknown organisation or
    department shows its code; a key without a colon is shown as it is."""
    from dxtalent.web.organisations.models import Organisation

    codes = {key.partition(":")[0] for key in respondents}
    names = dict(Organisation.objects.filter(code__in=codes).values_list("code", "name"))
    shown = {}
    for key in respondents:
        code, colon, department = key.partition(":")
        if not colon:
            shown[key] = key
            continue
        shown[key] = f"{names.get(code, code)} · {departments.get(department, department)}"
    return shown


def read_answers(
    instrument: Instrument, department: str, data: Any, final: bool
) -> tuple[dict[str, Any], dict[str, str]]:
    """The answers in a posted form (`data`, a QueryDict; field names are question codes) to
    the questions asked of `department`, and an error per question whose answer is not
    accepted (or, when `final`, that was asked and left unanswered), in the reader's language:
    core.surveys.answers.read_submission reads them."""

    from dxtalent.core.surveys.answers import read_submission

    given: dict[str, Any] = {
        question.code: data.getlist(question.code)
        if question.kind == QuestionKind.MULTIPLE
        else data.get(question.code, "")
        for question in instrument.questions
    }
    submission = read_submission(instrument, department, given, final)
    errors = {error.field: error.reason.render() for error in submission.errors}
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


def results(
    survey: Any, language: str, answered: Sequence[Response] | None = None
) -> list[QuestionResult]:
    """Each choice question's table by department (the departments asked side by side, as in
    the paper's Tables 4 and 5, 8 and 9), with Wilson intervals; where two departments were
    asked, each option compared between them (Holm across the question's options).
    `answered`: the survey's responses when the caller has loaded them already."""
    from django.utils.translation import gettext as _

    from dxtalent.core.surveys import compare_groups, tabulate

    instrument = instrument_of(survey)
    answered = list(answered) if answered is not None else responses(survey)
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
        present = [g for g in groups if g is not None and g in mine and mine[g].base]
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


@dataclass(frozen=True)
class OneAgainstRest:
    """One respondent's answer to a question beside everyone else's: per option whether they
    chose it, and the others' count, base and share with its Wilson interval."""

    code: str
    text: str
    rows: list[tuple[str, bool, ResultCell]]


def one_against_rest(
    survey: Any, respondent: str, language: str, everyone: Sequence[Response] | None = None
) -> list[OneAgainstRest]:
    """For `respondent` ("CODE:department" as in responses()), each choice question they
    answered, compared with the other respondents of the same department who answered it.
    `everyone`: the survey's responses when the caller has loaded them already."""
    from dxtalent.core.surveys import asked, tabulate

    instrument = instrument_of(survey)
    everyone = list(everyone) if everyone is not None else responses(survey)
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


@dataclass(frozen=True)
class CrossTabView:
    """A cross-tabulation ready to show: the grouping question's options as columns (with
    their bases), one row per option of the tabulated question (cells as in `results`), the
    test and Holm-adjusted p-value of each row, and whether its chi-square is rough."""

    question: str
    by: str
    groups: list[str]
    bases: list[int]
    rows: list[ResultRow]
    tests: list[Any]


def crosstab(survey: Any, question: str, by: str, language: str) -> CrossTabView:
    """Question `question` by the answer to single-choice question `by`, in `language`
    (core.surveys.crosstab; CrossTabError naming the question when they cannot be crossed)."""
    from dxtalent.core.surveys.crosstab import crosstab as cross

    instrument = instrument_of(survey)
    found = cross(instrument, responses(survey), question, by)
    asked, grouping = instrument.question(question), instrument.question(by)
    rows = [
        ResultRow(
            option.label.get(language),
            [ResultCell.of(t.rows[index].count, t.base) for t in found.tables],
            found.tests[index].p_adjusted,
            found.tests[index].test,
        )
        for index, option in enumerate(asked.options)
    ]
    return CrossTabView(
        asked.text.get(language),
        grouping.text.get(language),
        [option.label.get(language) for option in grouping.options],
        [t.base for t in found.tables],
        rows,
        list(found.tests),
    )
