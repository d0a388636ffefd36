"""Codebooks: hierarchical codes with descriptions, colours and whether they can be applied
(a category may only group others), as REFI-QDA exchanges them; the shipped codebook seeded
with the framework of Nakagawa (2025); and .qdc export and import.

REFI-QDA codebook files (`.qdc`, namespace urn:QDA-XML:codebook:1.0) carry one name and one
description per code: the shipped bilingual codebook is exported in one language, its example
of what belongs appended to the description. Import takes what a file carries and lists what
it skipped or repaired: a code without a valid GUID gets one made from its name, an invalid
colour is dropped, a set member that names no code is left out.
"""

from __future__ import annotations

import functools
import re
import uuid
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any
from xml.etree import ElementTree as ET

import yaml
from defusedxml import DefusedXmlException  # type: ignore[import-untyped]  # no type stubs installed for defusedxml
from defusedxml import ElementTree as SafeET

from dxtalent.core.frameworks import Text
from dxtalent.core.i18n import _, gettext_noop

NS = "urn:QDA-XML:codebook:1.0"
GUID = re.compile(
    r"^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$"
    r"|^\{[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}$"
)
COLOR = re.compile(r"^#([A-Fa-f0-9]{6}|[A-Fa-f0-9]{3})$")
# GUIDs of the shipped codes are derived from their keys, so they never change.
GUID_NAMESPACE = uuid.UUID("0b6f2b9e-5a1f-4c8e-9d57-3f8f6c1d2a40")


class CodebookError(ValueError):
    """A codebook or project file that cannot be read at all; the message, in the reader's
    language, names the file and says why and what to do."""


# What is said of a REFI-QDA document that cannot be read (xml_root); each names the file.
CODEBOOK_NOT_XML = gettext_noop(
    '"{file}" is not a REFI-QDA codebook: it cannot be read as XML from line {line}, column '
    "{column}. Export the codebook from your QDA software as REFI-QDA (.qdc)."
)
NOT_A_CODEBOOK = gettext_noop(
    '"{file}" is XML but not a REFI-QDA codebook: its root element is <{found}>, where a '
    "codebook has <CodeBook>."
)
XML_REFUSED = gettext_noop(
    '"{file}" was refused: it declares a DTD or XML entities, which REFI-QDA files do not use '
    "and which can be used to attack a server. Export it again from your QDA software."
)


def xml_root(document: bytes, file: str, root: str, not_xml: str, wrong_root: str) -> Any:
    """The root element of a REFI-QDA document, which must be `root` ("CodeBook",
    "Project"). Raises CodebookError naming `file`: `not_xml` (a template with {file},
    {line} and {column}, counted from 1) when it is not XML, `wrong_root` (with {file} and
    {found}) when its root is another element, XML_REFUSED when it declares a DTD or entities
    (defusedxml refuses them: a billion laughs or an external entity)."""
    try:
        element = SafeET.fromstring(document)
    except SafeET.ParseError as error:
        line, column = error.position
        raise CodebookError(_(not_xml).format(file=file, line=line, column=column + 1)) from None
    except DefusedXmlException:
        raise CodebookError(_(XML_REFUSED).format(file=file)) from None
    if _local(element.tag) != root:
        raise CodebookError(_(wrong_root).format(file=file, found=_local(element.tag)))
    return element


@dataclass(frozen=True)
class Code:
    guid: str
    name: str
    codable: bool = True
    description: str = ""
    color: str | None = None
    children: tuple[Code, ...] = ()


@dataclass(frozen=True)
class CodeSet:
    guid: str
    name: str
    description: str = ""
    members: tuple[str, ...] = ()


