"""The joint display: each theme's survey figures beside its interview evidence and quotes
(mixed methods), on the page and as Excel. The one place the joint display touches both the
ORM and core."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from dxtalent.web.interviews.models import (
    InterviewProject,
)


def joint_display(
    project: InterviewProject, survey: Any = None, attribute: str = "", language: str = "ja"
) -> list[dict[str, Any]]:
    """For each theme of the shipped codebook that speaks to survey items: the survey figures
    on those items with Wilson intervals (the paper's published tables, or `survey`'s results
    by department), the interview evidence (per value of the case `attribute`, the cases whose
    transcripts carry the code, of all such cases, and the codings), up to three quotes, and
    the researcher's fit judgement."""
    from dxtalent.core.interviews.codebook import shipped_codes
    from dxtalent.core.surveys import shipped_tables
    from dxtalent.web.interviews.models import JointFit
    from dxtalent.web.surveys.services import ResultCell

    def walk(items: Any) -> Any:
        for item in items:
            yield item
            yield from walk(item.children)

    themes = [code for code in walk(shipped_codes()) if code.survey]
    codes = {code.guid: code for code in project.codes.all()}
    fits = {fit.code_guid: fit for fit in JointFit.objects.filter(project=project)}
    cases = list(project.cases.prefetch_related("sources"))
    groups: dict[str, list[Any]] = {}
    for case in cases:
        key = str(case.attributes.get(attribute, "")) if attribute else ""
        groups.setdefault(key, []).append(case)
    # Every theme's codings in one query, each theme's in order of position.
    by_code: dict[int, list[Any]] = {}
    theme_codes = [codes[t.guid].pk for t in themes if t.guid in codes]
    for coding in (
        project.codings.filter(code_id__in=theme_codes)
        .select_related("source")
        .order_by("end", "start")
    ):
        by_code.setdefault(coding.code_id, []).append(coding)
    tables = shipped_tables() if survey is None else None
    results = {} if survey is None else {r.code: r for r in _survey_results(survey, language)}
    found = []
    for theme in themes:
        code = codes.get(theme.guid)
        if code is None:
            continue
        figures = []
        for question, options in theme.survey:
            if tables is not None:
                table = tables.table(int(question[1:]))
                department = (
                    tables.departments[table.department].get(language) if table.department else ""
                )
                for row in table.rows:
                    if row.option_code(table.number) in options:
                        cell = ResultCell.of(row.count, table.denominator)
                        figures.append(
                            {
                                "source": _("Table {number}").format(number=table.number),
                                "item": row.item.get(language),
                                "group": department,
                                **cell.__dict__,
                            }
                        )
                continue
            result = results.get(question)
            if result is None:
                continue
            instrument_options = survey.instrument["questions"]
            codes_of = next(
                (
                    [o["code"] for o in q["options"]]
                    for q in instrument_options
                    if q["code"] == question
                ),
                [],
            )
            for index, option in enumerate(codes_of):
                if option not in options:
                    continue
                row = result.rows[index]
                for group, cell in zip(result.groups, row.cells, strict=True):
                    figures.append(
                        {"source": question, "item": row.label, "group": group, **cell.__dict__}
                    )
        codings = by_code.get(code.pk, [])
        coded_sources = {c.source_id for c in codings}
        evidence = []
        for key, members in sorted(groups.items()):
            with_code = [
                case for case in members if any(s.pk in coded_sources for s in case.sources.all())
            ]
            member_sources = {s.pk for case in members for s in case.sources.all()}
            evidence.append(
                {
                    "group": key or "–",
                    "cases": len(with_code),
                    "of": len(members),
                    "codings": sum(1 for c in codings if c.source_id in member_sources),
                }
            )
        quotes, seen = [], set()
        for coding in sorted(codings, key=lambda c: c.end - c.start):
            if coding.source_id in seen:
                continue
            seen.add(coding.source_id)
            quotes.append({"text": coding.excerpt, "source": coding.source.name})
            if len(quotes) == 3:
                break
        fit = fits.get(theme.guid)
        found.append(
            {
                "code": code,
                "guid": theme.guid,
                "figures": figures,
                "evidence": evidence,
                "codings": len(codings),
                "quotes": quotes,
                "fit": fit.fit if fit else "",
                "note": fit.note if fit else "",
                "version": fit.version if fit else "",
            }
        )
    return found


def _survey_results(survey: Any, language: str) -> Any:
    from dxtalent.web.surveys.services import results

    return results(survey, language)


def joint_xlsx(rows: list[dict[str, Any]]) -> bytes:
    """The joint display as a workbook: a row per theme and survey figure."""

    from dxtalent.core.tabular import Sheet, write_xlsx
    from dxtalent.web.surveys.exports import share_cells, share_columns

    lines = []
    for row in rows:
        evidence = "; ".join(f"{e['group']}: {e['cases']}/{e['of']}" for e in row["evidence"])
        quotes = " / ".join(q["text"] for q in row["quotes"])
        for figure in row["figures"] or [{}]:
            lines.append(
                [
                    row["code"].name,
                    figure.get("source", ""),
                    figure.get("item", ""),
                    figure.get("group", ""),
                    *share_cells(
                        figure.get("count"),
                        figure.get("base"),
                        figure.get("share"),
                        figure.get("low"),
                        figure.get("high"),
                    ),
                    evidence,
                    quotes,
                    row["fit"],
                    row["note"],
                ]
            )
    return write_xlsx(
        [
            Sheet(
                title=_("Joint display")[:31],
                columns=[
                    _("Theme"),
                    _("Survey source"),
                    _("Item"),
                    _("Department"),
                    *share_columns(),
                    _("Cases with the code"),
                    _("Quotes"),
                    _("Fit"),
                    _("Note"),
                ],
                rows=lines,
            )
        ]
    )
