"""Survey structure files read beside an export: LimeSurvey's `.lss` and a KoboToolbox/ODK
XLSForm. They give what a data export lacks: each question's code, its text, and the labels
of its answer options.

- LimeSurvey `.lss` (XML, any DBVersion from 3 on; texts in `question_l10ns` and
  `answer_l10ns`, or in the question rows of older exports; the survey's base language).
  Question types: L, !, O list (single choice; O's comment is not kept), Y yes/no, G gender,
  M and P multiple choice (subquestions are the options), arrays F, A, B, C, E, H, 1 (one
  single-choice question per subquestion, code "Q02_SQ001" for LimeSurvey's Q02[SQ001]), N
  numerical, S T U Q K text and numbers. Other types (equations, boilerplate, uploads, ranking)
  are listed as not used.
- XLSForm: the sheets `survey` and `choices` (`settings` for the title), `select_one LIST` and
  `select_multiple LIST` with their choices, integer and decimal as numbers, groups and repeats
  giving the path of a name ("profile.country"). A repeat group's questions are listed as their
  own table (the export's sheet of that name), not as questions of the main one.

A structure is applied to a Dataset (core.surveys.imports) by matching: LimeSurvey by question
text (HTML and spacing removed), Kobo by the column name's last part. What it cannot match is
listed, never dropped silently; a structure that matches nothing is refused: it describes
another survey.
"""

from __future__ import annotations

import html
import io
import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from defusedxml import ElementTree as SafeET  # type: ignore[import-untyped]

from dxtalent.core.frameworks import Text
from dxtalent.core.i18n import gettext_noop
from dxtalent.core.surveys.instrument import Answer, Option, QuestionKind
from dxtalent.core.tabular import CellError, ErrorList, TableFormatError, TableValidationError
from dxtalent.core.tabular.messages import Message

if TYPE_CHECKING:
    from dxtalent.core.surveys.imports import Dataset

SINGLE_TYPES = {"L", "!", "O", "Y", "G"}
MULTIPLE_TYPES = {"M", "P"}
ARRAY_TYPES = {"F", "A", "B", "C", "E", "H", "1"}
NUMBER_TYPES = {"N"}
TEXT_TYPES = {"S", "T", "U", "Q", "K", "D"}
FIXED_OPTIONS = {
    "Y": (("Y", "Yes"), ("N", "No")),
    "G": (("F", "Female"), ("M", "Male")),
    "A": tuple((str(n), str(n)) for n in range(1, 6)),
    "B": tuple((str(n), str(n)) for n in range(1, 11)),
    "C": (("Y", "Yes"), ("U", "Uncertain"), ("N", "No")),
    "E": (("I", "Increase"), ("S", "Same"), ("D", "Decrease")),
}


@dataclass(frozen=True)
class StructureQuestion:
    """One question of a structure file. code: the tool's code (LimeSurvey title, XLSForm
    name); path: where an export names it (XLSForm: groups joined by "."); text: its wording
    as the structure gives it; options: the answer options, code and label."""

    code: str
    text: str
    kind: QuestionKind
    options: tuple[Option, ...] = ()
    path: str = ""
    subquestions: tuple[tuple[str, str], ...] = ()
    repeat: str = ""


@dataclass(frozen=True)
class SurveyStructure:
    """What a structure file says: its tool ("limesurvey" or "xlsform"), the survey's title,
    the questions, and the items it does not use (with why)."""

    tool: str
    title: str
    questions: tuple[StructureQuestion, ...]
    not_used: tuple[str, ...] = field(default_factory=tuple)


