"""Published survey tables with the audit verdict on every row, and the audit of a user's own
tables (uploaded, checked, shown; nothing stored)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from dxtalent.core.frameworks import Text
from dxtalent.core.surveys import read_tables_csv, shipped_tables
from dxtalent.core.tabular import TableValidationError, TabularError
from dxtalent.web.downloads import download
from dxtalent.web.organisations.access import AuthenticatedRequest, OrganisationRequest
from dxtalent.web.organisations.decorators import organisation_view
from dxtalent.web.surveys import charts, exports, imports, services
from dxtalent.web.surveys.forms import (
    AnswersImportForm,
    AuditUploadForm,
    InviteForm,
    LinkExpiryForm,
    SurveyForm,
    SurveyImportForm,
)
from dxtalent.web.surveys.models import Answer, Invitation, Survey
from dxtalent.web.uploads import read_upload


def _number(request: HttpRequest) -> int | None:
    value = request.GET.get("table", "")
    return int(value) if value.isdigit() else None


def _language() -> str:
    return "en" if (get_language() or "ja").startswith("en") else "ja"


@login_required
def published(request: AuthenticatedRequest) -> HttpResponse:
    tables = shipped_tables()
    number = _number(request)
    try:
        found = services.audited(tables, number)
    except KeyError:
        raise Http404("no such table") from None
    return render(
        request,
        "surveys/published.html",
        {
            "tables": tables,
            "found": found,
            "numbers": [t.number for t in tables.tables],
            "chosen": number,
            "language": _language(),
            "form": AuditUploadForm(),
            "inconsistent": sum(len(t.rows) - t.consistent for t in found),
        },
    )


@login_required
def published_export(request: AuthenticatedRequest) -> HttpResponse:
    try:
        found = services.audited(shipped_tables(), _number(request))
    except KeyError:
        raise Http404("no such table") from None
    return download(exports.audit_xlsx(found, _language()), "published-tables-audit.xlsx")


@login_required
def audit_upload(request: AuthenticatedRequest) -> HttpResponse:
    form = AuditUploadForm(request.POST or None, request.FILES or None)
    found = None
    errors: list[str] = []
    status = 200
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            tables = read_tables_csv(read_upload(upload, "published-tables"), upload.name)
            found = services.audited(tables)
        except TableValidationError as error:
            errors = [e.render() for e in error.errors]
        except TabularError as error:
            errors = [error.render()]
        if errors:
            status = 400
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "surveys/audit.html",
        {"form": form, "found": found, "errors": errors, "language": _language()},
        status=status,
    )


# ---- Running surveys -------------------------------------------------------------------


def _survey(request: OrganisationRequest, pk: int) -> Survey:
    survey = Survey.objects.filter(organisation=request.organisation, pk=pk).first()
    if survey is None:
        raise Http404("no such survey")
    return survey


@organisation_view()
def survey_list(request: OrganisationRequest) -> HttpResponse:
    organisation = request.organisation
    importing = request.method == "POST" and "file" in request.FILES
    form = SurveyForm(
        None if importing else request.POST or None, None if importing else request.FILES or None
    )
    upload = (
        SurveyImportForm(request.POST or None, request.FILES or None)
        if importing
        else SurveyImportForm()
    )
    import_errors: list[str] = []
    if importing and upload.is_valid():
        file = upload.cleaned_data["file"]
        structure = upload.cleaned_data.get("structure")
        try:
            survey = imports.import_survey(
                organisation,
                request.user,
                read_upload(file, "survey-export"),
                file.name,
                upload.cleaned_data["format"] or None,
                read_upload(structure, "survey-export") if structure else None,
                structure.name if structure else "",
            )
        except TableValidationError as error:
            import_errors = [e.render() for e in error.errors]
        except TabularError as error:
            import_errors = [error.render()]
        else:
            messages.success(request, _("The export was imported as a closed survey."))
            return redirect("surveys-detail", organisation.code, survey.pk)
    if request.method == "POST" and not importing and form.is_valid():
        survey = Survey.objects.create(
            organisation=organisation,
            title=form.cleaned_data["title"],
            instrument=form.cleaned_data["questionnaire"] or services.shipped_instrument(),
            created_by=request.user,
        )
        messages.success(request, _("The survey was created; now invite the organisations."))
        return redirect("surveys-detail", organisation.code, survey.pk)
    surveys = Survey.objects.filter(organisation=organisation)
    return render(
        request,
        "surveys/list.html",
        {"form": form, "upload": upload, "import_errors": import_errors, "surveys": surveys},
        status=400 if form.errors or upload.errors or import_errors else 200,
    )


def _language_of(text: Text) -> str:
    return text.en if _language() == "en" and text.en else text.ja


FOUND_AT_MOST = 20  # organisations listed for one search; a longer list is narrowed by typing
INVITATIONS_PER_PAGE = 50
RESPONDENTS_IN_A_LIST = 100  # above this, respondents are searched by name, not listed


@organisation_view()
def survey_detail(request: OrganisationRequest, pk: int) -> HttpResponse:
    organisation = request.organisation
    survey = _survey(request, pk)
    instrument = services.instrument_of(survey)
    departments = [(code, _language_of(label)) for code, label in instrument.departments.items()]
    action = request.POST.get("action") if request.method == "POST" else None
    # Organisations found by name (?find=…): ticked in the invitation form instead of codes.
    find = request.GET.get("find", "").strip()
    found = (
        [
            (o.code, f"{o.name} ({o.prefecture.name if o.prefecture else o.code})")
            for o in services.invitable(request.user, find)[:FOUND_AT_MOST]
        ]
        if find
        else []
    )
    form = InviteForm(
        request.POST if action == "invite" else None, departments=departments, found=found
    )
    answers_form = AnswersImportForm(
        request.POST if action == "import" else None, request.FILES if action == "import" else None
    )
    errors: list[str] = []
    import_errors: list[str] = []
    if action == "import" and answers_form.is_valid():
        fields = answers_form.cleaned_data
        try:
            count = imports.import_answers(
                survey,
                read_upload(fields["file"], "survey-answers"),
                fields["file"].name,
                fields["mapping"],
                fields["respondent_column"],
                fields["department_column"],
            )
        except TableValidationError as error:
            import_errors = [e.render() for e in error.errors]
        except TabularError as error:
            import_errors = [error.render()]
        else:
            messages.success(
                request, _("%(count)s respondents' answers imported.") % {"count": count}
            )
            return redirect("surveys-detail", organisation.code, survey.pk)
    expiry_form = LinkExpiryForm(
        request.POST if action == "expiry" else None,
        initial={"links_expire_on": survey.links_expire_on},
    )
    if action == "expiry" and expiry_form.is_valid():
        survey.links_expire_on = expiry_form.cleaned_data["links_expire_on"]
        survey.save(update_fields=["links_expire_on"])
        return redirect("surveys-detail", organisation.code, survey.pk)
    if request.method == "POST" and action not in ("import", "expiry"):
        if action in ("close", "open"):
            survey.status = Survey.Status.CLOSED if action == "close" else Survey.Status.OPEN
            survey.save()
            return redirect("surveys-detail", organisation.code, survey.pk)
        if form.is_valid():
            created, errors = services.invite(
                survey, form.chosen_codes(), form.cleaned_data["departments"], user=request.user
            )
            if not errors:
                messages.success(
                    request, _("%(count)s private links created.") % {"count": created}
                )
                return redirect("surveys-detail", organisation.code, survey.pk)
    everyone = services.responses(survey)  # kept per version of the answers
    results = services.results_of(survey, _language())
    respondents = [r.respondent for r in everyone if not r.respondent.startswith("import:")]
    chosen = request.GET.get("compare", "")
    # A long list of respondents is searched by name rather than offered as one <select>.
    respondent_find = request.GET.get("respondent", "").strip()
    many = len(respondents) > RESPONDENTS_IN_A_LIST
    respondent_names = services.respondent_names(
        respondents if not many else [k for k in respondents if k == chosen or respondent_find],
        dict(departments),
    )
    if many:
        listed = [
            key
            for key in respondents
            if key == chosen
            or (respondent_find and respondent_find.casefold() in respondent_names[key].casefold())
        ][:FOUND_AT_MOST]
    else:
        listed = respondents
    comparison = (
        services.one_against_rest(survey, chosen, _language(), everyone)
        if chosen in respondents
        else None
    )
    invitation_page = Paginator(
        survey.invitations.select_related("respondent", "answer").order_by(
            "respondent__code", "department"
        ),
        INVITATIONS_PER_PAGE,
    ).get_page(request.GET.get("invitations"))
    return render(
        request,
        "surveys/detail.html",
        {
            "survey": survey,
            "instrument": instrument,
            "form": form,
            "invite_errors": errors,
            "answers_form": answers_form,
            "import_errors": import_errors,
            "expiry_form": expiry_form,
            "rates": services.response_rates(survey),
            "invitations": [
                (invitation, dict(departments).get(invitation.department, invitation.department))
                for invitation in invitation_page
            ],
            "invitation_page": invitation_page,
            "many_respondents": many,
            "respondent_find": respondent_find,
            "results": results,
            "charts": charts.chart_data(results),
            "paired": charts.paired(survey, results, _language()),
            "respondents": [(key, respondent_names[key]) for key in listed],
            "compare": chosen,
            "compare_name": respondent_names.get(chosen, chosen),
            "comparison": comparison,
            "language": _language(),
            "find": find,
            "found": found,
        },
        status=400 if request.method == "POST" else 200,
    )


@organisation_view()
def survey_export(request: OrganisationRequest, pk: int) -> HttpResponse:
    organisation = request.organisation
    survey = _survey(request, pk)
    return download(
        exports.results_xlsx(survey, _language()),
        f"survey-{organisation.code}-{survey.pk}.xlsx",
    )


def respond(request: HttpRequest, token: str) -> HttpResponse:
    """The private form of one invitation: no login; the link is the key."""
    invitation = (
        Invitation.objects.select_related("survey", "respondent").filter(token=token).first()
    )
    if invitation is None:
        raise Http404("no such link")
    survey = invitation.survey
    instrument = services.instrument_of(survey)
    answer = Answer.objects.filter(invitation=invitation).first()
    submitted = answer is not None and answer.submitted_at is not None
    errors: dict[str, str] = {}
    status = 200
    if request.method == "POST" and not submitted and survey.takes_answers:
        final = request.POST.get("action") == "submit"
        answers, errors = services.read_answers(
            instrument, invitation.department, request.POST, final
        )
        if not errors:
            with transaction.atomic():
                answer, _created = Answer.objects.select_for_update().get_or_create(
                    invitation=invitation
                )
                answer.answers = answers
                answer.language = _language()
                if final:
                    answer.submitted_at = timezone.now()
                answer.save()
            if final:
                messages.success(request, _("Thank you: your answers were submitted."))
            else:
                messages.success(request, _("Saved. You can come back with this link."))
            return redirect("surveys-respond", token)
        status = 400
    given = request.POST if request.method == "POST" else None
    return render(
        request,
        "surveys/respond.html",
        {
            "invitation": invitation,
            "survey": survey,
            "questions": services.form_questions(
                instrument, invitation.department, answer.answers if answer else {}, given, errors
            ),
            "department": _language_of(instrument.departments[invitation.department])
            if invitation.department in instrument.departments
            else invitation.department,
            "submitted": submitted,
            "closed": not survey.takes_answers,
            "expired": survey.status == Survey.Status.OPEN and not survey.takes_answers,
            "errors": errors,
            "language": _language(),
        },
        status=410
        if request.method == "POST" and not submitted and not survey.takes_answers
        else status,
    )


@organisation_view()
def survey_questionnaire(request: OrganisationRequest, pk: int) -> HttpResponse:
    """The survey's questionnaire as JSON: to copy it into a new survey, extended."""
    import json

    organisation = request.organisation
    survey = _survey(request, pk)
    return download(
        json.dumps(survey.instrument, ensure_ascii=False, indent=2),
        f"questionnaire-{organisation.code}-{survey.pk}.json",
    )


@organisation_view()
def survey_crosstab(request: OrganisationRequest, pk: int) -> HttpResponse:
    """A choice question by the answer to a single-choice question, with intervals and tests."""
    from dxtalent.core.surveys.crosstab import CrossTabError
    from dxtalent.web.surveys.forms import CrossTabForm

    survey = _survey(request, pk)
    form = CrossTabForm(
        request.GET or None, instrument=services.instrument_of(survey), language=_language()
    )
    table = None
    if form.is_bound and form.is_valid():
        try:
            table = services.crosstab(
                survey, form.cleaned_data["question"], form.cleaned_data["by"], _language()
            )
        except CrossTabError as error:
            form.add_error(None, str(error))
    return render(
        request,
        "surveys/crosstab.html",
        {"survey": survey, "form": form, "table": table},
        status=400 if form.is_bound and form.errors else 200,
    )
