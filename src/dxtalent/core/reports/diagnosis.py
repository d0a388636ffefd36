"""The team diagnosis as a briefing: what the team can do now and in the coming fiscal years,
what is wrong (the findings), the rotation risk, and the sources of the rules.

It reads the diagnosis as the page, the API and the CLI read it (the plain data of
`web.diagnostics.services.report_json`). The council version counts people and names none:
findings by rule, capability, fiscal year and the number of people concerned; the internal
version adds each finding's message (with names), who is in post when, and each person's
levels (`staff_levels`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from dxtalent.core.calendar import format_fiscal_year
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

SEVERITY_NAMES = {
    "critical": Text("重大", "critical"),
    "warning": Text("注意", "warning"),
    "info": Text("情報", "info"),
}
REASON_NAMES = {
    "rotation": Text("人事異動（在任期間の満了）", "rotation at the end of the window"),
    "overdue": Text("人事異動（在任期間を超過）", "rotation, window already passed"),
    "hard_end": Text("任期・派遣期間の終了", "end of term or secondment"),
    "stays": Text("専門職（異動なし）", "specialist post (stays)"),
}
SOURCE = Text(
    "診断: dxtalent のチーム診断（中川（2025）の規則、総務省「自治体DX推進のための外部人材スキル"
    "標準」）。異動リスクは在任期間の幅に基づくモンテカルロ法による推計です。",
    "Diagnosis: dxtalent's team diagnosis (the rules of Nakagawa (2025) and MIC's skill "
    "standard for external DX talent). Rotation risk is a Monte Carlo estimate from the "
    "rotation windows.",
)


def _fy(year: int, language: str) -> str:
    return format_fiscal_year(year, language)


def diagnosis_document(
    data: Mapping[str, Any],
    *,
    organisation: str,
    audience: Audience,
    language: str,
    generated: dt.date,
    staff_levels: Sequence[tuple[str, str]] = (),
) -> Document:
    """The diagnosis briefing. data: report_json's dict (today, fiscal_years, findings,
    forecast, risk, timeline) in `language`; staff_levels: (person's name, levels as text),
    shown in the internal version only."""
    ja = language == "ja"
    years: list[int] = list(data["fiscal_years"])
    forecast: list[Mapping[str, Any]] = list(data["forecast"])
    findings: list[Mapping[str, Any]] = list(data["findings"])
    names = {row["capability"]: row["name"] for row in forecast}
    counts = {key: sum(1 for f in findings if f["severity"] == key) for key in SEVERITY_NAMES}
    short = "（未達）" if ja else " (short)"
    met_now = sum(1 for row in forecast if row["years"] and row["years"][0]["met"])
    blocks: list[Block] = [
        Heading("概要" if ja else "Summary"),
        Paragraph(
            (
                f"課題は{len(findings)}件（重大{counts['critical']}件、注意{counts['warning']}件、"
                f"情報{counts['info']}件）です。必要な{len(forecast)}の能力のうち、"
                f"{_fy(years[0], language) if years else ''}に目標人数を満たすのは{met_now}です。"
            )
            if ja
            else (
                f"{len(findings)} findings ({counts['critical']} critical, {counts['warning']} "
                f"warnings, {counts['info']} for information). Of the {len(forecast)} "
                f"capabilities the team needs, {met_now} meet their target in "
                f"{_fy(years[0], language) if years else ''}."
            )
        ),
        Heading("年度別の人材の充足見込み" if ja else "Coverage by fiscal year"),
        Table(
            header=(
                "能力" if ja else "Capability",
                "目標" if ja else "Target",
                *(_fy(year, language) for year in years),
            ),
            rows=tuple(
                (
                    row["name"],
                    str(row["target"]),
                    *(
                        f"{cell['count']:g}" + ("" if cell["met"] else short)
                        for cell in row["years"]
                    ),
                )
                for row in forecast
            ),
            numeric=tuple(range(1, len(years) + 2)),
            caption="人数（未達: 目標に届かない）" if ja else "People (short: below the target)",
        ),
    ]
    if years:
        blocks.append(
            BarChart(
                title=(
                    f"{_fy(years[0], language)}の人数と目標"
                    if ja
                    else f"People and targets in {_fy(years[0], language)}"
                ),
                categories=tuple(row["name"] for row in forecast),
                series=(
                    ("目標" if ja else "Target", tuple(float(row["target"]) for row in forecast)),
                    (
                        "見込み" if ja else "Expected",
                        tuple(float(row["years"][0]["count"]) for row in forecast),
                    ),
                ),
                unit="人" if ja else "people",
            )
        )
    blocks.append(Heading("課題" if ja else "Findings"))
    if audience is Audience.COUNCIL:
        rows = tuple(
            (
                SEVERITY_NAMES.get(f["severity"], Text(f["severity"], f["severity"])).get(language),
                f["rule_name"],
                names.get(f["capability"], "") if f.get("capability") else "",
                _fy(f["fiscal_year"], language) if f.get("fiscal_year") else "",
                str(len(f["people"])),
            )
            for f in findings
        )
        header = (
            ("重要度", "規則", "能力", "年度", "関係する職員数")
            if ja
            else ("Severity", "Rule", "Capability", "Fiscal year", "Staff concerned")
        )
        blocks.append(Table(header=header, rows=rows, numeric=(4,)))
    else:
        blocks.append(
            Table(
                header=("重要度", "規則", "内容") if ja else ("Severity", "Rule", "Finding"),
                rows=tuple(
                    (
                        SEVERITY_NAMES.get(f["severity"], Text(f["severity"], f["severity"])).get(
                            language
                        ),
                        f["rule_name"],
                        f["message"],
                    )
                    for f in findings
                ),
            )
        )
    if not findings:
        blocks.append(Paragraph("課題はありません。" if ja else "No findings."))
    risk = {row["capability"]: row["by_year"] for row in data["risk"]["probability"]}
    if risk:
        blocks += [
            Heading("異動リスク" if ja else "Rotation risk"),
            Paragraph(
                (
                    f"職員が在任期間の幅の中で無作為に異動するとしたときに、目標を満たす確率"
                    f"（{data['risk']['runs']:,}回の試行）。"
                )
                if ja
                else (
                    "The probability that the target holds when staff rotate at random points "
                    f"of their windows ({data['risk']['runs']:,} runs)."
                )
            ),
            Table(
                header=("能力" if ja else "Capability", *(_fy(year, language) for year in years)),
                rows=tuple(
                    (
                        names.get(code, code),
                        *(
                            f"{100 * by_year[str(year)]:.0f}%" if str(year) in by_year else "—"
                            for year in years
                        ),
                    )
                    for code, by_year in risk.items()
                ),
                numeric=tuple(range(1, len(years) + 1)),
            ),
        ]
    if audience is Audience.INTERNAL:
        timeline: list[Mapping[str, Any]] = list(data.get("timeline", []))
        if timeline:
            blocks += [
                Heading("在任の見込み（個人別）" if ja else "Who is in post when"),
                Table(
                    header=("職員", "異動・退職の見込み日", "理由")
                    if ja
                    else ("Person", "Leaves on", "Reason"),
                    rows=tuple(
                        (
                            entry["person"]["name"],
                            entry["leaves"] or "—",
                            REASON_NAMES.get(
                                entry["reason"], Text(entry["reason"], entry["reason"])
                            ).get(language),
                        )
                        for entry in timeline
                    ),
                ),
            ]
        if staff_levels:
            blocks += [
                Heading("職員別のレベル" if ja else "Levels by person"),
                Table(
                    header=("職員", "レベル（スキル: 0〜4）")
                    if ja
                    else ("Person", "Levels (skill: 0–4)"),
                    rows=tuple(staff_levels),
                ),
            ]
    sources = [SOURCE.get(language)]
    for f in findings:
        summary = f.get("source_summary") or ""
        if summary and summary not in sources:
            sources.append(summary)
    return Document(
        title="DX推進体制の診断" if ja else "Diagnosis of the DX team",
        organisation=organisation,
        audience=audience,
        generated=generated,
        data_as_of=dt.date.fromisoformat(data["today"]),
        language=language,
        blocks=tuple(blocks),
        sources=tuple(sources),
    )
