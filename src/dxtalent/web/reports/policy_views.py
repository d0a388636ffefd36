"""The talent policy's digital chapter in the app: the draft (any member reads it), generating
and regenerating it and editing its prose (editors), its versions, the difference between two
versions, and a version's export (Word at once; PDF through the job queue from the page)."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from dxtalent.core.records import StaleRecordError
from dxtalent.core.reports.policy_draft import ProseTooLongError, UnknownPolicySectionError
from dxtalent.web.downloads import download
from dxtalent.web.organisations.access import OrganisationRequest
from dxtalent.web.organisations.decorators import organisation_view
from dxtalent.web.organisations.models import Role
from dxtalent.web.planning.models import PlanRun
from dxtalent.web.reports import policy_drafts, services
from dxtalent.web.reports.forms import CompareForm, PolicyProseForm, prose_field
from dxtalent.web.reports.models import PolicyDraft


def _draft(request: OrganisationRequest) -> PolicyDraft:
    draft = policy_drafts.draft_of(request.organisation)
    if draft is None:
        raise Http404("no policy draft yet")
    return draft


def _stale(error: StaleRecordError) -> str:
    return _(
        "Someone else saved the draft (now version {current}) after you read version {read}; "
        "nothing of yours was saved. Look at what changed, then try again."
    ).format(current=error.current, read=error.read)


def _runs(request: OrganisationRequest) -> list[PlanRun]:
    return list(
        PlanRun.objects.filter(organisation=request.organisation, status=PlanRun.Status.DONE)[:10]
    )


@organisation_view()
def draft(request: OrganisationRequest) -> HttpResponse:
    """The newest version, section by section: the officer's prose, the generated statements
    with their sources, and what the newest regeneration changed in the figures."""
    found = policy_drafts.draft_of(request.organisation)
    context: dict[str, object] = {"draft": found, "runs": _runs(request)}
    if found is not None:
        current = found.current()
        meta, sections = policy_drafts.loaded(current)
        changes = policy_drafts.figure_changes(found)
        context.update(
            current=current,
            meta=meta,
            sections=[
                {
                    "section": section,
                    "items": policy_drafts.shown(section),
                    "change": changes.sections.get(section.key) if changes else None,
                }
                for section in sections
            ],
            changes=changes,
        )
    return render(request, "reports/policy.html", context)


@organisation_view()
def generate(request: OrganisationRequest) -> HttpResponse:
    """POST (editors): draft the chapter anew from the data and the chosen plan run (default:
    the newest), keeping the prose of each section."""
    if request.method != "POST":
        return redirect("reports-policy-draft", request.organisation.code)
    run = None
    run_field = request.POST.get("run", "")
    if run_field:
        run = PlanRun.objects.filter(
            organisation=request.organisation,
            pk=int(run_field) if run_field.isdigit() else 0,
            status=PlanRun.Status.DONE,
        ).first()
        if run is None:
            raise Http404("no plan run with a result")
    version_field = request.POST.get("version", "")
    read = int(version_field) if version_field.isdigit() else None
    try:
        policy_drafts.generate(
            request.organisation, request.user, run, read, get_language() or "ja"
        )
    except StaleRecordError as error:
        found = _draft(request)
        return render(
            request,
            "reports/policy.html",
            {
                "draft": found,
                "runs": _runs(request),
                "error": _stale(error),
                "current": found.current(),
                "meta": policy_drafts.loaded(found.current())[0],
                "sections": [
                    {"section": s, "items": policy_drafts.shown(s), "change": None}
                    for s in policy_drafts.loaded(found.current())[1]
                ],
            },
            status=409,
        )
    return redirect("reports-policy-draft", request.organisation.code)


@organisation_view(read_role=Role.EDITOR)
def edit(request: OrganisationRequest) -> HttpResponse:
    """The officer's prose of every section in one form (editors only); saving makes the next
    version unless someone saved one since the form was shown."""
    found = _draft(request)
    current = found.current()
    _, sections = policy_drafts.loaded(current)
    if request.method != "POST":
        form = PolicyProseForm(sections, initial={"version": found.version})
        return render(request, "reports/policy_edit.html", {"form": form, "draft": found})
    form = PolicyProseForm(sections, request.POST)
    if form.is_valid():
        try:
            policy_drafts.save_prose(
                found, request.user, form.cleaned_data["version"], form.prose()
            )
        except StaleRecordError as error:
            form.add_error(None, _stale(error))
        except ProseTooLongError as error:
            key = next((k for k in form.prose() if f" {k}:" in f" {error}"), None)
            form.add_error(prose_field(key) if key else None, str(error))
        except UnknownPolicySectionError as error:
            form.add_error(None, str(error))
        else:
            return redirect("reports-policy-draft", request.organisation.code)
    return render(request, "reports/policy_edit.html", {"form": form, "draft": found}, status=400)


@organisation_view()
def versions(request: OrganisationRequest) -> HttpResponse:
    found = _draft(request)
    listed = list(found.versions.select_related("created_by", "plan_run"))
    return render(
        request,
        "reports/policy_versions.html",
        {"draft": found, "versions": listed, "form": CompareForm()},
    )


@organisation_view()
def compare(request: OrganisationRequest) -> HttpResponse:
    """?a=N&b=M: per section, the prose and the generated figures of version N against M."""
    found = _draft(request)
    form = CompareForm(request.GET)
    if not form.is_valid():
        listed = list(found.versions.select_related("created_by"))
        return render(
            request,
            "reports/policy_versions.html",
            {"draft": found, "versions": listed, "form": form},
            status=400,
        )
    a, b = sorted((form.cleaned_data["a"], form.cleaned_data["b"]))
    old, new = policy_drafts.version_of(found, a), policy_drafts.version_of(found, b)
    if old is None or new is None:
        raise Http404("no such version")
    return render(
        request,
        "reports/policy_diff.html",
        {"draft": found, "old": old, "new": new, "diffs": policy_drafts.diff(old, new)},
    )


@organisation_view()
def export(request: OrganisationRequest, number: int, fmt: str) -> HttpResponse:
    """A version as .docx or PDF, at once (the page sends a PDF through the job queue)."""
    found = _draft(request)
    version = policy_drafts.version_of(found, number)
    if version is None or fmt not in services.FORMATS:
        raise Http404("no such version or format")
    rendered = policy_drafts.export(version, fmt)
    return download(rendered.content, policy_drafts.filename(version, fmt), rendered.content_type)
