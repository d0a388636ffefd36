"""Training programmes: what a programme raises, the shipped templates of published
programmes, and enrolling people in a fiscal year's seats.

Completing an enrolment adds rating evidence, so it is with the ratings in services.py
(`complete_enrolment`, `pending_training_evidence`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _

from dxtalent.core.calendar import fiscal_year_end, fiscal_year_of, fiscal_year_start
from dxtalent.core.paper import cite
from dxtalent.core.training import ProgrammeTemplate, shipped_template, shipped_templates
from dxtalent.web.people.models import Enrolment, Person, Skill, TrainingProgramme
from dxtalent.web.people.services import AssessmentError


def set_programme_gain(
    programme: TrainingProgramme, skill: Skill, to_level: int, prerequisite: int = 0
) -> Any:
    """Record (or change) that a programme raises a skill to a level."""
    from dxtalent.web.people.models import ProgrammeSkill

    if skill.framework.organisation_id not in (None, programme.organisation_id):
        raise AssessmentError(
            _("Skill {code} belongs to another organisation's framework.").format(code=skill.code)
        )
    gain, _created = ProgrammeSkill.objects.update_or_create(
        programme=programme,
        skill=skill,
        defaults={
            "organisation_id": programme.organisation_id,
            "to_level": to_level,
            "prerequisite": prerequisite,
        },
    )
    return gain


def programme_templates(language: str) -> list[dict[str, Any]]:
    """The shipped templates of published programmes (the paper's Kanazawa case), each as
    template_page gives it."""
    return [template_page(t, language) for t in shipped_templates().values()]


def programme_template(code: str) -> ProgrammeTemplate:
    """The shipped template with `code` (case does not matter); UnknownTemplateError if none."""
    return shipped_template(code.upper())


def template_page(template: ProgrammeTemplate, language: str) -> dict[str, Any]:
    """The template in `language` for its page: name, case, each figure's text with its
    section, footnote and passage (the paper's English), where that is in the reader's words
    (`where`: Nakagawa（2025）「方法」、脚注8), what is not published, the citation."""
    return {
        "code": template.code,
        "name": template.name.get(language),
        "case": template.case.get(language),
        "figures": [
            {
                "key": f.key,
                "text": f.text.get(language),
                "section": f.section,
                "footnote": f.footnote,
                "passage": f.passage,
                "where": cite(f.section, language, f.footnote),
            }
            for f in template.statements()
        ],
        "not_published": [item.text.get(language) for item in template.not_published],
        "citation": template.citation,
        "hours": template.hours,
        "months": template.months,
        "seats": template.seats_per_year,
    }


def programme_initial(template: ProgrammeTemplate, language: str) -> dict[str, Any]:
    """The fields of a new programme as the template gives them: name, kind, hours, months,
    seats a year and the template's notes (figures with their sources, what is not published)
    as its description. The cost per seat and when it is held are not in the template: the
    form leaves them for the user."""
    return {
        "name": template.name.get(language),
        "kind": template.programme_kind,
        "is_external": template.is_external,
        "hours": template.hours,
        "months": template.months,
        "seats": template.seats_per_year,
        "description": template.notes(language),
    }


def enrol(programme: TrainingProgramme, person: Person, enrolled_on: dt.date) -> Enrolment:
    if person.organisation_id != programme.organisation_id:
        raise AssessmentError(_("This person belongs to another organisation."))
    if Enrolment.objects.filter(programme=programme, person=person).exists():
        raise AssessmentError(_("{person} is already enrolled.").format(person=person))
    # A programme's seats are places a fiscal year (April to March), as budgets are.
    fiscal_year = fiscal_year_of(enrolled_on)
    taken = Enrolment.objects.filter(
        programme=programme,
        enrolled_on__range=(fiscal_year_start(fiscal_year), fiscal_year_end(fiscal_year)),
        status__in=[Enrolment.Status.ENROLLED, Enrolment.Status.COMPLETED],
    ).count()
    if programme.seats and taken >= programme.seats:
        raise AssessmentError(
            _("All {seats} seats of {programme} are taken this year.").format(
                seats=programme.seats, programme=programme.name
            )
        )
    return Enrolment.objects.create(
        organisation=programme.organisation,
        programme=programme,
        person=person,
        enrolled_on=enrolled_on,
    )
