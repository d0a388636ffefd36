"""The survey results report and the joint display report: the figures loaded as the survey
results page and the joint display page load them (web.surveys.services, web.interviews.joint),
handed to core.reports as plain values."""

from __future__ import annotations

from typing import Any

from django.db.models import Max
from django.utils import timezone, translation

from dxtalent.core.reports.document import Document
from dxtalent.core.reports.joint import Evidence, Figure, Theme, joint_document
from dxtalent.core.reports.survey import (
    OptionLine,
    PairedTable,
    QuestionTable,
    RateLine,
    Share,
    survey_document,
)
from dxtalent.web.interviews.models import InterviewProject, JointFit
from dxtalent.web.organisations.models import Organisation
from dxtalent.web.surveys.models import Answer, Survey


def _language(language: str) -> str:
    return "en" if language.lower().startswith("en") else "ja"


def _share(cell: Any) -> Share:
    return Share(cell.count, cell.base, cell.share, cell.low, cell.high)


def _interval(value: Any) -> tuple[float, float, float] | None:
    return None if value is None else (value.estimate, value.low, value.high)


def survey_of(organisation: Organisation, pk: int | None = None) -> Survey | None:
    """The organisation's survey `pk`, or its newest survey; None when there is none."""
    surveys = Survey.objects.filter(organisation=organisation)
    return surveys.filter(pk=pk).first() if pk is not None else surveys.first()


def survey_report(survey: Survey, language: str = "ja") -> Document:
    """A survey's results as a report, with the figures of its results page (response rates
    by department, each choice question by department with intervals and comparisons)."""
    from dxtalent.web.surveys import charts, services

    language = _language(language)
    with translation.override(language):
        everyone = services.responses(survey)
        results = services.results(survey, language, everyone)
        rates = services.response_rates(survey)
        pairs = charts.paired(survey, results, language)
    last = Answer.objects.filter(invitation__survey=survey, submitted_at__isnull=False).aggregate(
        last=Max("submitted_at")
    )["last"]
    data_as_of = timezone.localtime(last or survey.created_at).date()
    return survey_document(
        survey.title,
        tuple(
            RateLine(
                rate.label.get(language),
                rate.invited,
                rate.started,
                rate.submitted,
                Share(
                    rate.submitted,
                    rate.invited,
                    *(
                        (rate.interval.estimate, rate.interval.low, rate.interval.high)
                        if rate.interval
                        else (None, None, None)
                    ),
                ),
            )
            for rate in rates
        ),
        tuple(
            QuestionTable(
                result.code,
                result.text,
                tuple(result.groups),
                tuple(result.bases),
                tuple(
                    OptionLine(
                        row.label,
                        tuple(_share(cell) for cell in row.cells),
                        _interval(row.difference),
                        row.test,
                        row.p_adjusted,
                    )
                    for row in result.rows
                ),
            )
            for result in results
        ),
        organisation=survey.organisation.name,
        language=language,
        generated=timezone.localdate(),
        data_as_of=data_as_of,
        imported=survey.imported.count(),
        from_paper=survey.instrument == services.shipped_instrument(),
        paired=tuple(
            PairedTable(
                pair.first.code,
                pair.second.code,
                (pair.first.groups[0], pair.second.groups[0]),
                tuple(
                    OptionLine(
                        label,
                        (_share(one), _share(two)),
                        _interval(comparison.difference),
                        comparison.test,
                        comparison.p_adjusted,
                    )
                    for label, one, two, comparison in pair.rows
                ),
            )
            for pair in pairs
        ),
    )


def project_of(organisation: Organisation, pk: int | None = None) -> InterviewProject | None:
    """The organisation's interview project `pk`, or its newest; None when there is none."""
    projects = InterviewProject.objects.filter(organisation=organisation)
    return projects.filter(pk=pk).first() if pk is not None else projects.first()


def joint_report(
    project: InterviewProject,
    survey: Survey | None = None,
    attribute: str = "",
    language: str = "ja",
) -> Document:
    """The joint display of `project` as a report: the page's rows with the survey's figures
    (without a survey: the paper's published tables), cases grouped by `attribute`."""
    from dxtalent.web.interviews.joint import joint_display

    language = _language(language)
    with translation.override(language):
        rows = joint_display(project, survey, attribute, language)
        fits = {value: str(label) for value, label in JointFit.Fit.choices}
        published = str(translation.gettext("The paper's published tables"))
    themes = tuple(
        Theme(
            name=row["code"].name,
            figures=tuple(
                Figure(
                    str(figure["source"]),
                    str(figure["item"]),
                    str(figure["group"]),
                    Share(
                        figure["count"],
                        figure["base"],
                        figure["share"],
                        figure["low"],
                        figure["high"],
                    ),
                )
                for figure in row["figures"]
            ),
            evidence=tuple(
                Evidence(str(e["group"]), e["cases"], e["of"], e["codings"])
                for e in row["evidence"]
            ),
            quotes=tuple((quote["text"], quote["source"]) for quote in row["quotes"]),
            fit=fits.get(row["fit"], ""),
            note=row["note"],
        )
        for row in rows
    )
    return joint_document(
        project.name,
        survey.title if survey is not None else published,
        attribute,
        themes,
        organisation=project.organisation.name,
        language=language,
        generated=timezone.localdate(),
        data_as_of=timezone.localdate(),
    )