@dataclass(frozen=True)
class Codebook:
    codes: tuple[Code, ...]
    sets: tuple[CodeSet, ...] = ()
    origin: str = ""

    def walk(self) -> Iterator[tuple[int, Code]]:
        """Every code with its depth (0 = top level), parents before children."""

        def visit(codes: tuple[Code, ...], depth: int) -> Iterator[tuple[int, Code]]:
            for code in codes:
                yield depth, code
                yield from visit(code.children, depth + 1)

        return visit(self.codes, 0)


@dataclass(frozen=True)
class ImportedCodebook:
    codebook: Codebook
    notes: tuple[str, ...] = field(default_factory=tuple)


# ---- The shipped codebook --------------------------------------------------------------


@dataclass(frozen=True)
class ShippedCode:
    key: str
    name: Text
    description: Text
    example: Text
    source: str
    codable: bool
    children: tuple[ShippedCode, ...]
    # (question code, option codes) of the reconstructed questionnaire the code speaks to.
    survey: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # The paper's words, verbatim, in the sections `source` names.
    passages: tuple[str, ...] = ()

    @property
    def guid(self) -> str:
        return str(uuid.uuid5(GUID_NAMESPACE, self.key))


def _shipped(raw: Mapping[str, Any]) -> ShippedCode:
    def text(value: Any) -> Text:
        value = value or {}
        return Text(str(value.get("ja", "")), str(value.get("en", "")))

    return ShippedCode(
        key=str(raw["key"]),
        name=text(raw["name"]),
        description=text(raw.get("description")),
        example=text(raw.get("example")),
        source=str(raw.get("source", "")),
        codable=bool(raw.get("codable", True)),
        children=tuple(_shipped(child) for child in raw.get("children") or ()),
        survey=tuple(
            (str(item["question"]), tuple(str(o) for o in item["options"]))
            for item in raw.get("survey") or ()
        ),
        passages=tuple(" ".join(str(p).split()) for p in raw.get("passages") or ()),
    )


@functools.cache
def shipped_codes() -> tuple[ShippedCode, ...]:
    """The codes of src/dxtalent/data/interviews/nakagawa-2025-codebook.yaml.

    Read once per process: the values are immutable and the file ships with the code."""
    pack = resources.files("dxtalent.data").joinpath("interviews", "nakagawa-2025-codebook.yaml")
    data = yaml.safe_load(pack.read_text(encoding="utf-8"))
    return tuple(_shipped(raw) for raw in data["codes"])


def shipped_codebook(language: str = "ja") -> Codebook:
    """The shipped codebook in one language, each example appended to its description."""
    example_label = "Example" if language == "en" else "例"

    def convert(code: ShippedCode) -> Code:
        description = code.description.get(language)
        example = code.example.get(language) if code.example.ja or code.example.en else ""
        if example:
            description = f"{description}\n{example_label}: {example}"
        return Code(
            guid=code.guid,
            name=code.name.get(language),
            codable=code.codable,
            description=description,
            children=tuple(convert(child) for child in code.children),
        )

    return Codebook(tuple(convert(code) for code in shipped_codes()), origin="dxtalent")


# ---- REFI-QDA .qdc ---------------------------------------------------------------------


def _code_element(
    parent: ET.Element,
    code: Code,
    namespace: str = NS,
    note_refs: Mapping[str, Sequence[str]] | None = None,
) -> None:
    """Write `code` and its children under `parent` in `namespace` (codebook or project);
    `note_refs`: code GUID → the GUIDs of its memos (a project's notes)."""
    attributes = {"guid": code.guid, "name": code.name, "isCodable": str(code.codable).lower()}
    if code.color:
        attributes["color"] = code.color
    element = ET.SubElement(parent, f"{{{namespace}}}Code", attributes)
    if code.description:
        ET.SubElement(element, f"{{{namespace}}}Description").text = code.description
    for note in (note_refs or {}).get(code.guid, ()):
        ET.SubElement(element, f"{{{namespace}}}NoteRef", {"targetGUID": note})
    for child in code.children:
        _code_element(element, child, namespace, note_refs)


