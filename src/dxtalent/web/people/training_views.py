"""The training pages: programmes (from scratch or from a published template), the skills
each raises, enrolling people and completing an enrolment.

Each view: access check (organisation_view), form, one service call, render.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dxtalent.core.planning import defaults as planning_defaults
from dxtalent.core.training import UnknownTemplateError
from dxtalent.web.organisations.access import OrganisationRequest
from dxtalent.web.organisations.decorators import organisation_view
from dxtalent.web.organisations.models import Role as MemberRole
from dxtalent.web.people import services, training
from dxtalent.web.people.forms import (
    CompleteForm,
    EnrolForm,
    ProgrammeForm,
    ProgrammeFromTemplateForm,
    ProgrammeSkillForm,
)
from dxtalent.web.people.models import Enrolment, TrainingProgramme


@organisation_view()
def programmes(request: OrganisationRequest) -> HttpResponse:
    organisation = request.organisation
    form = ProgrammeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        programme = form.save(commit=False)
        programme.organisation = organisation
        programme.save()
        messages.success(request, _("{name} was added.").format(name=programme.name))
        return redirect("people-programme-detail", code=organisation.code, pk=programme.pk)
    return render(
        request,
        "people/programmes.html",
        {
            "form": form,
            "programmes": TrainingProgramme.objects.filter(
                organisation=organisation
            ).prefetch_related("skills__skill"),
            "templates": training.programme_templates(get_language() or "ja"),
        },
        status=400 if request.method == "POST" else 200,
    )


@organisation_view(read_role=MemberRole.EDITOR)
def programme_from_template(request: OrganisationRequest, template: str) -> HttpResponse:
    """A new programme pre-filled from a published template (the paper's Kanazawa case), its
    figures shown with their sources; what the source does not publish is left blank."""
    organisation = request.organisation
    try:
        chosen = training.programme_template(template)
    except UnknownTemplateError as error:
        raise Http404(str(error)) from None
    language = get_language() or "ja"
    form = ProgrammeFromTemplateForm(
        request.POST or None,
        initial=training.programme_initial(chosen, language),
        assumed_cost_per_seat=planning_defaults.TRAINING_COST_PER_SEAT,
    )
    if request.method == "POST" and form.is_valid():
        programme = form.save(commit=False)
        programme.organisation = organisation
        programme.save()
        messages.success(
            request,
            _("{name} was added from the template. Now add the skills it raises.").format(
                name=programme.name
            ),
        )
        return redirect("people-programme-detail", code=organisation.code, pk=programme.pk)
    return render(
        request,
        "people/programme_template.html",
        {"form": form, "template": training.template_page(chosen, language)},
        status=400 if request.method == "POST" else 200,
    )


@organisation_view()
def programme_detail(request: OrganisationRequest, pk: int) -> HttpResponse:
    organisation = request.organisation
    programme = get_object_or_404(TrainingProgramme, organisation=organisation, pk=pk)
    return render(
        request,
        "people/programme_detail.html",
        {
            "programme": programme,
            "gains": programme.skills.select_related("skill"),
            "enrolments": programme.enrolments.select_related("person"),
            "enrol_form": EnrolForm(
                organisation=organisation, initial={"enrolled_on": timezone.localdate()}
            ),
            "complete_form": CompleteForm(initial={"completed_on": timezone.localdate()}),
            "skill_form": ProgrammeSkillForm(organisation=organisation),
        },
    )


@require_POST
@organisation_view()
def programme_skill_add(request: OrganisationRequest, pk: int) -> HttpResponse:
    organisation = request.organisation
    programme = get_object_or_404(TrainingProgramme, organisation=organisation, pk=pk)
    form = ProgrammeSkillForm(request.POST, organisation=organisation)
    if form.is_valid():
        training.set_programme_gain(
            programme,
            form.cleaned_data["skill"],
            form.cleaned_data["to_level"],
            form.cleaned_data["prerequisite"],
        )
        messages.success(
            request,
            _("The programme now raises {skill} to level {level}.").format(
                skill=form.cleaned_data["skill"].code, level=form.cleaned_data["to_level"]
            ),
        )
    else:
        messages.error(request, " ".join(" ".join(map(str, e)) for e in form.errors.values()))
    return redirect("people-programme-detail", code=organisation.code, pk=programme.pk)


@require_POST
@organisation_view()
def programme_enrol(request: OrganisationRequest, pk: int) -> HttpResponse:
    organisation = request.organisation
    programme = get_object_or_404(TrainingProgramme, organisation=organisation, pk=pk)
    form = EnrolForm(request.POST, organisation=organisation)
    if form.is_valid():
        try:
            training.enrol(programme, form.cleaned_data["person"], form.cleaned_data["enrolled_on"])
        except services.AssessmentError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("{person} was enrolled.").format(person=form.cleaned_data["person"])
            )
    else:
        messages.error(request, " ".join(" ".join(map(str, e)) for e in form.errors.values()))
    return redirect("people-programme-detail", code=organisation.code, pk=programme.pk)


@require_POST
@organisation_view()
def enrolment_complete(request: OrganisationRequest, pk: int) -> HttpResponse:
    organisation = request.organisation
    enrolment = get_object_or_404(
        Enrolment.objects.select_related("programme", "person"), organisation=organisation, pk=pk
    )
    form = CompleteForm(request.POST)
    if form.is_valid():
        try:
            evidence = services.complete_enrolment(
                enrolment, form.cleaned_data["completed_on"], rated_by=request.user
            )
        except services.AssessmentError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _(
                    "{person} completed the programme; {count} skills await the manager's confirmation."
                ).format(person=enrolment.person, count=len(evidence)),
            )
    else:
        messages.error(request, " ".join(" ".join(map(str, e)) for e in form.errors.values()))
    return redirect("people-programme-detail", code=organisation.code, pk=enrolment.programme_id)
