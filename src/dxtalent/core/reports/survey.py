"""A survey's results as a report: who was invited and who answered (the response rate of each
department with its Wilson interval), then each choice question as the results page shows it,
a chart of the shares and the table of shares, counts and intervals, with the departments
compared where two were asked.

The figures are the page's (web.surveys.services.results and response_rates), passed in as
plain values. The respondents of a survey are organisations' departments, not people, so the
report names no person; like the page, it shows every cell (the one-organisation-against-the-
rest comparison of the page is left out: it singles one respondent out)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dxtalent.core.i18n import _, gettext_noop, ngettext, pgettext
from dxtalent.core.reports.document import (
    Audience,
    BarChart,
    Block,
    Document,
    Heading,
    Paragraph,
    Table,
    written_in_its_language,
)


@dataclass(frozen=True)
class Share:
    """count of base, the share and its Wilson 95 % interval (None: a base of 0)."""

    count: int
    base: int
    share: float | None = None
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True)
class RateLine:
    """One department's response rate: invited, started, submitted (share = submitted /
    invited)."""

    department: str
    invited: int
    started: int
    submitted: int
    rate: Share


@dataclass(frozen=True)
class OptionLine:
    """An option's cells by group; with two groups, the difference of shares (estimate, low,
    high), the test and the Holm-adjusted p-value."""

    label: str
    cells: tuple[Share, ...]
    difference: tuple[float, float, float] | None = None
    test: str | None = None
    p_adjusted: float | None = None


@dataclass(frozen=True)
class QuestionTable:
    code: str
    text: str
    groups: tuple[str, ...]
    bases: tuple[int, ...]
    rows: tuple[OptionLine, ...]

    @property
    def answered(self) -> bool:
        return any(self.bases)


@dataclass(frozen=True)
class PairedTable:
    """Two questions asked of different departments about the same items (the paper's Tables
    4 and 5, 8 and 9): each shared item's cells in both (first, second) with the difference."""

    first: str
    second: str
    groups: tuple[str, str]
    rows: tuple[OptionLine, ...]


SOURCES = (
    gettext_noop(
        # xgettext:no-python-format
        "Answers: the answers submitted to the survey in dxtalent. Intervals: Wilson 95% for "
        "shares, Newcombe for the difference between departments; p: chi-square (Fisher's exact "
        "test for small counts), Holm-adjusted across a question's options."
    ),
)
PAPER_SOURCE = gettext_noop(
    "Questions: the questionnaire reconstructed from Tables 2–9 of Nakagawa (2025)."
)


def percent(value: float | None) -> str:
    """A share from 0 to 1 as the pages print it: "35.2%"; "–" for none."""
    return "–" if value is None else f"{100 * value:.1f}%"


def _points(value: float, language: str) -> str:
    sign = "+" if value > 0 else ("−" if value < 0 else "±")
    unit = pgettext("report", " pt")
    return f"{sign}{abs(100 * value):.1f}{unit}"


def _cell(cell: Share) -> str:
    if not cell.base:
        return "–"
    return f"{percent(cell.share)} ({cell.count}; {percent(cell.low)}–{percent(cell.high)})"


def _row(row: OptionLine, compared: bool, language: str) -> tuple[str, ...]:
    cells: tuple[str, ...] = (row.label, *(_cell(cell) for cell in row.cells))
    if not compared:
        return cells
    difference = (
        f"{_points(row.difference[0], language)} ({_points(row.difference[1], language)} … "
        f"{_points(row.difference[2], language)})"
        if row.difference
        else "–"
    )
    return (*cells, difference, "–" if row.p_adjusted is None else f"{row.p_adjusted:.3f}")


def totals(rates: tuple[RateLine, ...]) -> tuple[int, int, float | None]:
    """Invited, submitted and the overall response rate (None when nobody was invited)."""
    invited = sum(line.invited for line in rates)
    submitted = sum(line.submitted for line in rates)
    return invited, submitted, (submitted / invited if invited else None)


