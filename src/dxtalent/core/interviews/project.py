"""A coding project as REFI-QDA exchanges it (`.qdpx`: a zip of `project.qde` and the sources'
text files; namespace urn:QDA-XML:project:1.0): users, the codebook, text sources (stored
exactly; positions are Unicode code points from 0, end excluded), selections with their
codings, cases with variable values, and memos (notes on a code, a text source or the
project; a case's memo is its description, for a case takes no note reference).

Export writes every text source as `sources/<guid>.txt` (UTF-8) referred to as
`internal://<guid>.txt`; the result validates against Project.xsd and imports back with
nothing lost. Import takes what a file carries and lists the rest in `notes`: sources that are
not text (pictures, PDF, audio, video) and selections inside them, text files missing from the
archive, sets and links, selections without a coding, and selections whose positions are
not a passage within their text (core.interviews.positions), which are left out. It accepts the deviations real
exports have: a bare project.qde (ATLAS.ti), no XML declaration and plain-text paths without
"internal://" (qc), a lower-case sources folder, sources without a name (named from their
file), upper-case GUIDs.
"""

from __future__ import annotations

import io
import re
import uuid
import zipfile
import zlib
from dataclasses import dataclass, field
from typing import Any
from xml.etree import ElementTree as ET

from dxtalent.core.i18n import _, gettext_noop, ngettext
from dxtalent.core.interviews.codebook import (
    Code,
    Codebook,
    CodebookError,
    _code_element,
    _local,
    _read_code,
    xml_root,
)
from dxtalent.core.interviews.positions import PassagePositionError, check_passage
from dxtalent.core.tabular.archives import (
    DEFAULT_LIMITS,
    ArchiveLimits,
    ArchiveRefused,
    read_members,
)
from dxtalent.core.text import NulCharacterError, nul_message_at, refuse_nul

NS = "urn:QDA-XML:project:1.0"
# What is said of a file that is not a REFI-QDA project (codebook.xml_root); each names it.
NEITHER_ARCHIVE_NOR_XML = gettext_noop(
    '"{file}" is neither a REFI-QDA project archive (.qdpx, a zip file) nor a project.qde '
    "(XML): it cannot be read as XML from line {line}, column {column}. Export the project "
    "from your QDA software as REFI-QDA (.qdpx)."
)
QDE_NOT_XML = gettext_noop(
    '"{file}" is not XML: it cannot be read from line {line}, column {column}. Export the '
    "project again from your QDA software."
)
NOT_A_PROJECT = gettext_noop(
    '"{file}" is XML but not a REFI-QDA project: its root element is <{found}>, where a '
    "project has <Project>."
)
DAMAGED_ARCHIVE = gettext_noop(
    '"{file}" begins like a zip archive (.qdpx) but cannot be read as one: it may be cut '
    "short or damaged. Export the project again from your QDA software."
)
NO_PROJECT_QDE = gettext_noop(
    '"{file}" holds no project.qde, which every .qdpx project archive has. Export the project '
    "again from your QDA software as REFI-QDA (.qdpx)."
)
# The largest position accepted in a source whose text the file does not carry.
MAX_POSITION = 2**31 - 1
VARIABLE_TYPES = ("Text", "Boolean", "Integer", "Float", "Date", "DateTime")


@dataclass(frozen=True)
class User:
    guid: str
    name: str


@dataclass(frozen=True)
class Coding:
    guid: str
    code: str  # the code's GUID
    user: str | None = None  # the coder's GUID
    created: str | None = None  # xsd:dateTime as written


@dataclass(frozen=True)
class Selection:
    guid: str
    source: str
    start: int
    end: int
    codings: tuple[Coding, ...] = ()
    name: str = ""
    description: str = ""
    user: str | None = None


@dataclass(frozen=True)
class TextSource:
    guid: str
    name: str
    text: str


