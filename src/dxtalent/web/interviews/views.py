"""Interview projects: import a REFI-QDA project, read its codes, the code × case matrix, the
segments of a code, the agreement of two coders; export it again."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dxtalent.core.interviews.codebook import CodebookError
from dxtalent.core.interviews.project import project_to_qdpx
from dxtalent.core.records import StaleRecordError
from dxtalent.core.uploads import UploadTooLarge
from dxtalent.web.concurrency import save_versioned, stale_message
from dxtalent.web.downloads import download
from dxtalent.web.interviews import joint, services
from dxtalent.web.interviews.forms import (
    CaseAttributesForm,
    CodingChoiceForm,
    JointFitForm,
    PassageForm,
    RecodeForm,
)
from dxtalent.web.interviews.models import Code, Coder, InterviewProject
from dxtalent.web.organisations.access import OrganisationRequest
from dxtalent.web.organisations.decorators import organisation_view
from dxtalent.web.uploads import read_upload

if TYPE_CHECKING:
    from dxtalent.web.surveys.models import Survey


class ProjectImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("REFI-QDA project (.qdpx or project.qde)"),
        help_text=gettext_lazy(
            "Exported by NVivo, ATLAS.ti, MAXQDA, QualCoder or dxtalent. What the file does "
            "not carry as text (pictures, PDF, audio, video) is listed, not imported."
        ),
    )


def _form_errors(form: forms.Form) -> list[str]:
    """Every error of a bound form, each with its field's label."""
    return [
        f"{form.fields[name].label}: {message}" if name in form.fields else str(message)
        for name, messages in form.errors.items()
        for message in messages
    ]


def _project(request: OrganisationRequest, pk: int) -> InterviewProject:
    project = InterviewProject.objects.filter(organisation=request.organisation, pk=pk).first()
    if project is None:
        raise Http404("no such project")
    return project


class ProjectCreateForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=200)


@organisation_view()
def project_list(request: OrganisationRequest) -> HttpResponse:
    organisation = request.organisation
    creating = request.method == "POST" and request.POST.get("action") == "create"
    create_form = ProjectCreateForm(request.POST if creating else None)
    if creating and create_form.is_valid():
        project = services.new_project(organisation, create_form.cleaned_data["name"])
        messages.success(
            request, _("The project was created with the shipped codebook; now add transcripts.")
        )
        return redirect("interviews-detail", organisation.code, project.pk)
    form = ProjectImportForm(
        None if creating else request.POST or None, None if creating else request.FILES or None
    )
    errors: list[str] = []
    if request.method == "POST" and not creating and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            data = read_upload(upload, "qdpx")
            project, notes = services.import_project(organisation, data, upload.name)
        except UploadTooLarge as error:
            errors = [error.render()]
        except CodebookError as error:
            errors = [str(error)]
        else:
            messages.success(request, _("The project was imported."))
            for note in notes[:20]:
                messages.warning(request, note)
            if len(notes) > 20:
                messages.warning(
                    request, _("… and %(count)s more notes.") % {"count": len(notes) - 20}
                )
            return redirect("interviews-detail", organisation.code, project.pk)
    return render(
        request,
        "interviews/list.html",
        {
            "form": form,
            "create_form": create_form,
            "errors": errors,
            "projects": InterviewProject.objects.filter(organisation=organisation),
        },
        status=400 if request.method == "POST" else 200,
    )


