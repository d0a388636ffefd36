"""The policy chapter as an officer edits it: the generated draft (core.reports.policy) split
into sections, each keeping what the data says (the generated statements, each with its
source, and tables) apart from the officer's own prose.

Regenerating after the data changed replaces the generated part of each section and keeps the
prose; `diff_sections` says, per section, what changed between two versions: in the prose and
in the generated figures. A version is stored as JSON (`sections_to_json`) and read back
(`sections_from_json`); `draft_document` turns a version into a Document for the PDF and .docx
renderers."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from dxtalent.core.i18n import gettext as _
from dxtalent.core.i18n import in_language
from dxtalent.core.reports.document import (
    Audience,
    BarChart,
    Block,
    Document,
    Heading,
    Paragraph,
    Table,
)
from dxtalent.core.reports.policy import CITED

# A section's key: the number its heading starts with ("3 人材の育成" → "3").
_KEY = re.compile(r"^(\S+)\s")
PROSE_MAX_CHARS = 20_000


class PolicyDraftFormatError(ValueError):
    """A stored draft version that is not in the shape sections_to_json writes."""


class UnknownPolicySectionError(ValueError):
    """Prose given for a section the draft does not have."""


class ProseTooLongError(ValueError):
    """A section's prose beyond PROSE_MAX_CHARS characters."""


@dataclass(frozen=True)
class Statement:
    """One generated sentence and where it comes from (source "" for a note, which is a
    source or a caveat itself)."""

    text: str
    source: str
    note: bool = False


@dataclass(frozen=True)
class Section:
    """One section of the chapter. key: its number ("1"–"8"), the same across regenerations;
    title: its heading; generated: the blocks drafted from the data (statements with their
    sources, tables); prose: the officer's text ("" until they write some), paragraphs
    separated by blank lines."""

    key: str
    title: str
    generated: tuple[Block, ...]
    prose: str = ""

    def statements(self) -> tuple[Statement, ...]:
        """The generated paragraphs as statements with their sources."""
        found = []
        for block in self.generated:
            if isinstance(block, Paragraph):
                found.append(split_source(block))
        return tuple(found)

    def figure_lines(self) -> tuple[str, ...]:
        """The generated part as lines of text, the unit a figures' diff compares: each
        statement with its source, a table's caption and each row (cells joined by " | ")."""
        lines: list[str] = []
        for block in self.generated:
            if isinstance(block, Heading | Paragraph):
                lines.append(block.text)
            elif isinstance(block, Table):
                if block.caption:
                    lines.append(block.caption)
                lines.append(" | ".join(block.header))
                lines += [" | ".join(row) for row in block.rows]
            else:
                lines.append(block.title)
                lines += [
                    f"{name}: "
                    + ", ".join(
                        f"{c} {v:g}" for c, v in zip(block.categories, values, strict=False)
                    )
                    for name, values in block.series
                ]
        return tuple(lines)

    def prose_lines(self) -> tuple[str, ...]:
        """The prose's non-empty lines, the unit a prose diff compares."""
        return tuple(line.rstrip() for line in self.prose.splitlines() if line.strip())


@dataclass(frozen=True)
class DraftMeta:
    """What a version carries besides its sections: the chapter's title, the day its data
    describes, its language ("ja" or "en"), its sources, and the blocks before the first
    section (the note on MIC's guideline)."""

    title: str
    data_as_of: dt.date
    language: str
    sources: tuple[str, ...]
    preamble: tuple[Block, ...] = ()


def split_source(paragraph: Paragraph) -> Statement:
    """A generated paragraph as (text, source); a note, or a paragraph without the source
    suffix, keeps its whole text with source ""."""
    if paragraph.note:
        return Statement(paragraph.text, "", note=True)
    match = CITED.match(paragraph.text)
    if match is None:
        return Statement(paragraph.text, "")
    return Statement(match["text"], match["ja"] or match["en"] or "")


def draft_sections(document: Document) -> tuple[DraftMeta, tuple[Section, ...]]:
    """A generated chapter (policy.policy_document) split at its level-1 headings into
    sections with no prose yet, and what comes before them."""
    preamble: list[Block] = []
    sections: list[Section] = []
    for block in document.blocks:
        if isinstance(block, Heading) and block.level == 1:
            match = _KEY.match(block.text)
            key = match.group(1) if match else str(len(sections) + 1)
            sections.append(Section(key, block.text, ()))
        elif sections:
            last = sections[-1]
            sections[-1] = replace(last, generated=(*last.generated, block))
        else:
            preamble.append(block)
    meta = DraftMeta(
        title=document.title,
        data_as_of=document.data_as_of,
        language=document.language,
        sources=document.sources,
        preamble=tuple(preamble),
    )
    return meta, tuple(sections)