@dataclass(frozen=True)
class Variable:
    guid: str
    name: str
    type: str = "Text"


@dataclass(frozen=True)
class Case:
    """A case (e.g. a city) with its variable values (variable GUID → value as text), the
    sources it covers and a memo (REFI-QDA's case Description: a case takes no NoteRef)."""

    guid: str
    name: str
    values: tuple[tuple[str, str], ...] = ()
    sources: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class Memo:
    """A researcher's memo (a REFI-QDA Note): its text, what it is about (`target`: a code's
    or a text source's GUID; "" for the project as a whole), its author (a user GUID) and when
    it was written (xsd:dateTime as written)."""

    guid: str
    text: str
    target: str = ""
    name: str = ""
    author: str | None = None
    created: str | None = None


@dataclass(frozen=True)
class Project:
    name: str
    codebook: Codebook
    users: tuple[User, ...] = ()
    sources: tuple[TextSource, ...] = ()
    selections: tuple[Selection, ...] = ()
    variables: tuple[Variable, ...] = ()
    cases: tuple[Case, ...] = ()
    origin: str = ""
    memos: tuple[Memo, ...] = ()


@dataclass(frozen=True)
class ImportedProject:
    project: Project
    notes: tuple[str, ...] = field(default_factory=tuple)


def _sub(parent: ET.Element, tag: str, attributes: dict[str, str] | None = None) -> ET.Element:
    return ET.SubElement(parent, f"{{{NS}}}{tag}", attributes or {})


def project_qde(project: Project) -> bytes:
    """The project.qde document of `project`."""
    ET.register_namespace("", NS)
    root = ET.Element(
        f"{{{NS}}}Project", {"name": project.name, "origin": project.origin or "dxtalent"}
    )
    if project.users:
        users = _sub(root, "Users")
        for user in project.users:
            _sub(users, "User", {"guid": user.guid, "name": user.name})
    note_refs: dict[str, list[str]] = {}
    for memo in project.memos:
        if memo.target:
            note_refs.setdefault(memo.target, []).append(memo.guid)
    if project.codebook.codes:
        codes = _sub(_sub(root, "CodeBook"), "Codes")
        for code in project.codebook.codes:
            _code_element(codes, code, NS, note_refs)
    if project.variables:
        variables = _sub(root, "Variables")
        for variable in project.variables:
            _sub(
                variables,
                "Variable",
                {"guid": variable.guid, "name": variable.name, "typeOfVariable": variable.type},
            )
    if project.cases:
        cases = _sub(root, "Cases")
        types = {v.guid: v.type for v in project.variables}
        for case in project.cases:
            element = _sub(cases, "Case", {"guid": case.guid, "name": case.name})
            if case.description:
                _sub(element, "Description").text = case.description
            for ref, value in case.values:
                holder = _sub(element, "VariableValue")
                _sub(holder, "VariableRef", {"targetGUID": ref})
                _sub(holder, f"{types.get(ref, 'Text')}Value").text = value
            for covered in case.sources:
                _sub(element, "SourceRef", {"targetGUID": covered})
    if project.sources:
        sources = _sub(root, "Sources")
        for source in project.sources:
            element = _sub(
                sources,
                "TextSource",
                {
                    "guid": source.guid,
                    "name": source.name,
                    "plainTextPath": "internal://"
                    + member_name(source.guid).removeprefix("sources/"),
                },
            )
            for selection in project.selections:
                if selection.source != source.guid:
                    continue
                attributes = {
                    "guid": selection.guid,
                    "startPosition": str(selection.start),
                    "endPosition": str(selection.end),
                }
                if selection.name:
                    attributes["name"] = selection.name
                if selection.user:
                    attributes["creatingUser"] = selection.user
                chosen = _sub(element, "PlainTextSelection", attributes)
                if selection.description:
                    _sub(chosen, "Description").text = selection.description
                for coding in selection.codings:
                    coding_attributes = {"guid": coding.guid}
                    if coding.user:
                        coding_attributes["creatingUser"] = coding.user
                    if coding.created:
                        coding_attributes["creationDateTime"] = coding.created
                    holder = _sub(chosen, "Coding", coding_attributes)
                    _sub(holder, "CodeRef", {"targetGUID": coding.code})
            for note in note_refs.get(source.guid, ()):
                _sub(element, "NoteRef", {"targetGUID": note})
    if project.memos:
        notes = _sub(root, "Notes")
        for memo in project.memos:
            attributes = {"guid": memo.guid}
            if memo.name:
                attributes["name"] = memo.name
            if memo.author:
                attributes["creatingUser"] = memo.author
            if memo.created:
                attributes["creationDateTime"] = memo.created
            _sub(_sub(notes, "Note", attributes), "PlainTextContent").text = memo.text
    for memo in project.memos:
        if not memo.target:
            _sub(root, "NoteRef", {"targetGUID": memo.guid})
    ET.indent(root)
    text: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return text


