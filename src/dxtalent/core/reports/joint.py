"""The joint display of mixed methods as a report: for each theme of the codebook that speaks to
survey items, the survey figures on those items beside the interview evidence (in how many
cases the code occurs, by case attribute), representative quotes and the researcher's
judgement of fit (confirms, expands, disagrees), as the joint display page shows them
(web.interviews.joint.joint_display, passed in as plain values)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dxtalent.core.frameworks import Text
from dxtalent.core.reports.document import (
    Audience,
    BarChart,
    Block,
    Document,
    Heading,
    Paragraph,
    Table,
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
    Text(
        "インタビュー: dxtalent のインタビュー分析プロジェクトのコーディング。テーマは中川（2025）"
        "のコードブックで調査項目に対応するもの。",
        "Interviews: the codings of the interview project in dxtalent; the themes are those of "
        "the codebook of Nakagawa (2025) that speak to survey items.",
    ),
    Text(
        "割合の区間は Wilson 法による95%信頼区間。",
        "Intervals: Wilson 95% for shares.",
    ),
)


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
    ja = language == "ja"
    judged = sum(1 for theme in themes if theme.fit)
    blocks: list[Block] = [
        Heading("概要" if ja else "Summary"),
        Paragraph(
            (
                f"インタビュー「{project}」のテーマ{len(themes)}件について、調査の数値（{survey}）と"
                f"インタビューの根拠を並べます。適合の判断が記録されたテーマは{judged}件です。"
                + (f"事例は「{attribute}」で分けています。" if attribute else "")
            )
            if ja
            else (
                f"{len(themes)} themes of the interview project “{project}”: the survey figures "
                f"({survey}) beside the interview evidence; {judged} with a judgement of fit."
                + (f" Cases grouped by “{attribute}”." if attribute else "")
            )
        ),
    ]
    if themes:
        blocks.append(
            BarChart(
                title="テーマごとのコードが現れた事例の割合"
                if ja
                else "Share of cases in which each theme's code occurs",
                categories=tuple(theme.name for theme in themes),
                series=(
                    (
                        "事例" if ja else "Cases",
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
                header=("テーマ", "調査の数値", "コードが現れた事例", "コーディング", "適合")
                if ja
                else ("Theme", "Survey figures", "Cases with the code", "Codings", "Fit"),
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
                caption="テーマの一覧" if ja else "The themes",
            )
        )
    else:
        blocks.append(
            Paragraph(
                "調査項目に対応するコードがプロジェクトにありません。"
                if ja
                else "None of the project's codes speaks to a survey item."
            )
        )
    for theme in themes:
        blocks.append(Heading(theme.name, level=2))
        if theme.figures:
            blocks.append(
                Table(
                    header=("出典", "項目", "部門", "割合", "件数/母数", "95%区間")
                    if ja
                    else ("Source", "Item", "Department", "Share", "Count/base", "95% interval"),
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
                    caption="調査" if ja else "Survey",
                )
            )
        else:
            blocks.append(Paragraph("調査の数値はありません。" if ja else "No survey figure."))
        blocks.append(
            Table(
                header=("事例の区分", "コードが現れた事例", "事例数", "コーディング")
                if ja
                else ("Cases", "With the code", "Of", "Codings"),
                rows=tuple(
                    (
                        evidence.group if evidence.group != "–" else ("全事例" if ja else "All"),
                        str(evidence.cases),
                        str(evidence.of),
                        str(evidence.codings),
                    )
                    for evidence in theme.evidence
                ),
                numeric=(1, 2, 3),
                caption="インタビュー" if ja else "Interviews",
            )
        )
        for text, source in theme.quotes:
            blocks.append(Paragraph(f"「{text}」— {source}" if ja else f"“{text}” — {source}"))
        if theme.fit:
            blocks.append(
                Paragraph(
                    (f"適合: {theme.fit}" if ja else f"Fit: {theme.fit}")
                    + (f"（{theme.note}）" if ja and theme.note else "")
                    + (f" ({theme.note})" if not ja and theme.note else "")
                )
            )
    return Document(
        title=f"調査とインタビューの統合表示: {project}"
        if ja
        else f"Joint display of survey and interviews: {project}",
        organisation=organisation,
        audience=Audience.COUNCIL,
        generated=generated,
        data_as_of=data_as_of,
        language=language,
        blocks=tuple(blocks),
        sources=tuple(source.get(language) for source in SOURCES),
    )
