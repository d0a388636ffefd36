"""Survey data exported by other tools, read into one form: variables (choice questions with
their options, numbers, texts) and, per respondent, each variable's answer, keeping the three
states that decide denominators (methods notes §3.4): chosen, shown and not chosen, not shown.

Readers:
- LimeSurvey's response export in the "R" format's data file (CSV, headers are question texts):
  columns "Stem [Subquestion]" (or "Stem [Sub][Scale 1]") group into a question; a group whose
  every value is 1, 0 or empty (or Y or empty) is a multiple-choice question, one option per
  column; a respondent with all of its columns empty was not shown it. Other columns are
  numbers when every value is one, else text; an "[Other]" column beside multiple choice is
  its free-text "other (specify)". The first seven columns (response id, dates,
  last page, language, seed) are metadata: the response id names the respondent.
- KoboToolbox or ODK exports (XLSX or CSV, group paths joined by "." or "/"): a select-multiple
  question comes as one column of space-separated choice names, or one 0/1 column per choice
  ("q.choice" or "q/choice"), or both, which must then agree; metadata columns ("_id",
  "_uuid", "_submission_time", …, "start", "end") are left out, "_uuid" (or "_id") names the
  respondent.
- SPSS .sav through pyreadstat: multiple-response sets (dichotomy with their counted value,
  or category) become multiple-choice questions; variables with value labels (other than for
  missing codes) single choice, a value without a label an option named by its code;
  user-defined missing values become "not answered" with the reason kept (the value's label,
  or the code); other numeric variables numbers, string variables text.

A file that cannot be read raises TableFormatError; rows that break the rules (a packed
select-multiple that disagrees with its split columns, a row longer or shorter than the
header) raise TableValidationError listing every one (row as a spreadsheet shows it, column,
value): nothing is imported from a rejected file.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from dxtalent.core.frameworks import Text
from dxtalent.core.i18n import gettext_noop
from dxtalent.core.surveys.instrument import (
    Answer,
    Instrument,
    Option,
    Question,
    QuestionKind,
    Response,
)
from dxtalent.core.tabular import (
    CellError,
    ErrorList,
    Message,
    TableFormatError,
    TableValidationError,
)

FORMATS = ("limesurvey", "kobo", "spss")
LIMESURVEY_META = 7
KOBO_META = re.compile(r"^(_.*|start|end|today|deviceid|simserial|phonenumber|username|audit)$")
OTHER = {"other", "その他"}
BRACKETS = re.compile(r"^(?P<stem>.*?)\s*(?P<subs>(\[[^\[\]]*\])+)\s*$", re.S)


@dataclass(frozen=True)
class Variable:
    """One question read from a file: code (stable, from the file), label (as the file gives
    it), kind, options (choice questions), columns (the file's columns it came from)."""

    code: str
    label: str
    kind: QuestionKind
    options: tuple[Option, ...] = ()
    columns: tuple[str, ...] = ()


@dataclass(frozen=True)
class Dataset:
    """What a file holds. rows[i][code]: the answer, or None when not shown or missing;
    missing[(i, code)]: why a value counts as missing (e.g. an SPSS user-missing label)."""

    format: str
    variables: tuple[Variable, ...]
    respondents: tuple[str, ...]
    rows: tuple[dict[str, Answer | None], ...]
    missing: dict[tuple[int, str], str] = field(default_factory=dict)
    skipped: tuple[str, ...] = ()

    def variable(self, code: str) -> Variable:
        for variable in self.variables:
            if variable.code == code:
                return variable
        raise KeyError(code)

    def instrument(self, code: str = "IMPORTED") -> Instrument:
        """The variables as an instrument (every question asked of everyone)."""
        return Instrument(
            code=code,
            title=Text(code, code),
            questions=tuple(
                Question(v.code, Text(v.label, v.label), v.kind, options=v.options)
                for v in self.variables
            ),
            source=self.format,
        )

    def responses(self, department: str | None = None) -> list[Response]:
        """Each respondent's answers (None left out: not answered)."""
        return [
            Response(
                respondent,
                department,
                {code: value for code, value in row.items() if value is not None},
            )
            for respondent, row in zip(self.respondents, self.rows, strict=True)
        ]


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _number(values: Sequence[str]) -> bool:
    found = [v for v in values if v != ""]
    if not found:
        return False
    try:
        for value in found:
            float(value)
    except ValueError:
        return False
    return True


def _plain(code: str, label: str, values: Sequence[str]) -> tuple[Variable, list[Answer | None]]:
    """A column that is not a choice question: a number when every value is one, else text."""
    if _number(values):
        parsed: list[Answer | None] = [float(v) if v != "" else None for v in values]
        return Variable(code, label, QuestionKind.NUMBER, columns=(label,)), parsed
    return Variable(code, label, QuestionKind.TEXT, columns=(label,)), [v or None for v in values]


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise TableFormatError(
        Message(gettext_noop("the file is neither UTF-8 nor Shift_JIS (cp932) text"))
    )


def read_limesurvey_csv(data: bytes) -> Dataset:
    """A LimeSurvey "R" data file (see the module notes)."""
    rows = [row for row in csv.reader(io.StringIO(_decode(data))) if any(cell for cell in row)]
    if len(rows) < 1 or len(rows[0]) <= LIMESURVEY_META:
        raise TableFormatError(
            Message(
                gettext_noop(
                    "not a LimeSurvey R data file: expected a header with the response id first"
                )
            )
        )
    header, body = rows[0], rows[1:]
    errors = ErrorList(
        CellError.rejected(
            number,
            "",
            f"{len(row)} values",
            Message(
                gettext_noop("the row has {found} values and the header {wanted}"),
                {"found": len(row), "wanted": len(header)},
            ),
        )
        for number, row in enumerate(body, start=2)
        if len(row) != len(header)
    )
    if errors:
        raise TableValidationError(errors)
    respondents = tuple(row[0] or str(i + 1) for i, row in enumerate(body))
    groups: dict[str, list[tuple[int, str]]] = {}
    order: list[str] = []
    for index in range(LIMESURVEY_META, len(header)):
        title = header[index]
        match = BRACKETS.match(title)
        stem = match.group("stem").strip() if match else f"\0{index}"
        if stem not in groups:
            order.append(stem)
        groups.setdefault(stem, []).append(
            (index, match.group("subs")[1:-1].replace("][", " / ") if match else title)
        )
    variables: list[Variable] = []
    answers: list[dict[str, Answer | None]] = [{} for _ in body]
    for number, stem in enumerate(order, start=1):
        members = groups[stem]
        code = f"Q{number}"
        # "Other (specify)" beside multiple choice: its own free-text variable.
        others = [
            (i, sub)
            for i, sub in members
            if (
                sub.strip().casefold() in OTHER
                and {row[i].strip() for row in body} - {"", "0", "1", "Y"}
            )
            or (sub.strip().casefold() in OTHER and all(row[i].strip() == "" for row in body))
        ]
        if others and len(others) < len(members):
            members = [m for m in members if m not in others]
            for index, sub in others:
                item = f"{code}_other"
                variables.append(
                    Variable(item, f"{stem} [{sub}]", QuestionKind.TEXT, columns=(header[index],))
                )
                for r, row in enumerate(body):
                    answers[r][item] = row[index].strip() or None
        values = [[row[i].strip() for i, _sub in members] for row in body]
        flat = {value for row in values for value in row}
        dichotomous = flat <= {"", "0", "1"} or flat <= {"", "Y"}
        if not stem.startswith("\0") and dichotomous and flat - {""}:
            options = tuple(Option(sub, Text(sub, sub)) for _i, sub in members)
            variables.append(
                Variable(
                    code,
                    stem,
                    QuestionKind.MULTIPLE,
                    options,
                    tuple(header[i] for i, _sub in members),
                )
            )
            for r, row in enumerate(values):
                answers[r][code] = (
                    None
                    if all(v == "" for v in row)
                    else frozenset(
                        sub for (_i, sub), v in zip(members, row, strict=True) if v in ("1", "Y")
                    )
                )
            continue
        for k, (index, sub) in enumerate(members):
            item = code if len(members) == 1 else f"{code}_{k + 1}"
            label = header[index] if stem.startswith("\0") else f"{stem} [{sub}]"
            variable, parsed = _plain(item, label, [row[k] for row in values])
            variables.append(variable)
            for r, value in enumerate(parsed):
                answers[r][item] = value
    return Dataset(
        "limesurvey",
        tuple(variables),
        respondents,
        tuple(answers),
        skipped=tuple(header[:LIMESURVEY_META]),
    )


def _split_parent(column: str, columns: set[str]) -> tuple[str, str] | None:
    for separator in ("/", "."):
        parent, _sep, choice = column.rpartition(separator)
        if parent and parent in columns:
            return parent, choice
    return None


def read_kobo(data: bytes, filename: str = "export.xlsx") -> Dataset:
    """A KoboToolbox or ODK export (see the module notes): the first sheet of a workbook, or a
    CSV."""
    from dxtalent.core.tabular import read_table

    table = read_table(data, filename)
    header = list(table.columns)
    present = set(header)
    split: dict[str, list[tuple[str, str]]] = {}
    for column in header:
        parent = _split_parent(column, present)
        if parent is not None:
            split.setdefault(parent[0], []).append((column, parent[1]))
    split_columns = {column for members in split.values() for column, _choice in members}
    id_column = "_uuid" if "_uuid" in present else "_id" if "_id" in present else None
    body = [dict(row.values) for row in table.rows]
    respondents = tuple(
        (row.get(id_column) or "") if id_column else "" or str(i + 1) for i, row in enumerate(body)
    )
    respondents = tuple(r or str(i + 1) for i, r in enumerate(respondents))
    variables: list[Variable] = []
    answers: list[dict[str, Answer | None]] = [{} for _ in body]
    skipped = [
        c
        for c in header
        if KOBO_META.match(c.rpartition("/")[2].rpartition(".")[2]) or KOBO_META.match(c)
    ]
    errors = ErrorList()
    for column in header:
        if column in skipped or column in split_columns:
            continue
        if column in split:
            members = split[column]
            options = tuple(Option(choice, Text(choice, choice)) for _c, choice in members)
            variables.append(
                Variable(
                    column,
                    column,
                    QuestionKind.MULTIPLE,
                    options,
                    (column, *[c for c, _ in members]),
                )
            )
            for r, row in enumerate(body):
                packed = _text(row.get(column))
                flags = {choice: _text(row.get(c)) for c, choice in members}
                if packed == "" and all(v == "" for v in flags.values()):
                    answers[r][column] = None
                    continue
                chosen = frozenset(
                    choice for choice, v in flags.items() if v in ("1", "True", "TRUE")
                )
                if packed and set(packed.split()) != chosen:
                    errors.append(
                        CellError.rejected(
                            table.rows[r].number,
                            column,
                            packed,
                            Message(
                                gettext_noop(
                                    "the choices listed differ from the 0/1 columns ({chosen})"
                                ),
                                {"chosen": " ".join(sorted(chosen)) or "none"},
                            ),
                        )
                    )
                answers[r][column] = chosen
            continue
        values = [_text(row.get(column)) for row in body]
        variable, parsed = _plain(column, column, values)
        variables.append(variable)
        for r, value in enumerate(parsed):
            answers[r][column] = value
    if errors:
        raise TableValidationError(errors)
    return Dataset("kobo", tuple(variables), respondents, tuple(answers), skipped=tuple(skipped))


def _is_missing(value: Any, ranges: Sequence[Any]) -> bool:
    for bounds in ranges:
        low, high = bounds["lo"], bounds["hi"]
        if isinstance(value, str) or isinstance(low, str):
            if str(value) == str(low):
                return True
        elif value is not None and low <= value <= high:
            return True
    return False


def read_spss(data: bytes) -> Dataset:
    """An SPSS .sav file (see the module notes)."""
    import os
    import tempfile

    import pyreadstat

    handle, path = tempfile.mkstemp(suffix=".sav")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        try:
            columns, meta = pyreadstat.read_sav(path, user_missing=True, output_format="dict")
        except Exception as error:  # pyreadstat raises its own ReadstatError and others
            raise TableFormatError(
                Message(
                    gettext_noop("not a readable SPSS .sav file: {error}"), {"error": str(error)}
                )
            ) from None
    finally:
        os.unlink(path)
    names = list(meta.column_names)
    count = meta.number_rows or (len(columns[names[0]]) if names else 0)
    labels = dict(zip(names, meta.column_labels or [None] * len(names), strict=False))
    value_labels = meta.variable_value_labels or {}
    missing_ranges = meta.missing_ranges or {}
    variables: list[Variable] = []
    answers: list[dict[str, Answer | None]] = [{} for _ in range(count)]
    missing: dict[tuple[int, str], str] = {}
    used: set[str] = set()
    for name, spec in (meta.mr_sets or {}).items():
        members = list(spec["variable_list"])
        used.update(members)
        if spec["is_dichotomy"]:
            counted = spec["counted_value"]
            options = tuple(
                Option(m, Text(labels.get(m) or m, labels.get(m) or m)) for m in members
            )
            for r in range(count):
                values = [columns[m][r] for m in members]
                if all(v is None for v in values):
                    answers[r][name] = None
                    continue
                answers[r][name] = frozenset(
                    m
                    for m, v in zip(members, values, strict=True)
                    if v is not None and _text(v) == _text(counted)
                )
        else:
            codes: dict[str, str] = {}
            for m in members:
                for code, label in value_labels.get(m, {}).items():
                    codes[_text(code)] = str(label)
            for r in range(count):
                for m in members:
                    value = _text(columns[m][r])
                    if value:
                        codes.setdefault(value, value)
            options = tuple(Option(code, Text(label, label)) for code, label in codes.items())
            for r in range(count):
                values = [_text(columns[m][r]) for m in members]
                answers[r][name] = (
                    None if all(v == "" for v in values) else frozenset(v for v in values if v)
                )
        label = spec.get("label") or name
        variables.append(Variable(name, label, QuestionKind.MULTIPLE, options, tuple(members)))
    for name in names:
        if name in used:
            continue
        label = labels.get(name) or name
        raw = list(columns[name])
        ranges = missing_ranges.get(name, [])
        labelled = value_labels.get(name, {})
        for r, value in enumerate(raw):
            if value is not None and _is_missing(value, ranges):
                missing[r, name] = labelled.get(value) or f"user-missing {_text(value)}"
                raw[r] = None
        kept = {
            _text(code): str(text)
            for code, text in labelled.items()
            if not _is_missing(code, ranges)
        }
        if kept:
            # Values without a label still count, as options named by their code.
            for value in raw:
                if value is not None and _text(value) != "":
                    kept.setdefault(_text(value), _text(value))
            options = tuple(Option(code, Text(text, text)) for code, text in kept.items())
            variables.append(Variable(name, label, QuestionKind.SINGLE, options, (name,)))
            for r, value in enumerate(raw):
                answers[r][name] = None if value is None or _text(value) == "" else _text(value)
            continue
        if all(v is None or isinstance(v, int | float) for v in raw):
            variables.append(Variable(name, label, QuestionKind.NUMBER, (), (name,)))
            for r, value in enumerate(raw):
                answers[r][name] = (
                    None
                    if value is None or (isinstance(value, float) and math.isnan(value))
                    else value
                )
            continue
        variables.append(Variable(name, label, QuestionKind.TEXT, (), (name,)))
        for r, value in enumerate(raw):
            answers[r][name] = _text(value) or None
    respondents = tuple(str(r + 1) for r in range(count))
    return Dataset("spss", tuple(variables), respondents, tuple(answers), missing)


def read_survey_file(
    data: bytes,
    filename: str,
    format: str | None = None,
    structure: bytes | None = None,
    structure_name: str = "",
) -> Dataset:
    """Read `data` as `format` ("limesurvey", "kobo" or "spss"), or as the name suggests:
    .sav is SPSS, .xlsx KoboToolbox, a .csv whose first header is "Response ID" LimeSurvey,
    another .csv KoboToolbox. With `structure` (a LimeSurvey .lss or an XLSForm, named
    `structure_name`), the questions get its codes, texts and option labels
    (core.surveys.structure). An XLSForm given as the data is refused: it holds questions,
    not answers. A workbook's other sheets (a Kobo repeat group's table) are listed in
    `skipped`."""
    from dxtalent.core.surveys.structure import apply_structure, is_xlsform, read_lss, read_xlsform

    if is_xlsform(data, filename):
        raise TableFormatError(
            Message(
                gettext_noop(
                    '"{name}" is an XLSForm, a form definition (its questions and choices), not '
                    "answers: give the data export as the file, and this form beside it as the "
                    "structure to label the questions"
                ),
                {"name": filename},
            )
        )
    dataset = _read_survey_data(data, filename, format)
    if PurePath(filename).suffix.lower() in (".xlsx", ".xlsm"):
        dataset = _list_other_sheets(dataset, data, filename)
    if structure is None:
        return dataset
    if structure_name.lower().endswith(".lss"):
        return apply_structure(dataset, read_lss(structure))
    return apply_structure(dataset, read_xlsform(structure, structure_name or "form.xlsx"))


def _list_other_sheets(dataset: Dataset, data: bytes, filename: str) -> Dataset:
    """The dataset with the workbook's sheets after the first listed as not imported."""
    import openpyxl

    from dxtalent.core.tabular.archives import check_archive

    check_archive(data, filename)
    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    others = [
        f"sheet {name} ({max(sum(1 for _ in workbook[name].iter_rows(values_only=True)) - 1, 0)}"
        " rows: a repeat group or another table, not imported)"
        for name in workbook.sheetnames[1:]
    ]
    if not others:
        return dataset
    from dataclasses import replace

    return replace(dataset, skipped=(*dataset.skipped, *others))


def _read_survey_data(data: bytes, filename: str, format: str | None) -> Dataset:
    extension = PurePath(filename).suffix.lower()
    if format is None:
        if extension == ".sav":
            format = "spss"
        elif extension in (".xlsx", ".xlsm"):
            format = "kobo"
        elif extension == ".csv":
            head = _decode(data[:2000]).lstrip().lower()
            format = (
                "limesurvey"
                if head.startswith('"response id"') or head.startswith("id,")
                else "kobo"
            )
        else:
            raise TableFormatError(
                Message(
                    gettext_noop(
                        '"{name}": the format is not known from its name; give one of {formats}'
                    ),
                    {"name": filename, "formats": ", ".join(FORMATS)},
                )
            )
    if format == "limesurvey":
        return read_limesurvey_csv(data)
    if format == "kobo":
        return read_kobo(data, filename)
    if format == "spss":
        return read_spss(data)
    raise TableFormatError(
        Message(
            gettext_noop('format "{format}": one of {formats}'),
            {"format": format, "formats": ", ".join(FORMATS)},
        )
    )
