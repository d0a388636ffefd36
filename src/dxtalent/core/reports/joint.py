"""The joint display of mixed methods as a report: for each theme of the codebook that speaks to
survey items, the survey figures on those items beside the interview evidence (in how many
cases the code occurs, by case attribute), representative quotes and the researcher's
judgement of fit (confirms, expands, disagrees), as the joint display page shows them
(web.interviews.joint.joint_display, passed in as plain values)."""

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
from dxtalent.core.reports.survey import Share, percent


@dataclass(frozen=True)
class Figure:
    """A survey figure: where it comes from (a table of the paper or a question code), the
    item, the department and the share."""

    source: str
    item: str
    group: str
    share: Share


@dataclass(frozen=True)
class Evidence:
    """Interview evidence of a group of cases: cases whose transcripts carry the code, of all
    the group's cases, and the codings."""

    group: str
    cases: int
    of: int
    codings: int


@dataclass(frozen=True)
class Theme:
    name: str
    figures: tuple[Figure, ...]
    evidence: tuple[Evidence, ...]
    quotes: tuple[tuple[str, str], ...]  # (excerpt, transcript's name)
    fit: str = ""  # the judgement's label in the report's language; "" when not judged
    note: str = ""


SOURCES = (
    gettext_noop(
        "Interviews: the codings of the interview project in dxtalent; the themes are those of "
        "the codebook of Nakagawa (2025) that speak to survey items."
    ),
    # xgettext:no-python-format
    gettext_noop("Intervals: Wilson 95% for shares."),
)


@written_in_its_language
def joint_document(
    project: str,
    survey: str,
    attribute: str,
    themes: tuple[Theme, ...],
    *,
    organisation: str,
    language: str,
    generated: dt.date,
    data_as_of: dt.date,
) -> Document:
    """The joint display report of interview project `project` with the figures of `survey`
    (its title, or the paper's published tables); cases grouped by `attribute` ("" for all)."""
    judged = sum(1 for theme in themes if theme.fit)
    blocks: list[Block] = [
        Heading(_("Summary")),
        Paragraph(
            ngettext(
                "{count} theme of the interview project “{project}”: the survey figures "
                "({survey}) beside the interview evidence; {judged} with a judgement of fit.",
                "{count} themes of the interview project “{project}”: the survey figures "
                "({survey}) beside the interview evidence; {judged} with a judgement of fit.",
                len(themes),
            ).format(count=len(themes), project=project, survey=survey, judged=judged)
            + (
                _(" Cases grouped by “{attribute}”.").format(attribute=attribute)
                if attribute
                else ""
            )
        ),
    ]
    if themes:
        blocks.append(
            BarChart(
                title=_("Share of cases in which each theme's code occurs"),
                categories=tuple(theme.name for theme in themes),
                series=(
                    (
                        pgettext("joint display chart", "Cases"),
                        tuple(
                            100
                            * sum(e.cases for e in theme.evidence)
                            / max(1, sum(e.of for e in theme.evidence))
                            for theme in themes
                        ),
                    ),
                ),
                unit="%",
                horizontal=True,
            )
        )
        blocks.append(
            Table(
                header=(
                    _("Theme"),
                    _("Survey figures"),
                    pgettext("joint display", "Cases with the code"),
                    pgettext("joint display", "Codings"),
                    pgettext("joint display", "Fit"),
                ),
                rows=tuple(
                    (
                        theme.name,
                        str(len(theme.figures)),
                        f"{sum(e.cases for e in theme.evidence)}/"
                        f"{sum(e.of for e in theme.evidence)}",
                        str(sum(e.codings for e in theme.evidence)),
                        theme.fit or "–",
                    )
                    for theme in themes
                ),
                numeric=(1, 2, 3),
                caption=_("The themes"),
            )
        )
    else:
        blocks.append(Paragraph(_("None of the project's codes speaks to a survey item.")))
    for theme in themes:
        blocks.append(Heading(theme.name, level=2))
        if theme.figures:
            blocks.append(
                Table(
                    header=(
                        _("Source"),
                        _("Item"),
                        pgettext("joint display", "Department"),
                        _("Share"),
                        _("Count/base"),
                        # xgettext:no-python-format
                        _("95% interval"),
                    ),
                    rows=tuple(
                        (
                            figure.source,
                            figure.item,
                            figure.group or "–",
                            percent(figure.share.share) if figure.share.base else "–",
                            f"{figure.share.count}/{figure.share.base}",
                            f"{percent(figure.share.low)}–{percent(figure.share.high)}"
                            if figure.share.base
                            else "–",
                        )
                        for figure in theme.figures
                    ),
                    numeric=(3, 4),
                    caption=_("Survey"),
                )
            )
        else:
            blocks.append(Paragraph(_("No survey figure.")))
        blocks.append(
            Table(
                header=(
                    pgettext("joint display", "Cases"),
                    _("With the code"),
                    pgettext("joint display", "Of"),
                    pgettext("joint display", "Codings"),
                ),
                rows=tuple(
                    (
                        evidence.group
                        if evidence.group != "–"
                        else pgettext("joint display", "All"),
                        str(evidence.cases),
                        str(evidence.of),
                        str(evidence.codings),
                    )
                    for evidence in theme.evidence
                ),
                numeric=(1, 2, 3),
                caption=_("Interviews"),
            )
        )
        for text, source in theme.quotes:
            blocks.append(Paragraph(_("“{text}” — {source}").format(text=text, source=source)))
        if theme.fit:
            blocks.append(
                Paragraph(
                    _("Fit: {fit}").format(fit=theme.fit)
                    + (_(" ({note})").format(note=theme.note) if theme.note else "")
                )
            )
    return Document(
        title=_("Joint display of survey and interviews: {project}").format(project=project),
        organisation=organisation,
        audience=Audience.COUNCIL,
        generated=generated,
        data_as_of=data_as_of,
        language=language,
        blocks=tuple(blocks),
        sources=tuple(_(source) for source in SOURCES),
    )