@organisation_view()
def project_detail(request: OrganisationRequest, pk: int) -> HttpResponse:
    project = _project(request, pk)
    upload_errors: list[str] = []
    attribute_errors: list[str] = []
    if request.method == "POST" and request.POST.get("action") == "attributes":
        attributes_form = CaseAttributesForm(request.POST, project=project)
        if attributes_form.is_valid():
            attribute_errors = services.set_attributes(
                attributes_form.cleaned_data["case"],
                attributes_form.cleaned_data["attributes"],
                attributes_form.cleaned_data["version"],
            )
        else:
            attribute_errors = _form_errors(attributes_form)
        if not attribute_errors:
            return redirect("interviews-detail", request.organisation.code, project.pk)
    elif request.method == "POST":
        files = request.FILES.getlist("transcripts")
        if not files:
            upload_errors = [_("Choose one or more .txt or .docx files.")]
        else:
            try:
                texts = [(f.name or "", read_upload(f, "transcript")) for f in files]
                added = services.add_transcripts(project, texts)
            except UploadTooLarge as error:
                upload_errors = [error.render()]
            except services.TranscriptError as error:
                upload_errors = [str(error)]
            else:
                messages.success(request, _("%(count)s transcripts added.") % {"count": len(added)})
                return redirect("interviews-detail", request.organisation.code, project.pk)
    codes, cases, counts = services.code_case_matrix(project)
    coders = list(project.coders.all())
    chosen_code = None
    segments = []
    attribute = request.GET.get("attribute", "")
    value = request.GET.get("value", "")
    if request.GET.get("code", "").isdigit():
        chosen_code = Code.objects.filter(project=project, pk=int(request.GET["code"])).first()
        if chosen_code is not None:
            segments = services.retrieve(project, chosen_code, attribute, value)
    agreement_rows = None
    first_id, second_id = request.GET.get("first", ""), request.GET.get("second", "")
    if first_id.isdigit() and second_id.isdigit() and first_id != second_id:
        first = Coder.objects.filter(project=project, pk=int(first_id)).first()
        second = Coder.objects.filter(project=project, pk=int(second_id)).first()
        if first and second:
            agreement_rows = services.coder_agreement(project, first, second)
    totals: dict[int, int] = {}
    for code_id in project.codings.values_list("code_id", flat=True):
        totals[code_id] = totals.get(code_id, 0) + 1
    by_paragraph = request.GET.get("together") == "paragraph"
    pair_codes, pairs = services.co_occurrence(project, paragraph=by_paragraph)
    return render(
        request,
        "interviews/detail.html",
        {
            "pair_codes": pair_codes,
            "by_paragraph": by_paragraph,
            "pairs": [
                (
                    code,
                    [
                        pairs.get((min(code.pk, other.pk), max(code.pk, other.pk)), 0)
                        if code.pk != other.pk
                        else None
                        for other in pair_codes
                    ],
                )
                for code in pair_codes
            ],
            "project": project,
            "codes": [(code, totals.get(code.pk, 0)) for code in codes],
            "cases": cases,
            "matrix": [
                (code, [counts.get((code.pk, case.pk), 0) for case in cases])
                for code in codes
                if totals.get(code.pk)
            ],
            "sources": project.sources.all(),
            "coders": coders,
            "chosen_code": chosen_code,
            "segments": segments,
            "attribute": attribute,
            "value": value,
            "attributes": sorted({k for case in cases for k in case.attributes}),
            "agreement": agreement_rows,
            "first": first_id,
            "second": second_id,
            "upload_errors": upload_errors,
            "attribute_errors": attribute_errors,
        },
        status=400 if upload_errors or attribute_errors else 200,
    )


@organisation_view()
def project_export(request: OrganisationRequest, pk: int) -> HttpResponse:
    organisation = request.organisation
    project = _project(request, pk)
    return download(
        project_to_qdpx(services.to_core(project)),
        f"interviews-{organisation.code}-{project.pk}.qdpx",
    )


@organisation_view()
def source_coding(request: OrganisationRequest, pk: int, source_pk: int) -> HttpResponse:
    """The coding page: the transcript with what is coded marked, the codings in the margin,
    and a form to code a passage (filled from the text selected, or typed: positions are
    characters from 0, end excluded)."""
    from dxtalent.web.interviews.models import Coding, Source

    project = _project(request, pk)
    source = Source.objects.filter(project=project, pk=source_pk).first()
    if source is None:
        raise Http404("no such source")
    error = ""
    form = PassageForm(source=source)
    if request.method == "POST":
        action = request.POST.get("action")
        here = redirect("interviews-source", request.organisation.code, project.pk, source.pk)
        if action == "delete":
            choice = CodingChoiceForm(request.POST, source=source)
            if choice.is_valid():
                choice.cleaned_data["coding"].delete()
                return here
            error = " ".join(_form_errors(choice))
        elif action == "recode":
            recode = RecodeForm(request.POST, source=source)
            if recode.is_valid():
                coding = recode.cleaned_data["coding"]
                wanted = recode.cleaned_data["code"]
                coding.code = wanted
                try:
                    save_versioned(coding, recode.cleaned_data["version"])
                except StaleRecordError:
                    coding.refresh_from_db()
                    error = stale_message(
                        str(coding), [(str(_("Code")), str(wanted), str(coding.code))], False
                    )
                else:
                    return here
            else:
                error = " ".join(_form_errors(recode))
        else:
            form = PassageForm(request.POST, source=source)
            if form.is_valid():
                import uuid

                Coding.objects.create(
                    organisation=project.organisation,
                    project=project,
                    source=source,
                    start=form.cleaned_data["start"],
                    end=form.cleaned_data["end"],
                    code=form.cleaned_data["code"],
                    coder=services.coder_for(project, request.user),
                    guid=str(uuid.uuid4()),
                    selection_guid=str(uuid.uuid4()),
                    memo=form.cleaned_data["memo"],
                )
                return here
            error = " ".join(_form_errors(form))
    return render(
        request,
        "interviews/coding.html",
        {
            "project": project,
            "source": source,
            "pieces": services.pieces(source),
            "codings": source.codings.select_related("code", "coder"),
            "codes": project.codes.filter(codable=True),
            "error": error,
            "form": form,
            "length": len(source.text),
        },
        status=400 if error else 200,
    )