GUID_PATTERN = re.compile(
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
)


def member_name(guid: str) -> str:
    """The archive member of a text source: "sources/<GUID>.txt" for a GUID as REFI-QDA
    defines it, else a name derived from it (a GUID that is a path such as "../../evil" never
    becomes one)."""
    if GUID_PATTERN.fullmatch(guid):
        return f"sources/{guid}.txt"
    return f"sources/{str(uuid.uuid5(uuid.NAMESPACE_URL, guid)).upper()}.txt"


def project_to_qdpx(project: Project) -> bytes:
    """The project as a .qdpx archive; member names come from member_name, never straight
    from an imported GUID."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", project_qde(project))
        for source in project.sources:
            archive.writestr(member_name(source.guid), source.text.encode("utf-8"))
    return buffer.getvalue()


def _children(element: Any, tag: str) -> list[Any]:
    return [child for child in element if _local(child.tag) == tag]


def _text_of(files: dict[str, bytes], path: str) -> bytes | None:
    name = path.removeprefix("internal://").removeprefix("relative://").lstrip("/")
    for candidate in (name, f"sources/{name}", f"Sources/{name}"):
        if candidate in files:
            return files[candidate]
    lowered = {key.lower(): value for key, value in files.items()}
    return lowered.get(f"sources/{name}".lower())


def _source_text(raw: bytes, path: str) -> str:
    """A text source's plain text: UTF-8 (with or without a BOM), as REFI-QDA requires, and
    without NUL characters; else CodebookError naming the file and what is accepted."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CodebookError(
            _(
                "the text source {path} is not UTF-8 (byte {byte} cannot be read); REFI-QDA "
                "text sources are UTF-8: save it as UTF-8 and export again"
            ).format(path=path, byte=error.start + 1)
        ) from None
    try:
        return refuse_nul(text, path)
    except NulCharacterError as error:
        raise CodebookError(
            _("the text source {path}: {reason}").format(
                path=path, reason=nul_message_at(error.position)
            )
        ) from None