def regenerate(old: Sequence[Section], new: Sequence[Section]) -> tuple[Section, ...]:
    """The newly generated sections with the officer's prose of `old` kept, section by key. A
    section with prose that the new draft no longer has is kept after the others with its
    prose and nothing generated, so that no edit is lost."""
    prose = {section.key: section.prose for section in old}
    kept = tuple(replace(section, prose=prose.get(section.key, "")) for section in new)
    keys = {section.key for section in new}
    orphans = tuple(
        replace(section, generated=())
        for section in old
        if section.key not in keys and section.prose
    )
    return kept + orphans


def edit(sections: Sequence[Section], prose: Mapping[str, str]) -> tuple[Section, ...]:
    """The sections with the prose of each key in `prose` replaced (line ends made "\\n",
    trailing spaces taken off); UnknownPolicySectionError for a key the draft does not have,
    ProseTooLongError for prose beyond PROSE_MAX_CHARS."""
    keys = {section.key for section in sections}
    for key, text in prose.items():
        if key not in keys:
            raise UnknownPolicySectionError(
                _('Section "{key}" is not in the draft; its sections are {keys}.').format(
                    key=key, keys=", ".join(section.key for section in sections)
                )
            )
        if len(text) > PROSE_MAX_CHARS:
            raise ProseTooLongError(
                _(
                    "Section {key}: the text has {found:,} characters; at most {limit:,} are "
                    "accepted."
                ).format(key=key, found=len(text), limit=PROSE_MAX_CHARS)
            )
    return tuple(
        replace(section, prose=_normalised(prose[section.key])) if section.key in prose else section
        for section in sections
    )


def _normalised(text: str) -> str:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip("\n")


# Differences ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DiffLine:
    """One line of a diff. change: "same", "removed" (only in the older version) or "added"
    (only in the newer one)."""

    change: str
    text: str


@dataclass(frozen=True)
class SectionDiff:
    """What differs in one section between two versions: its prose and its generated figures,
    each as lines marked same / removed / added."""

    key: str
    title: str
    prose: tuple[DiffLine, ...]
    figures: tuple[DiffLine, ...]

    @property
    def prose_changed(self) -> bool:
        return any(line.change != "same" for line in self.prose)

    @property
    def figures_changed(self) -> bool:
        return any(line.change != "same" for line in self.figures)

    @property
    def changed(self) -> bool:
        return self.prose_changed or self.figures_changed


def diff_lines(old: Sequence[str], new: Sequence[str]) -> tuple[DiffLine, ...]:
    """`old` to `new` line by line (difflib), in the new order: lines kept, removed, added."""
    out: list[DiffLine] = []
    matcher = difflib.SequenceMatcher(a=list(old), b=list(new), autojunk=False)
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag == "equal":
            out += [DiffLine("same", line) for line in new[b0:b1]]
            continue
        out += [DiffLine("removed", line) for line in old[a0:a1]]
        out += [DiffLine("added", line) for line in new[b0:b1]]
    return tuple(out)


def diff_sections(old: Sequence[Section], new: Sequence[Section]) -> tuple[SectionDiff, ...]:
    """Per section (the newer version's order, then sections only the older one has), what
    changed in the prose and in the generated figures."""
    before = {section.key: section for section in old}
    after = {section.key: section for section in new}
    keys = [section.key for section in new] + [s.key for s in old if s.key not in after]
    empty = Section("", "", ())
    diffs = []
    for key in keys:
        a, b = before.get(key, empty), after.get(key, empty)
        diffs.append(
            SectionDiff(
                key=key,
                title=b.title or a.title,
                prose=diff_lines(a.prose_lines(), b.prose_lines()),
                figures=diff_lines(a.figure_lines(), b.figure_lines()),
            )
        )
    return tuple(diffs)


# The document -----------------------------------------------------------------------------------


