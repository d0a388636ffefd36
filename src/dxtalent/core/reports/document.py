"""A report as content, once: headings, paragraphs, tables and bar charts, with the facts every
page carries (organisation, dates, version, sources). Renderers (`typst_pdf`, `word`) turn the
same Document into a PDF and a .docx."""

from __future__ import annotations

import datetime as dt
import enum
import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import ParamSpec, TypeVar

from dxtalent.core import i18n
from dxtalent.core.calendar import format_day
from dxtalent.core.i18n import _, in_language


class Audience(enum.StrEnum):
    """Who a report is for. COUNCIL: capabilities, counts, roles and costs, no named person
    and no personal level. INTERNAL: names and levels; only an organisation's editors may
    produce it."""

    COUNCIL = "council"
    INTERNAL = "internal"


class UnknownAudienceError(ValueError):
    """An audience that is neither council nor internal."""


def audience_of(value: str) -> Audience:
    """The Audience named by `value` ("council" or "internal"); UnknownAudienceError naming the
    value and what is accepted otherwise."""
    try:
        return Audience(value)
    except ValueError:
        raise UnknownAudienceError(
            f'audience "{value}" is not known; "council" or "internal" is accepted'
        ) from None


@dataclass(frozen=True)
class Heading:
    """A section title; level 1 or 2."""

    text: str
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of plain text (no markup). note: set smaller, as a source or caveat."""

    text: str
    note: bool = False


@dataclass(frozen=True)
class Table:
    """A table: header cells, then rows of cells (plain text). numeric: the columns (0-based)
    set flush right (money, counts). caption: shown above the table."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[int, ...] = ()
    caption: str = ""


@dataclass(frozen=True)
class BarChart:
    """Grouped vertical bars: one group per category, one bar per series (name, a value per
    category, ≥ 0). unit: what the axis counts ("千円", "人"). horizontal: the bars run from
    left to right, a category's label before them (long labels: a survey's options)."""

    title: str
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[float, ...]], ...]
    unit: str = ""
    horizontal: bool = False


Block = Heading | Paragraph | Table | BarChart


@dataclass(frozen=True)
class Document:
    """A whole report. title: its title; organisation: the organisation's name; audience: the
    version it is (stated on the first page); generated: the day it was made; data_as_of: the
    day its data describes; language: "ja" or "en"; blocks: the content in order; sources:
    where its figures and rules come from, listed at the end."""

    title: str
    organisation: str
    audience: Audience
    generated: dt.date
    data_as_of: dt.date
    language: str
    blocks: tuple[Block, ...]
    sources: tuple[str, ...] = ()

    def text(self) -> str:
        """Every piece of text of the report, one per line (for checks of glyphs and names)."""
        parts = [self.title, self.organisation, *self.front_matter(), *self.sources]
        for block in self.blocks:
            if isinstance(block, Heading | Paragraph):
                parts.append(block.text)
            elif isinstance(block, Table):
                parts += [block.caption, *block.header, *(c for row in block.rows for c in row)]
            else:
                parts += [block.title, block.unit, *block.categories, *(s[0] for s in block.series)]
        return "\n".join(part for part in parts if part)

    def front_matter(self) -> tuple[str, ...]:
        """The lines under the title: version, organisation, generated and data-as-of days."""
        ja = self.language == "ja"
        with in_language(self.language):
            version = (
                _("Council version (no named person, no personal rating)")
                if self.audience is Audience.COUNCIL
                else _("Internal version (names and levels: handle with care)")
            )
            return (
                _("Organisation: {organisation}").format(organisation=self.organisation),
                _("Version: {version}").format(version=version),
                _("Generated: {day}").format(day=format_day(self.generated, "ja" if ja else "en")),
                _("Data as of: {day}").format(
                    day=format_day(self.data_as_of, "ja" if ja else "en")
                ),
            )

    def page_label(self) -> str:
        """The footer's words before the page number."""
        return self.title


P = ParamSpec("P")
R = TypeVar("R")


def written_in_its_language(build: Callable[P, R]) -> Callable[P, R]:
    """A report builder that writes in the `language` it is given (its argument of that
    name), whatever the language of the request or command that calls it."""
    signature = inspect.signature(build)

    @functools.wraps(build)
    def written(*args: P.args, **kwargs: P.kwargs) -> R:
        with in_language(signature.bind(*args, **kwargs).arguments["language"]):
            return build(*args, **kwargs)

    return written


def yen(amount: int, language: str) -> str:
    """Yen with thousands separators: "1,234,000円" / "¥1,234,000"."""
    with in_language(language):
        return i18n.yen(amount)