def _joint(
    request: HttpRequest, project: InterviewProject
) -> tuple[list[dict[str, Any]], Survey | None, str, list[Survey]]:
    from django.utils.translation import get_language

    from dxtalent.web.surveys.models import Survey

    surveys = list(Survey.objects.filter(organisation=project.organisation))
    chosen = request.GET.get("survey", "")
    survey = next((s for s in surveys if str(s.pk) == chosen), None)
    attribute = request.GET.get("attribute", "")
    language = "en" if (get_language() or "ja").startswith("en") else "ja"
    return joint.joint_display(project, survey, attribute, language), survey, attribute, surveys


@organisation_view()
def joint_display(request: OrganisationRequest, pk: int) -> HttpResponse:
    """Themes: survey figures beside interview evidence and quotes, with a fit judgement."""
    from dxtalent.web.interviews.models import JointFit

    project = _project(request, pk)
    if request.method == "POST":
        fit_form = JointFitForm(request.POST)
        if not fit_form.is_valid():
            return HttpResponseBadRequest(" ".join(_form_errors(fit_form)))
        fit, note = fit_form.cleaned_data["fit"], fit_form.cleaned_data["note"]
        judgement = JointFit.objects.filter(
            project=project, code_guid=fit_form.cleaned_data["guid"]
        ).first()
        if judgement is None:
            JointFit.objects.create(
                organisation=project.organisation,
                project=project,
                code_guid=fit_form.cleaned_data["guid"],
                fit=fit,
                note=note,
            )
            return redirect(request.get_full_path())
        judgement.fit, judgement.note = fit, note
        try:
            save_versioned(judgement, fit_form.cleaned_data["version"])
        except StaleRecordError:
            judgement.refresh_from_db()
            changes = [
                (
                    str(_("Fit")),
                    str(dict(JointFit.Fit.choices).get(fit, "–")),
                    judgement.get_fit_display(),
                ),
                (str(_("Note")), note, judgement.note),
            ]
            messages.error(request, stale_message(str(judgement), changes, in_form=False))
        return redirect(request.get_full_path())
    rows, survey, attribute, surveys = _joint(request, project)
    return render(
        request,
        "interviews/joint.html",
        {
            "project": project,
            "rows": rows,
            "survey": survey,
            "surveys": surveys,
            "attribute": attribute,
            "attributes": sorted({k for case in project.cases.all() for k in case.attributes}),
            "fits": JointFit.Fit.choices,
        },
    )


@organisation_view()
def joint_export(request: OrganisationRequest, pk: int) -> HttpResponse:
    project = _project(request, pk)
    rows, _survey, _attribute, _surveys = _joint(request, project)
    return download(joint.joint_xlsx(rows), f"joint-display-{project.pk}.xlsx")


@organisation_view()
def coders_agreement(request: OrganisationRequest, pk: int) -> HttpResponse:
    """Krippendorff's alpha of any coders chosen, per code with its bootstrap interval, on
    characters or paragraphs."""
    from dxtalent.web.interviews.forms import CodersAgreementForm

    project = _project(request, pk)
    form = CodersAgreementForm(request.GET or None, project=project)
    rows = None
    if form.is_bound and form.is_valid():
        rows = services.coders_agreement(
            project, list(form.cleaned_data["coders"]), unit=form.cleaned_data["unit"]
        )
    return render(
        request,
        "interviews/agreement.html",
        {
            "project": project,
            "form": form,
            "rows": rows,
            "unit": form.cleaned_data.get("unit") if rows is not None else None,
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


@organisation_view()
def project_memos(request: OrganisationRequest, pk: int) -> HttpResponse:
    """The project's memos under what they are about; editors write new ones."""
    from dxtalent.web.interviews.forms import MemoForm

    project = _project(request, pk)
    posted = request.method == "POST"
    form = MemoForm(request.POST if posted else None, project=project)
    if posted and form.is_valid():
        kind, guid = form.target()
        services.add_memo(
            project, request.user, kind, guid, form.cleaned_data["name"], form.cleaned_data["text"]
        )
        messages.success(request, _("The memo was saved."))
        return redirect("interviews-memos", project.organisation.code, project.pk)
    return render(
        request,
        "interviews/memos.html",
        {"project": project, "form": form, "groups": services.memos_by_target(project)},
        status=400 if posted else 200,
    )