def draft_document(
    meta: DraftMeta,
    sections: Sequence[Section],
    *,
    organisation: str,
    generated: dt.date,
    number: int,
) -> Document:
    """Version `number` of the draft as a Document: per section its heading, the officer's
    prose (a paragraph per blank-line-separated block), then the generated statements with
    their sources and the tables. Names no person (the author of a version is in the app's
    history, not in the public document)."""
    with in_language(meta.language):
        label = _("Version {number}").format(number=number)
    blocks: list[Block] = [Paragraph(label, note=True), *meta.preamble]
    for section in sections:
        blocks.append(Heading(section.title))
        for paragraph in re.split(r"\n\s*\n", section.prose):
            if paragraph.strip():
                blocks.append(Paragraph(paragraph.strip()))
        blocks += section.generated
    return Document(
        title=meta.title,
        organisation=organisation,
        audience=Audience.COUNCIL,
        generated=generated,
        data_as_of=meta.data_as_of,
        language=meta.language,
        blocks=tuple(blocks),
        sources=meta.sources,
    )


# Storage ----------------------------------------------------------------------------------------


def _block_dict(block: Block) -> dict[str, Any]:
    if isinstance(block, Heading):
        return {"kind": "heading", "text": block.text, "level": block.level}
    if isinstance(block, Paragraph):
        return {"kind": "paragraph", "text": block.text, "note": block.note}
    if isinstance(block, Table):
        return {
            "kind": "table",
            "header": list(block.header),
            "rows": [list(row) for row in block.rows],
            "numeric": list(block.numeric),
            "caption": block.caption,
        }
    return {
        "kind": "chart",
        "title": block.title,
        "categories": list(block.categories),
        "series": [[name, list(values)] for name, values in block.series],
        "unit": block.unit,
    }


def _block(data: Mapping[str, Any]) -> Block:
    kind = data.get("kind")
    if kind == "heading":
        return Heading(str(data["text"]), int(data.get("level", 1)))
    if kind == "paragraph":
        return Paragraph(str(data["text"]), bool(data.get("note", False)))
    if kind == "table":
        return Table(
            header=tuple(str(cell) for cell in data["header"]),
            rows=tuple(tuple(str(cell) for cell in row) for row in data["rows"]),
            numeric=tuple(int(index) for index in data.get("numeric", ())),
            caption=str(data.get("caption", "")),
        )
    if kind == "chart":
        return BarChart(
            title=str(data["title"]),
            categories=tuple(str(c) for c in data["categories"]),
            series=tuple(
                (str(name), tuple(float(v) for v in values)) for name, values in data["series"]
            ),
            unit=str(data.get("unit", "")),
        )
    raise PolicyDraftFormatError(
        f'block kind "{kind}" is not known; heading, paragraph, table or chart is accepted'
    )


def sections_to_json(meta: DraftMeta, sections: Sequence[Section]) -> dict[str, Any]:
    """A version as JSON-ready data (what PolicyDraftVersion.content stores)."""
    return {
        "title": meta.title,
        "data_as_of": meta.data_as_of.isoformat(),
        "language": meta.language,
        "sources": list(meta.sources),
        "preamble": [_block_dict(block) for block in meta.preamble],
        "sections": [
            {
                "key": section.key,
                "title": section.title,
                "generated": [_block_dict(block) for block in section.generated],
                "prose": section.prose,
            }
            for section in sections
        ],
    }


def sections_from_json(data: Mapping[str, Any]) -> tuple[DraftMeta, tuple[Section, ...]]:
    """A version read back from sections_to_json's data; PolicyDraftFormatError naming what is
    missing otherwise."""
    try:
        meta = DraftMeta(
            title=str(data["title"]),
            data_as_of=dt.date.fromisoformat(str(data["data_as_of"])),
            language=str(data["language"]),
            sources=tuple(str(source) for source in data["sources"]),
            preamble=tuple(_block(block) for block in data.get("preamble", ())),
        )
        sections = tuple(
            Section(
                key=str(section["key"]),
                title=str(section["title"]),
                generated=tuple(_block(block) for block in section["generated"]),
                prose=str(section.get("prose", "")),
            )
            for section in data["sections"]
        )
    except (KeyError, TypeError, ValueError) as error:
        if isinstance(error, PolicyDraftFormatError):
            raise
        raise PolicyDraftFormatError(f"a stored policy draft lacks or mistypes {error}") from None
    return meta, sections
