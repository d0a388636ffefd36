"""The team page: findings by severity, coverage forecast, rotation timeline and risk."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from dxtalent.core.diagnostics.wording import NAMED_AT_MOST
from dxtalent.web.concurrency import save_form
from dxtalent.web.diagnostics import services
from dxtalent.web.diagnostics.forms import ProfileForm
from dxtalent.web.organisations.access import OrganisationRequest
from dxtalent.web.organisations.decorators import organisation_view

TIMELINE_PER_PAGE = 50


@organisation_view()
def team(request: OrganisationRequest) -> HttpResponse:
    organisation = request.organisation
    years = request.GET.get("years", "")
    report = services.diagnose(
        organisation, int(years) if years.isdigit() and 1 <= int(years) <= 30 else None
    )
    data = services.report_json(report, get_language() or "ja")
    programmes = services.programmes_for(organisation, report)
    targets = {c.code: c.target for c in report.capabilities}
    for finding in data["findings"]:
        code = finding.get("capability")
        finding["programmes"] = programmes.get(code, []) if code else []
        finding["plan_target"] = targets.get(code) if code in programmes else None
        # A finding names its first people and counts the rest (core's wording does the same):
        # in a large city hundreds of staff meet a condition.
        finding["people_shown"] = finding["people"][:NAMED_AT_MOST]
        finding["people_more"] = max(0, len(finding["people"]) - NAMED_AT_MOST)
        for step in finding.get("next_steps") or []:
            step["people_shown"] = step["people"][:NAMED_AT_MOST]
    band = organisation.population_band
    by_severity: dict[str, list[dict[str, Any]]] = {"critical": [], "warning": [], "info": []}
    for finding in data["findings"]:
        by_severity.setdefault(finding["severity"], []).append(finding)
    risk = {row["capability"]: row["by_year"] for row in data["risk"]["probability"]}
    rows = [
        {
            **row,
            "cells": [
                {
                    **cell,
                    "probability": risk.get(row["capability"], {}).get(str(cell["fiscal_year"])),
                }
                for cell in row["years"]
            ],
        }
        for row in data["forecast"]
    ]
    # The timeline lists the DX department, a page at a time: a designated city's is hundreds.
    timeline = Paginator(data["timeline"], TIMELINE_PER_PAGE).get_page(request.GET.get("timeline"))
    return render(
        request,
        "diagnostics/team.html",
        {
            "data": data,
            "timeline": timeline,
            "timeline_rows": [
                {**entry, "cells": [year in entry["fiscal_years"] for year in data["fiscal_years"]]}
                for entry in timeline
            ],
            "timeline_query": f"years={years}&" if years else "",
            # One address for every person's link: the page names many people.
            "people_url": reverse("people-detail", args=[organisation.code, 0]).removesuffix("0/"),
            "by_severity": by_severity,
            "top_actions": services.top_actions(data),
            "forecast_rows": rows,
            "chart": {
                "fiscal_years": data["fiscal_years"],
                "risk": data["risk"]["probability"],
                "forecast": data["forecast"],
            },
            "profile": services.profile_of(organisation),
            "band_name": _(band.name) if band else "",
            "band_staff": band.information_staff if band else None,
        },
    )


@organisation_view()
def settings(request: OrganisationRequest) -> HttpResponse:
    organisation = request.organisation
    form = ProfileForm(request.POST or None, instance=services.profile_of(organisation))
    if request.method == "POST" and form.is_valid() and save_form(form):
        messages.success(request, _("The diagnosis settings were saved."))
        return redirect("diagnostics-team", code=organisation.code)
    return render(
        request,
        "diagnostics/settings.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )
