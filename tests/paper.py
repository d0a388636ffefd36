"""The source paper for tests: its sections, footnotes and tables read from the text in
../shared/seed, and the citations of it (`Nakagawa 2025, "Method"`) found in dxtalent's
sources, so that tests can check that a cited section exists and that a quoted passage or a
table is where the citation says.

The paper's text is a PDF export: page breaks split paragraphs and put footnotes between the
two halves. Each section's text is therefore its lines without the footnote lines, joined and
with white space collapsed and footnote markers (superscript digits) removed.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pytest
import yaml

from dxtalent.core.paper import SECTIONS

ROOT = Path(__file__).resolve().parents[1]
SEED = Path("seed") / "nakagawa-2025-digital-talent-local-governments.txt"
# ../shared beside the checkout; ../../shared beside a worktree of it (worktrees/NAME).
SHARED_CANDIDATES = (ROOT.parent / "shared", ROOT.parent.parent / "shared")

SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹"
MARKER = re.compile(f"[{SUPERSCRIPT}]+")
FOOTNOTE_LINE = re.compile(rf"^\s*([{SUPERSCRIPT}]+)\s*(.*)$")
TABLE_LINE = re.compile(r"^Table (\d+)\.$")
SMALL_WORDS = {"and", "of", "the", "for", "in", "on", "to", "a", "an"}


def _number(marker: str) -> int:
    return int(marker.translate(str.maketrans(SUPERSCRIPT, "0123456789")))


def normalise(text: str) -> str:
    """White space collapsed, footnote markers removed."""
    return " ".join(MARKER.sub("", text).split())


def is_title_case(text: str) -> bool:
    """Whether `text` reads like a section heading: at most five words, each capitalised but
    for small words ("Data and Empirics"), no digits or punctuation."""
    words = text.split()
    return (
        0 < len(words) <= 5
        and words[0][:1].isupper()
        and all(re.fullmatch(r"[A-Z][a-z]+", w) or w in SMALL_WORDS for w in words)
    )


@dataclass
class Paper:
    """The paper's top-level sections in order, each section's text, the footnotes by number
    with the section their marker is in, the section each table is printed in, and the whole
    text (title included)."""

    headings: list[str] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    footnotes: dict[int, str] = field(default_factory=dict)
    footnote_sections: dict[int, str] = field(default_factory=dict)
    table_sections: dict[int, str] = field(default_factory=dict)
    whole: str = ""

    def section(self, name: str) -> str:
        return self.texts[name]


def parse(text: str) -> Paper:
    """The paper from its text. A heading is a line standing alone between blank lines that
    reads like a title ("Data and Empirics"); subsection headings ("Digital talent in the
    public sector") are sentence case and stay in their section's text. The body runs from
    "Abstract" to "References"."""
    lines = text.splitlines()
    paper = Paper(whole=normalise(text))
    current: str | None = None
    body: dict[str, list[str]] = {}
    markers: dict[str, str] = {}
    for i, raw in enumerate(lines):
        line = raw.strip()
        alone = (i == 0 or not lines[i - 1].strip()) and (
            i + 1 == len(lines) or not lines[i + 1].strip()
        )
        if alone and is_title_case(line):
            if line == "References":
                break
            if line == "Abstract" or current is not None:
                current = line
                paper.headings.append(line)
                body[line] = []
                continue
        if current is None:
            continue
        footnote = FOOTNOTE_LINE.match(line)
        if footnote:
            paper.footnotes[_number(footnote.group(1))] = normalise(footnote.group(2))
            continue
        table = TABLE_LINE.match(line)
        if table:
            paper.table_sections[int(table.group(1))] = current
        body[current].append(line)
        markers[current] = markers.get(current, "") + " " + line
    for name, section_lines in body.items():
        paper.texts[name] = normalise(" ".join(section_lines))
        # A marker follows a word or punctuation ("months.⁸"); a table's "Responses ⁹" too.
        for marker in MARKER.findall(markers.get(name, "")):
            paper.footnote_sections.setdefault(_number(marker), name)
    return paper


def shared_dir() -> Path | None:
    """../shared (or ../../shared from a worktree), if it holds the paper."""
    return next((c for c in SHARED_CANDIDATES if (c / SEED).is_file()), None)


@cache
def _paper() -> Paper | None:
    shared = shared_dir()
    return parse((shared / SEED).read_text(encoding="utf-8")) if shared else None


def the_paper() -> Paper:
    """The parsed paper; the test is skipped when ../shared/seed is not there."""
    paper = _paper()
    if paper is None:
        pytest.skip(f"the paper is not at ../shared/{SEED} (looked in {SHARED_CANDIDATES})")
    return paper


# --- citations -------------------------------------------------------------------------------

CITATION = re.compile(r"Nakagawa,? (?:G\. )?\(?2025\)?")
QUOTED = re.compile(r"\"([^\"]+)\"|“([^”]+)”")
# A section named without quotes right after the citation: "Nakagawa 2025, Introduction".
BARE_SECTION = re.compile(
    r"^,? (?:sections? )?([A-Z][a-z]+(?: and [A-Z][a-z]+| [A-Z][a-z]+)?"
    r"|abstract|introduction|method|discussion|conclusion)\b"
)
FOOTNOTE = re.compile(r"\bfootnotes? (\d+)")
TABLES = re.compile(r"\bTables? (\d+(?:(?:, | and | to |–|-)\d+)*)")
NOT_SECTIONS = {"Table", "Tables", "And", "The", "See"}


@dataclass(frozen=True)
class Claim:
    """What a citation says: `kind` is "section" (text: its name), "passage" (text: the
    quoted words), "table" or "footnote" (text: the number). `where`: for a passage or a
    table, the section (or "footnote N") last named before it; for a footnote, the section
    named right before it ("Method", footnote 8); else ""."""

    kind: str
    text: str
    where: str = ""


@dataclass(frozen=True)
class Citation:
    origin: str  # the file
    tail: str  # the citation and what follows it in the same text, up to the next one

    def claims(self) -> Iterator[Claim]:
        """Sections, passages, tables and footnotes in the order the citation names them."""
        tail = CITATION.sub("", self.tail, count=1)
        where = ""
        last_section_end = -1
        bare = BARE_SECTION.match(tail)
        if bare and bare.group(1) not in NOT_SECTIONS:
            where = bare.group(1)
            last_section_end = bare.end()
            yield Claim("section", where)
        events: list[tuple[int, int, Claim]] = []
        for match in QUOTED.finditer(tail):
            quoted = " ".join((match.group(1) or match.group(2)).split())
            if is_title_case(quoted):
                events.append((match.start(), match.end(), Claim("section", quoted)))
            elif len(quoted.split()) >= 2:
                events.append((match.start(), match.end(), Claim("passage", quoted)))
        for match in FOOTNOTE.finditer(tail):
            events.append((match.start(), match.end(), Claim("footnote", match.group(1))))
        for match in TABLES.finditer(tail):
            for number in _table_numbers(match.group(1)):
                events.append((match.start(), match.end(), Claim("table", str(number))))
        section = where
        for start, end, claim in sorted(events, key=lambda e: e[0]):
            if claim.kind == "section":
                where = section = claim.text
                last_section_end = end
                yield claim
            elif claim.kind == "footnote":
                between = tail[last_section_end:start] if last_section_end >= 0 else "x"
                adjacent = re.fullmatch(r"[\s,:;]*(?:and |in its )?", between) is not None
                yield Claim("footnote", claim.text, section if adjacent else "")
                where = f"footnote {claim.text}"
            else:
                yield Claim(claim.kind, claim.text, where)


def _table_numbers(text: str) -> list[int]:
    numbers: list[int] = []
    for part in re.split(r", | and ", text):
        bounds = re.split(r" to |–|-", part)
        if len(bounds) == 2:
            numbers += range(int(bounds[0]), int(bounds[1]) + 1)
        else:
            numbers.append(int(bounds[0]))
    return numbers


def citations_in(text: str, origin: str) -> Iterator[Citation]:
    """Each citation of the paper in `text` (one string, comment block or paragraph), with
    what follows it up to the next citation, a table cell's end or 400 characters."""
    text = " ".join(text.split())
    matches = list(CITATION.finditer(text))
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        tail = text[match.start() : min(end, match.start() + 400)].split(" | ", 1)[0]
        yield Citation(origin, tail)


def _python_texts(path: Path) -> Iterator[str]:
    source = path.read_text(encoding="utf-8")
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.value
    block: list[str] = []
    last = -2
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            if token.start[0] != last + 1 and block:
                yield " ".join(block)
                block = []
            block.append(token.string.lstrip("#"))
            last = token.start[0]
    if block:
        yield " ".join(block)


def _yaml_texts(path: Path) -> Iterator[str]:
    source = path.read_text(encoding="utf-8")

    def walk(value: object) -> Iterator[str]:
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for item in value.values():
                yield from walk(item)
        elif isinstance(value, list):
            for item in value:
                yield from walk(item)

    yield from walk(yaml.safe_load(source))
    block: list[str] = []
    for line in [*source.splitlines(), ""]:
        if line.lstrip().startswith("#"):
            block.append(line.lstrip()[1:])
        elif block:
            yield " ".join(block)
            block = []


def _paragraphs(path: Path) -> Iterator[str]:
    yield from re.split(r"\n\s*\n", path.read_text(encoding="utf-8"))


def source_files() -> list[Path]:
    """dxtalent's own sources that may cite the paper: code, data, templates, docs."""
    src = ROOT / "src" / "dxtalent"
    found = [
        *src.rglob("*.py"),
        *src.rglob("*.yaml"),
        *src.rglob("*.html"),
        *(ROOT / "docs").rglob("*.md"),
        ROOT / "README.md",
    ]
    return sorted(p for p in found if "migrations" not in p.parts)


def all_citations() -> list[Citation]:
    """Every citation of the paper in source_files()."""
    citations: list[Citation] = []
    for path in source_files():
        origin = str(path.relative_to(ROOT))
        if path.suffix == ".py":
            texts = _python_texts(path)
        elif path.suffix == ".yaml":
            texts = _yaml_texts(path)
        else:
            texts = _paragraphs(path)
        for text in texts:
            citations += citations_in(text, origin)
    return citations


def section_names() -> tuple[str, ...]:
    return SECTIONS
