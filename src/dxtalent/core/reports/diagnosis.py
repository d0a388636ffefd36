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
from dxtalent.core.diagnostics.capabilities import skill_name
from dxtalent.core.diagnostics.wording import semicolons
from dxtalent.core.i18n import _, gettext_noop, labelled, ngettext, pgettext
from dxtalent.core.i18n import language as current_language
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

SEVERITY_NAMES = {
    "critical": gettext_noop("critical"),
    "warning": gettext_noop("warning"),
    "info": gettext_noop("info"),
}
REASON_NAMES = {
    "rotation": gettext_noop("rotation at the end of the window"),
    "overdue": gettext_noop("rotation, window already passed"),
    "hard_end": gettext_noop("end of term or secondment"),
    "stays": gettext_noop("specialist post (stays)"),
}
SOURCE = gettext_noop(
    "Diagnosis: dxtalent's team diagnosis (the rules of Nakagawa (2025) and MIC's skill "
    "standard for external DX talent). Rotation risk is a Monte Carlo estimate from the "
    "rotation windows."
)


def _named(names: Mapping[str, str], key: str) -> str:
    """The name of a severity or reason in the current language (an unknown key as it is)."""
    return _(names[key]) if key in names else key


def levels_text(levels: Mapping[str, int]) -> str:
    """A person's levels above 0 by skill name in the current language, in the order of the
    skills' codes: "交渉：3、データ分析：2" ("negotiation: 3; Data analysis: 2"); "—" for
    none."""
    return (
        semicolons(
            labelled(skill_name(code).get(current_language()), str(level))
            for code, level in sorted(levels.items())
            if level
        )
        or "—"
    )


def _fy(year: int, language: str) -> str:
    return format_fiscal_year(year, language)


@written_in_its_language
def diagnosis_document(
    data: Mapping[str, Any],
    *,
    organisation: str,
    audience: Audience,
    language: str,
    generated: dt.date,
    staff_levels: Sequence[tuple[str, Mapping[str, int]]] = (),
) -> Document:
    """The diagnosis briefing. data: report_json's dict (today, fiscal_years, findings,
    forecast, risk, timeline) in `language`; staff_levels: (person's name, skill code →
    level), shown in the internal version only, each skill by its name."""
    years: list[int] = list(data["fiscal_years"])
    forecast: list[Mapping[str, Any]] = list(data["forecast"])
    findings: list[Mapping[str, Any]] = list(data["findings"])
    names = {row["capability"]: row["name"] for row in forecast}
    counts = {key: sum(1 for f in findings if f["severity"] == key) for key in SEVERITY_NAMES}
    short = _(" (short)")
    met_now = sum(1 for row in forecast if row["years"] and row["years"][0]["met"])
    blocks: list[Block] = [
        Heading(_("Summary")),
        Paragraph(
            ngettext(
                "{count} finding ({critical} critical, {warning} warnings, {info} for "
                "information). Of the {capabilities} capabilities the team needs, {met} meet "
                "their target in {year}.",
                "{count} findings ({critical} critical, {warning} warnings, {info} for "
                "information). Of the {capabilities} capabilities the team needs, {met} meet "
                "their target in {year}.",
                len(findings),
            ).format(
                count=len(findings),
                critical=counts["critical"],
                warning=counts["warning"],
                info=counts["info"],
                capabilities=len(forecast),
                met=met_now,
                year=_fy(years[0], language) if years else "",
            )
        ),
        Heading(pgettext("report", "Coverage by fiscal year")),
        Table(
            header=(
                _("Capability"),
                pgettext("report", "Target"),
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
            caption=_("People (short: below the target)"),
        ),
    ]
    if years:
        blocks.append(
            BarChart(
                title=_("People and targets in {year}").format(year=_fy(years[0], language)),
                categories=tuple(row["name"] for row in forecast),
                series=(
                    (
                        pgettext("report", "Target"),
                        tuple(float(row["target"]) for row in forecast),
                    ),
                    (_("Expected"), tuple(float(row["years"][0]["count"]) for row in forecast)),
                ),
                unit=pgettext("report", "people"),
            )
        )
    blocks.append(Heading(pgettext("report", "Findings")))
    if audience is Audience.COUNCIL:
        rows = tuple(
            (
                _named(SEVERITY_NAMES, f["severity"]),
                f["rule_name"],
                names.get(f["capability"], "") if f.get("capability") else "",
                _fy(f["fiscal_year"], language) if f.get("fiscal_year") else "",
                str(len(f["people"])),
            )
            for f in findings
        )
        header = (
            _("Severity"),
            pgettext("report", "Rule"),
            _("Capability"),
            _("Fiscal year"),
            _("Staff concerned"),
        )
        blocks.append(Table(header=header, rows=rows, numeric=(4,)))
    else:
        blocks.append(
            Table(
                header=(_("Severity"), pgettext("report", "Rule"), _("Finding")),
                rows=tuple(
                    (
                        _named(SEVERITY_NAMES, f["severity"]),
                        f["rule_name"],
                        f["message"],
                    )
                    for f in findings
                ),
            )
        )
    if not findings:
        blocks.append(Paragraph(_("No findings.")))
    risk = {row["capability"]: row["by_year"] for row in data["risk"]["probability"]}
    if risk:
        blocks += [
            Heading(pgettext("report", "Rotation risk")),
            Paragraph(
                _(
                    "The probability that the target holds when staff rotate at random points "
                    "of their windows ({runs} runs)."
                ).format(runs=f"{data['risk']['runs']:,}")
            ),
            Table(
                header=(_("Capability"), *(_fy(year, language) for year in years)),
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
                Heading(pgettext("report", "Who is in post when")),
                Table(
                    header=(pgettext("report", "Person"), _("Leaves on"), _("Reason")),
                    rows=tuple(
                        (
                            entry["person"]["name"],
                            entry["leaves"] or "—",
                            _named(REASON_NAMES, entry["reason"]),
                        )
                        for entry in timeline
                    ),
                ),
            ]
        if staff_levels:
            blocks += [
                Heading(_("Levels by person")),
                Table(
                    header=(pgettext("report", "Person"), _("Levels (skill: 0–4)")),
                    rows=tuple((name, levels_text(levels)) for name, levels in staff_levels),
                ),
            ]
    sources = [_(SOURCE)]
    for f in findings:
        summary = f.get("source_summary") or ""
        if summary and summary not in sources:
            sources.append(summary)
    return Document(
        title=_("Diagnosis of the DX team"),
        organisation=organisation,
        audience=audience,
        generated=generated,
        data_as_of=dt.date.fromisoformat(data["today"]),
        language=language,
        blocks=tuple(blocks),
        sources=tuple(sources),
    )
