"""Reports for the mayor and the council: load the diagnosis or a plan run as the pages do,
build the report once in core (core.reports) and render it as PDF or .docx."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from django.http import HttpResponse
from django.utils import timezone

from dxtalent.core.planning import Plan, load_plan
from dxtalent.core.planning.io import scenario_from_dict
from dxtalent.core.reports import (
    Audience,
    Document,
    PolicyFacts,
    diagnosis_document,
    plan_document,
    policy_document,
    render_docx,
    render_pdf,
)
from dxtalent.web.diagnostics import services as diagnostics
from dxtalent.web.downloads import download
from dxtalent.web.organisations.models import Organisation
from dxtalent.web.planning import services as planning
from dxtalent.web.planning.models import PlanRun

FORMATS = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


class UnknownReportFormatError(ValueError):
    """A format that is neither pdf nor docx."""


def _language(language: str) -> str:
    return "en" if language.lower().startswith("en") else "ja"


def diagnosis_report(
    organisation: Organisation,
    audience: Audience,
    language: str = "ja",
    today: dt.date | None = None,
) -> Document:
    """The team diagnosis as a report, seeded as the page is so that their figures agree."""
    language = _language(language)
    report = diagnostics.diagnose(organisation, today=today)
    data = diagnostics.report_json(report, language)
    staff_levels = tuple(
        (member.display_name(language), member.levels)
        for member in sorted(report.members.values(), key=lambda m: m.name)
        if member.is_dx
    )
    return diagnosis_document(
        data,
        organisation=organisation.name,
        audience=audience,
        language=language,
        generated=timezone.localdate(),
        staff_levels=staff_levels if audience is Audience.INTERNAL else (),
    )


def latest_run(organisation: Organisation) -> PlanRun | None:
    """The organisation's newest plan run with a result."""
    return (
        PlanRun.objects.filter(organisation=organisation, status=PlanRun.Status.DONE)
        .order_by("-created_at", "-pk")
        .first()
    )


def load_plans(run: PlanRun) -> dict[str, Plan]:
    """A run's plans by strategy, in STRATEGY_ORDER."""
    return {
        name: load_plan(json.dumps(run.result[name]["plan"], ensure_ascii=False))
        for name in planning.STRATEGY_ORDER
        if name in run.result
    }


def plan_report(
    organisation: Organisation, run: PlanRun, audience: Audience, language: str = "ja"
) -> Document:
    """A plan run's three strategies as a report; its data is as of the day the run's scenario
    was built."""
    language = _language(language)
    scenario = scenario_from_dict(run.scenario)
    return plan_document(
        scenario,
        load_plans(run),
        organisation=organisation.name,
        audience=audience,
        language=language,
        generated=timezone.localdate(),
        data_as_of=scenario.as_of or timezone.localtime(run.created_at).date(),
    )


def current_plan_report(
    organisation: Organisation, audience: Audience, language: str = "ja"
) -> Document:
    """The organisation's current data solved now, three ways (the plan page's defaults), as a
    report: for the command line when no plan run has a result."""
    scenario = planning.scenario_for(organisation)
    return plan_document(
        scenario,
        planning.solve_strategies(scenario),
        organisation=organisation.name,
        audience=audience,
        language=_language(language),
        generated=timezone.localdate(),
        data_as_of=scenario.as_of or timezone.localdate(),
    )


def policy_report(
    organisation: Organisation, run: PlanRun | None, language: str = "ja"
) -> Document:
    """The digital-talent chapter of the talent policy, drafted from the diagnosis (today) and
    a plan run's optimal mix (without a run: the current data solved now)."""
    language = _language(language)
    report = diagnostics.diagnose(organisation)
    profile = diagnostics.profile_of(organisation)
    dx = [member for member in report.members.values() if member.is_dx]
    facts = PolicyFacts(
        dx_staff=len(dx),
        specialist_posts=sum(1 for member in dx if member.specialist_post),
        pool_days=profile.prefecture_pool_days,
        adviser=profile.uses_adviser,
        joint_procurement=profile.joint_procurement,
    )
    if run is not None:
        scenario, plans = scenario_from_dict(run.scenario), load_plans(run)
    else:
        scenario = planning.scenario_for(organisation)
        plans = planning.solve_strategies(scenario)
    return policy_document(
        diagnostics.report_json(report, language),
        scenario,
        plans,
        facts,
        organisation=organisation.name,
        language=language,
        generated=timezone.localdate(),
        strategy="mix" if "mix" in plans else next(iter(plans)),
    )


@dataclass(frozen=True)
class Rendered:
    content: bytes
    content_type: str
    extension: str


def render(document: Document, fmt: str) -> Rendered:
    """The document as PDF or .docx; UnknownReportFormatError naming the value otherwise."""
    if fmt not in FORMATS:
        raise UnknownReportFormatError(f'format "{fmt}" is not known; "pdf" or "docx" is accepted')
    content = render_pdf(document) if fmt == "pdf" else render_docx(document)
    return Rendered(content, FORMATS[fmt], fmt)


def attachment(document: Document, fmt: str, name: str) -> HttpResponse:
    """The document rendered as `fmt`, as a download named `name` (pages and API alike)."""
    rendered = render(document, fmt)
    return download(rendered.content, name, rendered.content_type)


def filename(kind: str, organisation: Organisation, audience: Audience, fmt: str) -> str:
    """ "diagnosis-DEMO-CITY-A-council.pdf"."""
    return f"{kind}-{organisation.code}-{audience.value}.{fmt}"
