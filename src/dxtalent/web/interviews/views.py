"""Interview projects: import a REFI-QDA project, read its codes, the code × case matrix, the
segments of a code, the agreement of two coders; export it again."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dxtalent.core.interviews.codebook import CodebookError
from dxtalent.core.interviews.project import project_to_qdpx
from dxtalent.web.interviews import services
from dxtalent.web.interviews.models import Code, Coder, InterviewProject
from dxtalent.web.organisations.decorators import organisation_view

MAX_UPLOAD = 50 * 1024 * 1024


class ProjectImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("REFI-QDA project (.qdpx or project.qde)"),
        help_text=gettext_lazy(
            "Exported by NVivo, ATLAS.ti, MAXQDA, QualCoder or dxtalent. What the file does "
            "not carry as text (pictures, PDF, audio, video) is listed, not imported."
        ),
    )


def _project(request: HttpRequest, pk: int) -> InterviewProject:
    project = InterviewProject.objects.filter(organisation=request.organisation, pk=pk).first()  # type: ignore[attr-defined]
    if project is None:
        raise Http404("no such project")
    return project


@organisation_view()
def project_list(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    form = ProjectImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            errors = [_("The file is larger than 50 MB.")]
        else:
            try:
                project, notes = services.import_project(organisation, upload.read(), upload.name)
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
            "errors": errors,
            "projects": InterviewProject.objects.filter(organisation=organisation),
        },
        status=400 if request.method == "POST" else 200,
    )


@organisation_view()
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project(request, pk)
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
    return render(
        request,
        "interviews/detail.html",
        {
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
        },
    )


@organisation_view()
def project_export(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    project = _project(request, pk)
    response = HttpResponse(
        project_to_qdpx(services.to_core(project)), content_type="application/zip"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="interviews-{organisation.code}-{project.pk}.qdpx"'
    )
    return response