@written_in_its_language
def survey_document(
    title: str,
    rates: tuple[RateLine, ...],
    questions: tuple[QuestionTable, ...],
    *,
    organisation: str,
    language: str,
    generated: dt.date,
    data_as_of: dt.date,
    imported: int = 0,
    from_paper: bool = False,
    paired: tuple[PairedTable, ...] = (),
) -> Document:
    """The results report of survey `title`. imported: answers imported from files (counted
    in the results, not in the rates); from_paper: the questionnaire is the paper's; paired:
    the questions of different departments compared on their shared items."""
    invited, submitted, overall = totals(rates)
    blocks: list[Block] = [
        Heading(_("Summary")),
        Paragraph(
            _("{submitted} of {invited} invitations answered (response rate {rate}).").format(
                submitted=submitted, invited=invited, rate=percent(overall)
            )
            + (
                ngettext(
                    " {count} more answer was imported from files.",
                    " {count} more answers were imported from files.",
                    imported,
                ).format(count=imported)
                if imported
                else ""
            )
        ),
        Heading(pgettext("survey report", "Response rates by department")),
        Table(
            header=(
                pgettext("survey report", "Department"),
                pgettext("survey report", "Invited"),
                pgettext("survey report", "Started"),
                pgettext("survey report", "Submitted"),
                # xgettext:no-python-format
                _("Response rate (95% interval)"),
            ),
            rows=tuple(
                (
                    line.department,
                    str(line.invited),
                    str(line.started),
                    str(line.submitted),
                    f"{percent(line.rate.share)} ({percent(line.rate.low)}–"
                    f"{percent(line.rate.high)})"
                    if line.rate.base
                    else "–",
                )
                for line in rates
            )
            + (
                (
                    (
                        _("Total"),
                        str(invited),
                        str(sum(line.started for line in rates)),
                        str(submitted),
                        percent(overall),
                    ),
                )
                if len(rates) > 1
                else ()
            ),
            numeric=(1, 2, 3, 4),
        ),
        Heading(pgettext("survey report", "Results by department")),
        Paragraph(
            _(
                # xgettext:no-python-format
                "Submitted answers only. The base is the respondents asked the question who "
                "answered it (ticking nothing is an answer); shares of respondents, so a "
                "question's shares may add up to more than 100%. Cells: share (count; 95% "
                "interval)."
            ),
            note=True,
        ),
    ]
    for question in questions:
        blocks.append(Heading(f"{question.code}. {question.text}", level=2))
        if not question.answered:
            blocks.append(Paragraph(_("No answers yet.")))
            continue
        groups = tuple(
            f"{group} (n={base})"
            for group, base in zip(question.groups, question.bases, strict=True)
        )
        blocks.append(
            BarChart(
                title=_("{code}: shares").format(code=question.code),
                categories=tuple(row.label for row in question.rows),
                series=tuple(
                    (name, tuple(100 * (row.cells[g].share or 0) for row in question.rows))
                    for g, name in enumerate(groups)
                ),
                unit="%",
                horizontal=True,
            )
        )
        compared = len(question.groups) == 2
        header: tuple[str, ...] = (_("Option"), *groups)
        if compared:
            # xgettext:no-python-format
            header += (_("Difference (95% interval)"), "p")
        rows = tuple(_row(row, compared, language) for row in question.rows)
        blocks.append(Table(header=header, rows=rows, numeric=tuple(range(1, len(header)))))
    if paired:
        blocks += [
            Heading(pgettext("survey report", "Departments side by side")),
            Paragraph(
                _(
                    "Questions asked of different departments about the same items, as the "
                    "paper's Tables 4 and 5, 8 and 9: each shared item's share in both, the "
                    "difference with Newcombe's interval and the p-value (Holm across the items)."
                ),
                note=True,
            ),
        ]
        for pair in paired:
            blocks.append(Heading(f"{pair.first} × {pair.second}", level=2))
            blocks.append(
                Table(
                    header=(
                        _("Item"),
                        f"{pair.groups[0]} ({pair.first})",
                        f"{pair.groups[1]} ({pair.second})",
                        # xgettext:no-python-format
                        _("Difference (95% interval)"),
                        "p",
                    ),
                    rows=tuple(_row(row, True, language) for row in pair.rows),
                    numeric=(1, 2, 3, 4),
                )
            )
    sources = [_(source) for source in SOURCES]
    if from_paper:
        sources.append(_(PAPER_SOURCE))
    return Document(
        title=_("Survey results: {title}").format(title=title),
        organisation=organisation,
        audience=Audience.COUNCIL,
        generated=generated,
        data_as_of=data_as_of,
        language=language,
        blocks=tuple(blocks),
        sources=tuple(sources),
    )
