from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from dxtalent.core.people import (
    LevelOutOfScaleError,
    NotKanaError,
    PersonFields,
    check_rating_level,
    person_errors,
    to_katakana,
)
from dxtalent.web.concurrency import VersionedForm
from dxtalent.web.organisations.models import Organisation
from dxtalent.web.people.models import (
    Department,
    Enrolment,
    Framework,
    Person,
    PersonNote,
    Post,
    ProgrammeKind,
    Qualification,
    Skill,
    TrainingProgramme,
)
from dxtalent.web.widgets import PersonSearchInput

LEVEL_CHOICES = [(str(level), str(level)) for level in range(5)]


class PersonForm(VersionedForm):
    class Meta:
        model = Person
        fields = [
            "kind",
            "external_id",
            "family_name",
            "given_name",
            "family_name_kana",
            "given_name_kana",
            "email",
            "employment_type",
            "origin",
            "it_years",
            "contract_end",
            "working_fraction",
            "rotation_min_years",
            "rotation_max_years",
            "manager",
            "user",
            "source_programme",
            "expected_yearly_cost",
            "note",
            "active",
        ]
        widgets = {
            "contract_end": forms.DateInput(attrs={"type": "date"}),
            "note": forms.Textarea(attrs={"rows": 3}),
            "manager": PersonSearchInput,  # a large city's 2,000 staff: chosen by number
        }

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        manager = cast("forms.ModelChoiceField[Any]", self.fields["manager"])
        manager.queryset = Person.objects.filter(organisation=organisation, kind="staff")
        choose_person_by_number(self, "manager", organisation, self.instance.manager)
        # The login a person uses for self-assessment: any member of this organisation.
        from django.contrib.auth import get_user_model

        cast(
            "forms.ModelChoiceField[Any]", self.fields["user"]
        ).queryset = get_user_model().objects.filter(memberships__organisation=organisation)
        self.fields["user"].label = _("Login (for self-assessment)")
        self.fields["user"].required = False
        if self.instance.pk is None:
            # A new person starts in a department: their first post, from today. Later moves
            # are recorded on the person's page (PostForm), so history is kept.
            self.fields["department"] = forms.ModelChoiceField(
                label=_("Department"),
                queryset=Department.objects.filter(
                    organisation=organisation, retired_on__isnull=True
                ),
                required=False,
                help_text=_("Their first post starts today; later moves are added on their page."),
            )

    def clean_external_id(self) -> str:
        value: str = self.cleaned_data["external_id"].strip()
        clash = Person.objects.filter(organisation=self.organisation, external_id=value).exclude(
            pk=self.instance.pk
        )
        if clash.exists():
            raise forms.ValidationError(
                _("Number “{value}” is already used by {person}.").format(
                    value=value, person=clash.first()
                )
            )
        return value

    def _kana(self, name: str) -> str:
        try:
            return to_katakana(self.cleaned_data.get(name) or "")
        except NotKanaError as error:
            raise forms.ValidationError(
                _("“{value}” has {characters}: write the reading in katakana or hiragana.").format(
                    value=error.value, characters=error.characters
                )
            ) from error

    def clean_family_name_kana(self) -> str:
        return self._kana("family_name_kana")

    def clean_given_name_kana(self) -> str:
        return self._kana("given_name_kana")

    def clean(self) -> dict[str, Any]:
        """The record rules of core.people (rotation window, employment type and term), each
        error shown on its field in the reader's language."""
        super().clean()
        data = self.cleaned_data
        fields = PersonFields(
            kind=data.get("kind") or self.instance.kind,
            employment_type=data.get("employment_type") or self.instance.employment_type,
            contract_end=data.get("contract_end"),
            rotation_min_years=data.get("rotation_min_years"),
            rotation_max_years=data.get("rotation_max_years"),
        )
        for error in person_errors(fields):
            if error.field not in self.errors:
                self.add_error(error.field, error.reason.render())
        return data


class PostForm(forms.ModelForm[Post]):
    class Meta:
        model = Post
        fields = ["department", "title", "started_on", "is_specialist"]
        widgets = {"started_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(
            "forms.ModelChoiceField[Any]", self.fields["department"]
        ).queryset = Department.objects.filter(organisation=organisation, retired_on__isnull=True)