def project_from_qdpx(
    data: bytes, filename: str = "project.qdpx", limits: ArchiveLimits = DEFAULT_LIMITS
) -> ImportedProject:
    """A project from a .qdpx archive or a bare project.qde; see the module notes. Raises
    CodebookError when the file is neither, or when the archive is over `limits` (a zip bomb;
    see dxtalent.core.tabular.archives: the message names the file, the member, the size and the
    limit)."""
    files: dict[str, bytes] = {}
    if data[:2] == b"PK":
        try:
            files = read_members(data, filename, limits)
        except ArchiveRefused as error:
            raise CodebookError(str(error)) from None
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError):
            raise CodebookError(_(DAMAGED_ARCHIVE).format(file=filename)) from None
        qde = next((name for name in files if name.lower().endswith("project.qde")), None)
        if qde is None:
            raise CodebookError(_(NO_PROJECT_QDE).format(file=filename))
        root = xml_root(files[qde], f"{filename}/{qde}", "Project", QDE_NOT_XML, NOT_A_PROJECT)
    else:
        root = xml_root(data, filename, "Project", NEITHER_ARCHIVE_NOR_XML, NOT_A_PROJECT)
    notes: list[str] = []
    users = tuple(
        User(u.get("guid", ""), u.get("name") or u.get("id") or "")
        for s in _children(root, "Users")
        for u in _children(s, "User")
    )
    codes: list[Code] = []
    for book in _children(root, "CodeBook"):
        for section in _children(book, "Codes"):
            codes.extend(_read_code(element, notes, "") for element in _children(section, "Code"))
    variables = tuple(
        Variable(v.get("guid", ""), v.get("name", ""), v.get("typeOfVariable", "Text"))
        for s in _children(root, "Variables")
        for v in _children(s, "Variable")
    )
    sources: list[TextSource] = []
    selections: list[Selection] = []
    for section in _children(root, "Sources"):
        for element in section:
            kind = _local(element.tag)
            name = element.get("name") or ""
            if kind != "TextSource":
                inner = sum(1 for e in element.iter() if _local(e.tag).endswith("Selection"))
                notes.append(
                    ngettext(
                        '{kind} "{name}" skipped, with {count} selection in it (only text '
                        "sources are imported)",
                        '{kind} "{name}" skipped, with {count} selections in it (only text '
                        "sources are imported)",
                        inner,
                    ).format(kind=kind, name=name, count=inner)
                    if inner
                    else _('{kind} "{name}" skipped (only text sources are imported)').format(
                        kind=kind, name=name
                    )
                )
                continue
            guid = element.get("guid", "")
            if not GUID_PATTERN.fullmatch(guid):
                raise CodebookError(
                    _(
                        'text source "{name}": guid "{guid}" is not a GUID as REFI-QDA defines '
                        "it (e.g. 5D1F9A5C-8E0B-4C39-9E8A-2F3C4B5D6E7F)"
                    ).format(name=name, guid=guid[:60])
                )
            path = element.get("plainTextPath") or ""
            content = next((c.text or "" for c in _children(element, "PlainTextContent")), None)
            raw = _text_of(files, path) if path else None
            if raw is not None:
                text = _source_text(raw, path)
            elif content is not None:
                text = content
            else:
                text = ""
                notes.append(
                    _('text source "{name}": its text ({path}) is not in the file').format(
                        name=name or path, path=path
                    )
                    if path
                    else _(
                        'text source "{name}": its text is not in the file (no path is given)'
                    ).format(name=name)
                )
            if not name:
                name = path.removeprefix("internal://").rsplit("/", 1)[-1] or guid
            sources.append(TextSource(guid, name, text))
            for chosen in _children(element, "PlainTextSelection"):
                codings = tuple(
                    Coding(
                        c.get("guid", ""),
                        next((r.get("targetGUID", "") for r in _children(c, "CodeRef")), ""),
                        c.get("creatingUser"),
                        c.get("creationDateTime"),
                    )
                    for c in _children(chosen, "Coding")
                )
                try:
                    # Without its text (noted above) a passage is kept as the file gives it,
                    # for the text may come later; with it, it must lie within the text.
                    start, end = check_passage(
                        chosen.get("startPosition", ""),
                        chosen.get("endPosition", ""),
                        len(text) if text else MAX_POSITION,
                    )
                except PassagePositionError as error:
                    notes.append(
                        _('selection in "{name}" left out: {reason}').format(
                            name=name, reason=error.reason.render()
                        )
                    )
                    continue
                label = chosen.get("name") or ""
                if not codings:
                    notes.append(
                        _('selection {start}–{end} in "{name}" has no coding').format(
                            start=start, end=end, name=name
                        )
                    )
                selections.append(
                    Selection(
                        chosen.get("guid", ""),
                        guid,
                        start,
                        end,
                        codings,
                        label,
                        next((d.text or "" for d in _children(chosen, "Description")), ""),
                        chosen.get("creatingUser"),
                    )
                )
    cases = []
    types = {v.guid: v.type for v in variables}
    for section in _children(root, "Cases"):
        for element in _children(section, "Case"):
            values = []
            for holder in _children(element, "VariableValue"):
                ref = next((r.get("targetGUID", "") for r in _children(holder, "VariableRef")), "")
                value = next(
                    (
                        v.text or ""
                        for v in holder
                        if _local(v.tag).endswith("Value") and _local(v.tag) != "VariableValue"
                    ),
                    "",
                )
                values.append((ref, value))
                if ref not in types:
                    notes.append(
                        _('case "{case}": variable {variable} is not declared').format(
                            case=element.get("name", ""), variable=ref
                        )
                    )
            cases.append(
                Case(
                    element.get("guid", ""),
                    element.get("name", ""),
                    tuple(values),
                    tuple(r.get("targetGUID", "") for r in _children(element, "SourceRef")),
                    next((d.text or "" for d in _children(element, "Description")), ""),
                )
            )
    memos = _read_memos(root, files, notes)
    for tag in ("Links", "Sets", "Graphs"):
        count = sum(len(list(section)) for section in _children(root, tag))
        if count:
            notes.append(
                ngettext(
                    "{count} item of {section} not imported",
                    "{count} items of {section} not imported",
                    count,
                ).format(count=count, section=tag)
            )
    project = Project(
        name=root.get("name", ""),
        codebook=Codebook(tuple(codes), origin=root.get("origin", "")),
        users=users,
        sources=tuple(sources),
        selections=tuple(selections),
        variables=variables,
        cases=tuple(cases),
        origin=root.get("origin", ""),
        memos=memos,
    )
    return ImportedProject(project, tuple(notes))


