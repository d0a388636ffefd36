"""Templates of the training programmes the paper describes: what Nakagawa (2025) says about a
programme, each figure with the section, footnote and passage it comes from, and what the paper
does not say.

A template is a YAML pack in `dxtalent.data.programmes` with `kind: programme_template`. Its
`figures` are facts the source gives (a number such as 200 hours, or a text such as who takes
part); its `not_published` lists what the source leaves out (e.g. the cost per seat), which the
user must enter: a template never fills a gap with a guess. The checker collects every problem
in the file and raises one InvalidPackError listing them all, as framework packs do.

The shipped template is the Kanazawa case of Nakagawa (2025), "Method" and footnote 8: 200
hours of workshops over seven months, about 20 participants a fiscal year.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.resources import files
from types import MappingProxyType
from typing import Any

import yaml

from dxtalent.core.frameworks import InvalidPackError, PackProblem, Text
from dxtalent.core.paper import FOOTNOTES, SECTIONS, cite

SHIPPED_PACKAGE = "dxtalent.data.programmes"
TEMPLATE_KIND = "programme_template"
KANAZAWA = "NAKAGAWA-2025-KANAZAWA"

# The kinds of programme of the paper's Table 7 (JMRC 2024, HR departments): the same values
# as web.people.models.ProgrammeKind.
PROGRAMME_KINDS = (
    "external_training",
    "internal_training",
    "it_leader_selection",
    "qualification_support",
    "deployment",
)
# Figures every template gives: a programme is created from them.
REQUIRED_FIGURES = ("hours", "months", "seats_per_year")


class UnknownTemplateError(LookupError):
    """A template code that no shipped template has."""

    def __init__(self, code: str, known: tuple[str, ...]) -> None:
        self.code = code
        super().__init__(
            f'"{code}" is not a programme template; accepted: {", ".join(known) or "none"}'
        )


@dataclass(frozen=True)
class SourcedFigure:
    """One thing the source says about the programme.

    value: a whole number ≥ 0 (hours, months, people, years), None for a fact in words only.
    approximate: the source says "approximately". text: the fact in both languages. section:
    one of the paper's sections (core.paper.SECTIONS); footnote: its number when the fact is
    in a footnote, else None. passage: the source's words, verbatim (English).
    """

    key: str
    value: int | None
    text: Text
    section: str
    passage: str
    footnote: int | None = None
    approximate: bool = False

    @property
    def source(self) -> str:
        """The citation, e.g. `Nakagawa 2025, "Method", footnote 8: "…"`."""
        where = f'Nakagawa 2025, "{self.section}"'
        if self.footnote is not None:
            where += f", footnote {self.footnote}"
        return f'{where}: "{self.passage}"'


@dataclass(frozen=True)
class NotPublished:
    """Something the source does not give (key: e.g. "cost_per_seat"); text says so."""

    key: str
    text: Text


@dataclass(frozen=True)
class ProgrammeTemplate:
    """A published programme as a template.

    case: whose programme it is (e.g. Kanazawa City). programme_kind: one of PROGRAMME_KINDS,
    is_external: whether an outside body runs it (both dxtalent's classification). figures:
    what the source gives, in the pack's order; not_published: what it does not.
    """

    code: str
    version: str
    name: Text
    case: Text
    citation: str
    programme_kind: str
    is_external: bool
    figures: tuple[SourcedFigure, ...]
    not_published: tuple[NotPublished, ...]

    def figure(self, key: str) -> SourcedFigure:
        """The figure with `key`; KeyError naming the keys there are."""
        for figure in self.figures:
            if figure.key == key:
                return figure
        known = ", ".join(f.key for f in self.figures)
        raise KeyError(f'"{key}" is not a figure of {self.code}; accepted: {known}')

    def _number(self, key: str) -> int:
        value = self.figure(key).value
        assert value is not None  # REQUIRED_FIGURES are checked to be numbers on loading
        return value

    @property
    def hours(self) -> int:
        """Total contact hours."""
        return self._number("hours")

    @property
    def months(self) -> int:
        """Length in months."""
        return self._number("months")

    @property
    def seats_per_year(self) -> int:
        """Participants a fiscal year (approximate if the figure says so)."""
        return self._number("seats_per_year")

    def is_published(self, key: str) -> bool:
        """False when the source does not give `key` (e.g. "cost_per_seat")."""
        return all(item.key != key for item in self.not_published)

    def statements(self) -> tuple[SourcedFigure, ...]:
        """One figure per passage of the source, the first that quotes it: "200 hours of
        workshops over seven months" stands for the hours and the months."""
        seen: set[str] = set()
        kept = []
        for figure in self.figures:
            if figure.passage not in seen:
                seen.add(figure.passage)
                kept.append(figure)
        return tuple(kept)

    def notes(self, language: str) -> str:
        """The template as notes for a programme's description, in `language` ("ja" or "en"):
        a line naming the case, one line per passage of the source with the section (and
        footnote) it is in (figures quoting the same passage share a line), and one line per
        thing not published."""
        ja = language.replace("_", "-").split("-", 1)[0].lower() != "en"
        case = self.case.get(language)
        lines = [
            f"{case}の事例（Nakagawa 2025）に倣う。"
            if ja
            else f"After the case of {case} (Nakagawa 2025)."
        ]
        for figure in self.statements():
            where = cite(figure.section, language, figure.footnote, author=False)
            lines.append(
                f"- {figure.text.get(language)}（{where}）"
                if ja
                else f"- {figure.text.get(language)} ({where})"
            )
        for item in self.not_published:
            lines.append(f"- {item.text.get(language)}")
        return "\n".join(lines)


# --- reading -------------------------------------------------------------------------------


def _text(raw: Any, location: str, problems: list[PackProblem], required: bool = True) -> Text:
    if (
        isinstance(raw, Mapping)
        and isinstance(raw.get("ja"), str)
        and isinstance(raw.get("en"), str)
        and (not required or (raw["ja"].strip() and raw["en"].strip()))
    ):
        return Text(raw["ja"].strip(), raw["en"].strip())
    problems.append(
        PackProblem(location, repr(raw), "a mapping with a non-empty ja and a non-empty en text")
    )
    return Text("", "")


def _string(raw: Any, location: str, problems: list[PackProblem]) -> str:
    if isinstance(raw, str) and raw.strip():
        return " ".join(raw.split())
    problems.append(PackProblem(location, repr(raw), "a non-empty text"))
    return ""


def _whole(raw: Any, location: str, problems: list[PackProblem]) -> int | None:
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, int) or raw < 0:
        problems.append(PackProblem(location, repr(raw), "a whole number ≥ 0, or nothing"))
        return None
    return raw