def _plain_text(value: str) -> str:
    """Text without HTML tags and entities, NFKC, spacing collapsed, for matching."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", value or ""))
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _rows(root: Any, section: str) -> list[dict[str, str]]:
    found = root.find(section)
    if found is None:
        return []
    return [{child.tag: (child.text or "") for child in row} for row in found.findall("rows/row")]


def read_lss(data: bytes) -> SurveyStructure:
    """A LimeSurvey structure file (see the module notes). Raises TableFormatError saying
    what the file is when it is not a LimeSurvey survey structure."""
    try:
        root = SafeET.fromstring(data)
    except Exception as error:  # defusedxml refuses entities and the like
        raise TableFormatError(
            Message(
                gettext_noop("not a LimeSurvey structure file (.lss): {reason}"),
                {"reason": str(error)},
            )
        ) from None
    if root.tag != "document" or (root.findtext("LimeSurveyDocType") or "") != "Survey":
        raise TableFormatError(
            Message(
                gettext_noop("not a LimeSurvey structure file (.lss): no LimeSurveyDocType Survey")
            )
        )
    language = (root.findtext("languages/language") or "").strip()
    texts: dict[str, str] = {}
    for row in _rows(root, "question_l10ns"):
        if not language or row.get("language") == language:
            texts.setdefault(row.get("qid", ""), row.get("question", ""))
    questions = _rows(root, "questions")
    subquestions = _rows(root, "subquestions") + [
        q for q in questions if q.get("parent_qid", "0") not in ("", "0")
    ]
    for row in questions + subquestions:  # older exports: the text in the question row
        if row.get("question") and (not language or row.get("language", language) == language):
            texts.setdefault(row["qid"], row["question"])
    answer_texts: dict[str, str] = {}
    for row in _rows(root, "answer_l10ns"):
        if not language or row.get("language") == language:
            answer_texts.setdefault(row.get("aid", ""), row.get("answer", ""))
    answers: dict[str, list[tuple[int, Option]]] = {}
    for row in _rows(root, "answers"):
        if row.get("scale_id", "0") not in ("", "0"):
            continue
        label = answer_texts.get(row.get("aid", ""), row.get("answer", "")) or row["code"]
        answers.setdefault(row["qid"], []).append(
            (int(row.get("sortorder") or 0), Option(row["code"], Text(label, label)))
        )
    children: dict[str, list[dict[str, str]]] = {}
    for row in subquestions:
        if row.get("scale_id", "0") in ("", "0"):
            children.setdefault(row["parent_qid"], []).append(row)
    found: list[StructureQuestion] = []
    not_used: list[str] = []
    tops = [q for q in questions if q.get("parent_qid", "0") in ("", "0")]
    for question in sorted(
        tops, key=lambda q: (int(q.get("gid") or 0), int(q.get("question_order") or 0))
    ):
        qid, kind, code = question["qid"], question.get("type", ""), question.get("title", "")
        text = _plain_text(texts.get(qid, code))
        subs = [
            (s["title"], _plain_text(texts.get(s["qid"], s["title"])))
            for s in sorted(children.get(qid, []), key=lambda s: int(s.get("question_order") or 0))
        ]
        listed = tuple(o for _order, o in sorted(answers.get(qid, []), key=lambda x: x[0]))
        fixed = tuple(Option(c, Text(label, label)) for c, label in FIXED_OPTIONS.get(kind, ()))
        options = listed or fixed
        if kind in SINGLE_TYPES:
            found.append(StructureQuestion(code, text, QuestionKind.SINGLE, options))
        elif kind in MULTIPLE_TYPES:
            found.append(
                StructureQuestion(
                    code,
                    text,
                    QuestionKind.MULTIPLE,
                    tuple(Option(c, Text(label, label)) for c, label in subs),
                    subquestions=tuple(subs),
                )
            )
        elif kind in ARRAY_TYPES:
            found.append(
                StructureQuestion(
                    code, text, QuestionKind.SINGLE, options, subquestions=tuple(subs)
                )
            )
        elif kind in NUMBER_TYPES:
            found.append(StructureQuestion(code, text, QuestionKind.NUMBER))
        elif kind in TEXT_TYPES:
            found.append(StructureQuestion(code, text, QuestionKind.TEXT, subquestions=tuple(subs)))
        else:
            not_used.append(f'{code} (LimeSurvey type "{kind}")')
    title = ""
    for row in _rows(root, "surveys_languagesettings"):
        if not language or row.get("surveyls_language", language) == language:
            title = _plain_text(row.get("surveyls_title", ""))
            break
    return SurveyStructure("limesurvey", title, tuple(found), tuple(not_used))


# --- XLSForm ---------------------------------------------------------------------------------


def _sheet(workbook: Any, name: str) -> list[dict[str, str]]:
    sheet = workbook[name]
    rows = sheet.iter_rows(values_only=True)
    header = [str(c).strip().lower() if c is not None else "" for c in next(rows, ())]
    found = []
    for row in rows:
        values = {
            header[i]: ("" if value is None else str(value).strip())
            for i, value in enumerate(row)
            if i < len(header) and header[i]
        }
        if any(values.values()):
            found.append(values)
    return found


def _label(row: dict[str, str]) -> str:
    for key, value in row.items():
        if (key == "label" or key.startswith("label::")) and value:
            return " ".join(value.split())
    return row.get("name", "")


def is_xlsform(data: bytes, filename: str) -> bool:
    """Whether `data` is an XLSForm workbook: sheets "survey" and "choices", the first with
    columns type and name."""
    if not filename.lower().endswith((".xlsx", ".xlsm", ".xls")):
        return False
    try:
        workbook = _open_workbook(data, filename)
    except (TableFormatError, Exception):
        return False
    names = {n.lower() for n in workbook.sheetnames}
    if not {"survey", "choices"} <= names:
        return False
    sheet = next(n for n in workbook.sheetnames if n.lower() == "survey")
    header = next(workbook[sheet].iter_rows(values_only=True, max_row=1), ())
    columns = {str(c).strip().lower() for c in header if c is not None}
    return {"type", "name"} <= columns


def _open_workbook(data: bytes, filename: str) -> Any:
    import openpyxl

    from dxtalent.core.tabular.archives import check_archive

    check_archive(data, filename)
    return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)


def read_xlsform(data: bytes, filename: str = "form.xlsx") -> SurveyStructure:
    """An XLSForm (see the module notes). Raises TableFormatError when the workbook is not
    one, TableValidationError naming the row of a select whose choice list is missing."""
    if not is_xlsform(data, filename):
        raise TableFormatError(
            Message(
                gettext_noop(
                    '"{name}" is not an XLSForm: expected the sheets "survey" (with columns type '
                    'and name) and "choices"'
                ),
                {"name": filename},
            )
        )
    workbook = _open_workbook(data, filename)
    sheets = {n.lower(): n for n in workbook.sheetnames}
    survey = _sheet(workbook, sheets["survey"])
    choices: dict[str, list[Option]] = {}
    for row in _sheet(workbook, sheets["choices"]):
        list_name = row.get("list_name") or row.get("list name") or ""
        if list_name and row.get("name"):
            label = _label(row)
            choices.setdefault(list_name, []).append(Option(row["name"], Text(label, label)))
    title = ""
    if "settings" in sheets:
        settings = _sheet(workbook, sheets["settings"])
        if settings:
            title = " ".join((settings[0].get("form_title") or "").split())
    found: list[StructureQuestion] = []
    not_used: list[str] = []
    errors = ErrorList()
    groups: list[str] = []
    repeats: list[str] = []
    for number, row in enumerate(survey, start=2):
        kind = " ".join(row.get("type", "").split())
        name = row.get("name", "").strip()
        head, _space, rest = kind.partition(" ")
        if head in ("begin_group", "begin group", "begin_repeat", "begin repeat"):
            groups.append(name)
            if "repeat" in head:
                repeats.append(name)
            continue
        if head in ("end_group", "end group", "end_repeat", "end repeat"):
            if groups:
                closed = groups.pop()
                if repeats and repeats[-1] == closed:
                    repeats.pop()
            continue
        if not name:
            continue
        path = ".".join([*groups, name])
        repeat = repeats[-1] if repeats else ""
        if head in ("select_one", "select_multiple"):
            list_name = rest.split(" or_other")[0].strip()
            if list_name not in choices:
                errors.append(
                    CellError.rejected(
                        number,
                        "type",
                        kind,
                        Message(
                            gettext_noop('the choice list "{list}" is not in the choices sheet'),
                            {"list": list_name},
                        ),
                    )
                )
                continue
            found.append(
                StructureQuestion(
                    name,
                    _label(row),
                    QuestionKind.SINGLE if head == "select_one" else QuestionKind.MULTIPLE,
                    tuple(choices[list_name]),
                    path,
                    repeat=repeat,
                )
            )
        elif head in ("integer", "decimal", "range"):
            found.append(
                StructureQuestion(name, _label(row), QuestionKind.NUMBER, path=path, repeat=repeat)
            )
        elif head in ("text", "date", "datetime", "time", "barcode"):
            found.append(
                StructureQuestion(name, _label(row), QuestionKind.TEXT, path=path, repeat=repeat)
            )
        else:
            not_used.append(f"{name} ({kind})")
    if errors:
        raise TableValidationError(errors)
    return SurveyStructure("xlsform", title, tuple(found), tuple(not_used))


# --- applying a structure to a dataset -------------------------------------------------------


def _values(value: Answer | None) -> list[str]:
    if value is None:
        return []
    if isinstance(value, frozenset):
        return sorted(value)
    return [str(value)]


def apply_structure(dataset: Dataset, structure: SurveyStructure) -> Dataset:
    """`dataset` (core.surveys.imports.Dataset) with the structure's codes, texts, kinds and
    option labels where a variable matches a question; the rest kept as read and listed in
    `skipped`. Raises TableFormatError when nothing matches (another survey's structure) and
    TableValidationError naming row, column and value for an answer the structure does not
    offer."""
    from dxtalent.core.surveys.imports import Variable

    if structure.tool == "limesurvey":
        by_text = {_plain_text(q.text).casefold(): q for q in structure.questions}
    by_name = {q.path or q.code: q for q in structure.questions if not q.repeat}
    by_last = {q.code: q for q in structure.questions if not q.repeat}
    variables: list[Variable] = []
    renamed: dict[str, tuple[str, dict[str, str] | None]] = {}
    unmatched: list[str] = []
    for variable in dataset.variables:
        question, sub = None, None
        if structure.tool == "limesurvey":
            stem, _b, rest = variable.label.partition(" [")
            question = by_text.get(_plain_text(stem).casefold())
            if question is not None and rest and question.kind is not QuestionKind.MULTIPLE:
                sub_text = _plain_text(rest.rstrip("]"))
                sub = next((c for c, t in question.subquestions if t == sub_text), None)
        else:
            key = variable.code.replace("/", ".")
            question = by_name.get(key) or by_last.get(key.rpartition(".")[2])
        if question is None or (
            question.subquestions
            and question.kind is not QuestionKind.MULTIPLE
            and sub is None
            and structure.tool == "limesurvey"
        ):
            unmatched.append(variable.code)
            variables.append(variable)
            continue
        code = (
            f"{question.code}_{sub}"
            if sub
            else question.path or question.code
            if structure.tool == "xlsform"
            else question.code
        )
        mapping: dict[str, str] | None = None
        options = question.options
        if question.kind is QuestionKind.MULTIPLE and structure.tool == "limesurvey":
            # The data's options are the subquestions' texts; the structure's, their codes.
            mapping = {t: c for c, t in question.subquestions}
        label = f"{question.text} [{dict(question.subquestions)[sub]}]" if sub else question.text
        kind = (
            question.kind
            if question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE)
            else variable.kind
        )
        if kind not in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            options = ()
        variables.append(
            replace(variable, code=code, label=label or variable.label, kind=kind, options=options)
        )
        renamed[variable.code] = (code, mapping)
    if not renamed:
        raise TableFormatError(
            Message(
                gettext_noop(
                    'the structure file ("{title}") describes another survey: none of the '
                    "export's {count} questions is in it"
                ),
                {"title": structure.title or structure.tool, "count": len(dataset.variables)},
            )
        )
    offered = {v.code: {o.code for o in v.options} for v in variables if v.options}
    kinds = {v.code: v.kind for v in variables}
    errors = ErrorList()
    rows = []
    for number, row in enumerate(dataset.rows, start=2):
        new: dict[str, Answer | None] = {}
        for old, value in row.items():
            code, mapping = renamed.get(old, (old, None))
            if mapping is not None and isinstance(value, frozenset):
                value = frozenset(mapping.get(v, v) for v in value)
            if kinds.get(code) is QuestionKind.MULTIPLE and isinstance(value, str):
                value = frozenset(value.split())
            if kinds.get(code) is QuestionKind.SINGLE and isinstance(value, float):
                value = str(int(value)) if value.is_integer() else str(value)
            if code in offered and value is not None:
                wrong = [v for v in _values(value) if v not in offered[code]]
                if wrong:
                    errors.append(
                        CellError.rejected(
                            number,
                            code,
                            " ".join(wrong),
                            Message(
                                gettext_noop(
                                    "not an option of this question in the structure file; "
                                    "accepted: {accepted}"
                                ),
                                {"accepted": ", ".join(sorted(offered[code]))},
                            ),
                        )
                    )
            new[code] = value
        rows.append(new)
    if errors:
        raise TableValidationError(errors)
    repeats = sorted({q.repeat for q in structure.questions if q.repeat})
    skipped = [
        *dataset.skipped,
        *(f"{code} (not in the structure file)" for code in unmatched),
        *(f"repeat group {name} (its own table in the export)" for name in repeats),
        *(f"{item} (in the structure file, not used)" for item in structure.not_used),
    ]
    return replace(dataset, variables=tuple(variables), rows=tuple(rows), skipped=tuple(skipped))