class QualificationForm(forms.ModelForm[Qualification]):
    class Meta:
        model = Qualification
        fields = ["name", "obtained_on"]
        widgets = {"obtained_on": forms.DateInput(attrs={"type": "date"})}


class PersonNoteForm(forms.ModelForm[PersonNote]):
    class Meta:
        model = PersonNote
        fields = ["kind", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class DepartmentForm(forms.ModelForm[Department]):
    class Meta:
        model = Department
        fields = ["code", "name", "is_dx", "is_hr"]


class DepartmentEditForm(VersionedForm):
    """Rename a department, mark it DX or HR, or retire it (its code, used by imports, stays)."""

    class Meta:
        model = Department
        fields = ["name", "is_dx", "is_hr", "retired_on"]
        widgets = {"retired_on": forms.DateInput(attrs={"type": "date"})}


class ProgrammeForm(forms.ModelForm[TrainingProgramme]):
    class Meta:
        model = TrainingProgramme
        fields = [
            "name",
            "provider",
            "kind",
            "is_external",
            "hours",
            "months",
            "seats",
            "cost_per_seat",
            "outside_working_hours",
            "completion_rate",
            "description",
        ]
        widgets = {
            "kind": forms.Select(choices=ProgrammeKind.choices),
            "description": forms.Textarea(attrs={"rows": 3}),
        }


class ProgrammeFromTemplateForm(ProgrammeForm):
    """A programme started from a published template. The template fills name, kind, hours,
    months, seats and the description (its figures with their sources); what the source does
    not publish, the cost per seat and whether it is held in or outside working hours, starts
    blank and must be entered."""

    cost_per_seat = forms.IntegerField(label=_("cost per seat (yen)"), min_value=0)
    outside_working_hours = forms.TypedChoiceField(
        label=_("When held"),
        choices=[
            ("", "---------"),
            ("False", _("In working hours")),
            ("True", _("Outside working hours")),
        ],
        coerce=lambda value: value == "True",
    )

    def __init__(self, *args: Any, assumed_cost_per_seat: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cost_per_seat"].help_text = _(
            "Not published: the paper gives no cost per seat. Enter yours (the planner's "
            "default, {amount} yen, is a dxtalent assumption, not a published figure)."
        ).format(amount=f"{assumed_cost_per_seat:,}")
        self.fields["outside_working_hours"].help_text = _(
            "Not published: the paper does not say whether these workshops are held in or "
            "outside working hours. Say how yours is held."
        )


class _SkillChoiceField(forms.ModelChoiceField[Skill]):
    """A skill of any framework, by name in the reader's language, grouped under its
    framework's name (grouped_skills)."""

    def label_from_instance(self, obj: Skill) -> str:
        return _skill_name(obj)


def _english() -> bool:
    return (get_language() or "ja").startswith("en")


def _skill_name(skill: Skill) -> str:
    return (skill.name_en if _english() else "") or skill.name_ja


def _framework_name(framework: Framework) -> str:
    name = (framework.name_en if _english() else "") or framework.name_ja
    if framework.organisation_id is None:
        return name
    copy = _("Your organisation's copy")
    return f"{name} ({copy})"


def grouped_skills(skills: Any) -> list[tuple[str, Any]]:
    """Choices for a skill select: an empty first choice, then one group per framework (by
    name), each skill by name; the values stay the skills' ids."""
    groups: dict[int, tuple[str, list[tuple[int, str]]]] = {}
    for skill in skills:
        group = groups.setdefault(skill.framework_id, (_framework_name(skill.framework), []))
        group[1].append((skill.pk, _skill_name(skill)))
    return [("", "---------"), *((name, choices) for name, choices in groups.values())]


class ProgrammeSkillForm(forms.Form):
    """A skill a programme raises: to which level, from which prerequisite level."""

    skill = _SkillChoiceField(label=_("Skill"), queryset=Skill.objects.none())
    to_level = forms.TypedChoiceField(
        label=_("Raises to level"), choices=[(i, str(i)) for i in range(1, 5)], coerce=int
    )
    prerequisite = forms.TypedChoiceField(
        label=_("Prerequisite level"),
        choices=[(i, str(i)) for i in range(0, 4)],
        coerce=int,
        initial=0,
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from django.db.models import Q

        field = cast("forms.ModelChoiceField[Any]", self.fields["skill"])
        field.queryset = (
            Skill.objects.filter(
                Q(framework__organisation__isnull=True) | Q(framework__organisation=organisation)
            )
            .select_related("framework")
            .order_by("framework__code", "framework__organisation_id", "position")
        )
        # Grouped by framework: the names read, the ids sent (checked against the queryset).
        field.widget.choices = grouped_skills(field.queryset)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if (
            data.get("to_level") is not None
            and data.get("prerequisite") is not None
            and data["prerequisite"] >= data["to_level"]
        ):
            self.add_error(
                "prerequisite",
                _("The prerequisite must be below the level the programme raises to."),
            )
        return data


def choose_person_by_number(
    form: forms.BaseForm,
    name: str,
    organisation: Organisation,
    current: Person | None,
    active: bool = False,
) -> None:
    """Make the form's field `name` (a ModelChoiceField of the organisation's staff) a
    PersonSearchInput: the person's number is typed, or chosen from the people who match, and
    checked against the field's queryset as before (an unknown number gets the field's own
    "Select a valid choice" message). current: the person chosen now, if any."""
    from django.urls import reverse

    field = cast("forms.ModelChoiceField[Any]", form.fields[name])
    field.to_field_name = "external_id"
    widget = cast(PersonSearchInput, field.widget)
    url = reverse("people-choices", kwargs={"code": organisation.code})
    widget.choices_url = f"{url}?field={name}" + ("&active=1" if active else "")
    widget.current = (current.external_id, str(current)) if current is not None else None
    if current is not None:
        form.initial[name] = current.external_id
    field.help_text = _(
        "Type part of a name, reading or staff number and choose from the list; the staff "
        "number is what is saved."
    )


class EnrolForm(forms.Form):
    person = forms.ModelChoiceField(
        label=_("Person"), queryset=Person.objects.none(), widget=PersonSearchInput
    )
    enrolled_on = forms.DateField(
        label=_("Enrolled on"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast("forms.ModelChoiceField[Any]", self.fields["person"]).queryset = Person.objects.filter(
            organisation=organisation, kind="staff", active=True
        )
        choose_person_by_number(self, "person", organisation, None, active=True)


class CompleteForm(forms.Form):
    completed_on = forms.DateField(
        label=_("Completed on"), widget=forms.DateInput(attrs={"type": "date"})
    )


class AssessmentForm(forms.Form):
    """One level per skill of a framework (blank = not rated this time), one evidence note."""

    rated_on = forms.DateField(
        label=_("Date of the assessment"), widget=forms.DateInput(attrs={"type": "date"})
    )
    evidence = forms.CharField(
        label=_("Evidence or comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(
        self,
        *args: Any,
        skills: list[Any],
        current: dict[str, int],
        sources: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.skills = skills
        if len(sources) > 1:
            self.fields["source"] = forms.ChoiceField(label=_("Kind of rating"), choices=sources)
        for skill in skills:
            # A text field shown as a list of the levels: a posted value outside the scale is
            # refused by core's rule with its message, not by the list's "valid choice".
            self.fields[f"skill_{skill.code}"] = forms.CharField(
                label=skill.code,
                required=False,
                widget=forms.Select(choices=[("", _("not rated")), *LEVEL_CHOICES]),
                # Blank unless asked otherwise: only the skills someone actually rates are
                # recorded, so one change does not re-record every skill.
                initial=str(current[skill.code]) if skill.code in current else "",
            )

    def levels(self) -> dict[str, int]:
        return {
            skill.code: int(self.cleaned_data[f"skill_{skill.code}"])
            for skill in self.skills
            if self.cleaned_data.get(f"skill_{skill.code}") not in (None, "")
        }

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        for skill in self.skills:
            name = f"skill_{skill.code}"
            if data.get(name) in (None, ""):
                continue
            try:
                data[name] = check_rating_level(data[name], field=skill.code)
            except LevelOutOfScaleError as error:
                self.add_error(name, error.reason.render())
        if not self.errors and not self.levels():
            raise forms.ValidationError(_("Rate at least one skill."))
        return data


class EnrolmentStatusForm(forms.Form):
    status = forms.ChoiceField(choices=Enrolment.Status.choices)