def _figure(raw: Any, location: str, problems: list[PackProblem]) -> SourcedFigure | None:
    if not isinstance(raw, Mapping):
        problems.append(PackProblem(location, repr(raw), "a mapping with key, text, section"))
        return None
    section = raw.get("section")
    if section not in SECTIONS:
        problems.append(
            PackProblem(
                f"{location}.section",
                repr(section),
                "a section of the paper: " + ", ".join(f'"{s}"' for s in SECTIONS),
            )
        )
    footnote = raw.get("footnote")
    if footnote is not None and (
        isinstance(footnote, bool) or not isinstance(footnote, int) or footnote not in FOOTNOTES
    ):
        problems.append(
            PackProblem(
                f"{location}.footnote",
                repr(footnote),
                f"a footnote number from {FOOTNOTES.start} to {FOOTNOTES.stop - 1}, or nothing",
            )
        )
        footnote = None
    approximate = raw.get("approximate", False)
    if not isinstance(approximate, bool):
        problems.append(PackProblem(f"{location}.approximate", repr(approximate), "true or false"))
        approximate = False
    return SourcedFigure(
        key=_string(raw.get("key"), f"{location}.key", problems),
        value=_whole(raw.get("value"), f"{location}.value", problems),
        text=_text(raw.get("text"), f"{location}.text", problems),
        section=str(section or ""),
        passage=_string(raw.get("passage"), f"{location}.passage", problems),
        footnote=footnote,
        approximate=approximate,
    )