def _read_memos(root: Any, files: dict[str, bytes], notes: list[str]) -> tuple[Memo, ...]:
    """The project's notes as memos, each on what refers to it: a code or a text source (by
    its NoteRef), the project (its own NoteRef, or nothing refers to it); a note on anything
    else (a selection, a set, a link) is kept as a project memo, and listed."""
    targets: dict[str, str] = {}
    elsewhere: set[str] = set()
    for element in root.iter():
        tag = _local(element.tag)
        for ref in _children(element, "NoteRef"):
            note = ref.get("targetGUID", "").lower()
            if tag in ("Code", "TextSource"):
                targets[note] = element.get("guid", "")
            elif tag != "Project":
                elsewhere.add(note)
    memos = []
    for section in _children(root, "Notes"):
        for element in _children(section, "Note"):
            guid = element.get("guid", "")
            content = next((c.text or "" for c in _children(element, "PlainTextContent")), None)
            path = element.get("plainTextPath") or ""
            raw = _text_of(files, path) if path and content is None else None
            text = _source_text(raw, path) if raw is not None else content or ""
            if guid.lower() in elsewhere:
                notes.append(
                    _(
                        'note "{name}" is on a selection, set or link; kept as a memo on the '
                        "project"
                    ).format(name=element.get("name", ""))
                )
            memos.append(
                Memo(
                    guid,
                    text,
                    targets.get(guid.lower(), ""),
                    element.get("name", ""),
                    element.get("creatingUser"),
                    element.get("creationDateTime"),
                )
            )
    return tuple(memos)


def segments_of(project: Project) -> list[Any]:
    """Every coding as an agreement Segment (source GUID, start, end, code GUID, coder GUID;
    a coding without a coder takes its selection's)."""
    from dxtalent.core.interviews.agreement import Segment

    return [
        Segment(s.source, s.start, s.end, c.code, c.user or s.user or "")
        for s in project.selections
        for c in s.codings
    ]