def codebook_to_qdc(codebook: Codebook) -> bytes:
    """The codebook as a REFI-QDA .qdc document (UTF-8, with an XML declaration)."""
    ET.register_namespace("", NS)
    root = ET.Element(f"{{{NS}}}CodeBook", {"origin": codebook.origin or "dxtalent"})
    codes = ET.SubElement(root, f"{{{NS}}}Codes")
    for code in codebook.codes:
        _code_element(codes, code)
    if codebook.sets:
        sets = ET.SubElement(root, f"{{{NS}}}Sets")
        for code_set in codebook.sets:
            element = ET.SubElement(
                sets, f"{{{NS}}}Set", {"guid": code_set.guid, "name": code_set.name}
            )
            if code_set.description:
                ET.SubElement(element, f"{{{NS}}}Description").text = code_set.description
            for member in code_set.members:
                ET.SubElement(element, f"{{{NS}}}MemberCode", {"guid": member})
    ET.indent(root)
    text: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return text


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _read_code(element: Any, notes: list[str], path: str) -> Code:
    name = element.get("name") or ""
    guid = element.get("guid") or ""
    if not GUID.match(guid):
        made = str(uuid.uuid5(GUID_NAMESPACE, f"{path}/{name}"))
        notes.append(
            _('code "{name}": GUID "{guid}" is not valid; {made} made from its name').format(
                name=name, guid=guid, made=made
            )
        )
        guid = made
    color = element.get("color")
    if color is not None and not COLOR.match(color):
        notes.append(
            _('code "{name}": colour "{color}" is not #RRGGBB; dropped').format(
                name=name, color=color
            )
        )
        color = None
    codable = (element.get("isCodable") or "true").strip().lower() in ("true", "1")
    description = ""
    children = []
    for child in element:
        tag = _local(child.tag)
        if tag == "Description":
            description = child.text or ""
        elif tag == "Code":
            children.append(_read_code(child, notes, f"{path}/{name}"))
        elif tag == "NoteRef":
            continue  # a memo on the code: read with the project's notes
        else:
            notes.append(_('code "{name}": element {tag} is not read').format(name=name, tag=tag))
    return Code(guid, name, codable, description, color, tuple(children))


def codebook_from_qdc(data: bytes, filename: str = "codebook.qdc") -> ImportedCodebook:
    """A codebook from a .qdc document, with notes on what was skipped or repaired. Raises
    CodebookError, naming `filename`, when the file is not XML or not a codebook."""
    root = xml_root(data, filename, "CodeBook", CODEBOOK_NOT_XML, NOT_A_CODEBOOK)
    notes: list[str] = []
    codes: list[Code] = []
    sets: list[CodeSet] = []
    for section in root:
        tag = _local(section.tag)
        if tag == "Codes":
            codes.extend(_read_code(element, notes, "") for element in section)
        elif tag == "Sets":
            for element in section:
                members = tuple(m.get("guid", "") for m in element if _local(m.tag) == "MemberCode")
                description = next(
                    (d.text or "" for d in element if _local(d.tag) == "Description"), ""
                )
                sets.append(
                    CodeSet(element.get("guid", ""), element.get("name", ""), description, members)
                )
        else:
            notes.append(_("element {tag} is not read").format(tag=tag))
    codebook = Codebook(tuple(codes), (), root.get("origin") or "")
    known = {code.guid for _depth, code in codebook.walk()}
    kept = []
    for code_set in sets:
        missing = [m for m in code_set.members if m not in known]
        for member in missing:
            notes.append(
                _('set "{set}": member {member} names no code; left out').format(
                    set=code_set.name, member=member
                )
            )
        kept.append(
            CodeSet(
                code_set.guid,
                code_set.name,
                code_set.description,
                tuple(m for m in code_set.members if m in known),
            )
        )
    return ImportedCodebook(Codebook(codebook.codes, tuple(kept), codebook.origin), tuple(notes))