def template_from_dict(data: Any, origin: str) -> ProgrammeTemplate:
    """A template from its parsed YAML. Raises InvalidPackError listing every problem, each
    as `<origin>: <location>: <found> — <accepted>`; nothing is returned from a pack with any.

    Every figure needs a key (unique), a text in both languages, a section of the paper and the
    passage; hours, months and seats_per_year need a whole-number value. A key cannot be both
    a figure and not published."""
    problems: list[PackProblem] = []
    if not isinstance(data, Mapping):
        raise InvalidPackError(origin, [PackProblem("(file)", repr(data), "a mapping")])
    if data.get("kind") != TEMPLATE_KIND:
        problems.append(PackProblem("kind", repr(data.get("kind")), f'"{TEMPLATE_KIND}"'))
    programme_kind = data.get("programme_kind")
    if programme_kind not in PROGRAMME_KINDS:
        problems.append(
            PackProblem(
                "programme_kind",
                repr(programme_kind),
                "one of " + ", ".join(f'"{k}"' for k in PROGRAMME_KINDS),
            )
        )
    is_external = data.get("is_external")
    if not isinstance(is_external, bool):
        problems.append(PackProblem("is_external", repr(is_external), "true or false"))
    raw_figures = data.get("figures")
    if not isinstance(raw_figures, list) or not raw_figures:
        problems.append(PackProblem("figures", repr(raw_figures), "a list of figures"))
        raw_figures = []
    figures = []
    for i, raw in enumerate(raw_figures):
        figure = _figure(raw, f"figures[{i}]", problems)
        if figure is not None:
            figures.append(figure)
    keys = [f.key for f in figures]
    for key in sorted({k for k in keys if keys.count(k) > 1}):
        problems.append(PackProblem("figures", f'key "{key}" twice', "each key once"))
    by_key = {f.key: f for f in figures}
    for key in REQUIRED_FIGURES:
        if key not in by_key or by_key[key].value is None:
            problems.append(
                PackProblem(f"figures.{key}", "no whole-number value", "a whole number ≥ 0")
            )
    raw_missing = data.get("not_published") or []
    if not isinstance(raw_missing, list):
        problems.append(PackProblem("not_published", repr(raw_missing), "a list"))
        raw_missing = []
    not_published = []
    for i, raw in enumerate(raw_missing):
        location = f"not_published[{i}]"
        if not isinstance(raw, Mapping):
            problems.append(PackProblem(location, repr(raw), "a mapping with key and text"))
            continue
        key = _string(raw.get("key"), f"{location}.key", problems)
        if key in by_key:
            problems.append(
                PackProblem(f"{location}.key", f'"{key}" is also a figure', "one or the other")
            )
        not_published.append(
            NotPublished(key, _text(raw.get("text"), f"{location}.text", problems))
        )
    template = ProgrammeTemplate(
        code=_string(data.get("code"), "code", problems),
        version=_string(str(data.get("version") or ""), "version", problems),
        name=_text(data.get("name"), "name", problems),
        case=_text(data.get("case"), "case", problems),
        citation=_string(data.get("citation"), "citation", problems),
        programme_kind=str(programme_kind),
        is_external=bool(is_external),
        figures=tuple(figures),
        not_published=tuple(not_published),
    )
    if problems:
        raise InvalidPackError(origin, problems)
    return template


@functools.cache
def shipped_templates() -> Mapping[str, ProgrammeTemplate]:
    """The shipped templates (src/dxtalent/data/programmes) by code, in file-name order."""
    templates: dict[str, ProgrammeTemplate] = {}
    for entry in sorted(files(SHIPPED_PACKAGE).iterdir(), key=lambda e: e.name):
        if entry.name.endswith((".yaml", ".yml")):
            template = template_from_dict(
                yaml.safe_load(entry.read_text(encoding="utf-8")), entry.name
            )
            templates[template.code] = template
    return MappingProxyType(templates)


def shipped_template(code: str = KANAZAWA) -> ProgrammeTemplate:
    """The shipped template with `code` (default: the Kanazawa case of Nakagawa 2025);
    UnknownTemplateError if there is none."""
    templates = shipped_templates()
    try:
        return templates[code]
    except KeyError:
        raise UnknownTemplateError(code, tuple(templates)) from None
