"""People, assessments, the skill matrix, departments, candidates and imports (the training
pages are training_views.py; the framework pages are web/frameworks).

Each view: access check (organisation_view), form, one service call, render.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import BadRequest, PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dxtalent.core.assessments import RatingSource, SkillMatrix
from dxtalent.core.calendar import format_moment
from dxtalent.web.concurrency import save_form
from dxtalent.web.downloads import download
from dxtalent.web.frameworks import services as framework_services
from dxtalent.web.organisations.access import OrganisationRequest
from dxtalent.web.organisations.decorators import organisation_view
from dxtalent.web.organisations.models import Organisation
from dxtalent.web.organisations.models import Role as MemberRole
from dxtalent.web.people import matrix as people_matrix
from dxtalent.web.people import services
from dxtalent.web.people.forms import (
    AssessmentForm,
    DepartmentEditForm,
    DepartmentForm,
    PersonForm,
    PersonNoteForm,
    PostForm,
    QualificationForm,
)
from dxtalent.web.people.models import (
    Department,
    Framework,
    Person,
    PersonNote,
    Rating,
    Role,
    Skill,
)
from dxtalent.web.uploads import take_import


def _org(request: OrganisationRequest) -> Organisation:
    return request.organisation


def _is_editor(request: OrganisationRequest) -> bool:
    return request.membership.role >= MemberRole.EDITOR


def _query_pk(request: HttpRequest, name: str) -> int | None:
    """The query parameter `name` as a record number, None when absent; a value that is not
    one answers 400 (BadRequest) naming it, never a server error."""
    field = forms.IntegerField(required=False, min_value=1)
    try:
        value: int | None = field.clean(request.GET.get(name, ""))
    except forms.ValidationError as error:
        raise BadRequest(f"{name}: {' '.join(error.messages)}") from None
    return value


def _framework(request: OrganisationRequest, pk: Any = None) -> Framework:
    frameworks = services.frameworks_for(_org(request))
    chosen = pk or _query_pk(request, "framework")
    if chosen:
        return get_object_or_404(frameworks, pk=chosen)
    framework = services.default_framework(_org(request))
    if framework is None:
        from django.http import Http404

        raise Http404(
            _("No skill framework is installed; run dxtalent migrate to load the shipped ones.")
        )
    return framework


# People ---------------------------------------------------------------------------------------


@organisation_view()
def people_list(request: OrganisationRequest) -> HttpResponse:
    organisation = _org(request)
    kind = request.GET.get("kind", "staff")
    people = services.people_with_posts(
        organisation, kind if kind in ("staff", "candidate") else "staff"
    )
    department = _query_pk(request, "department")
    if department:
        people = people.filter(posts__department_id=department, posts__ended_on__isnull=True)
    text = request.GET.get("q", "").strip()
    people = services.search_people(people, text)
    page = Paginator(people.order_by(*services.KANA_ORDER).distinct(), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "people/list.html",
        {
            "page": page,
            "kind": kind,
            "q": text,
            "departments": Department.objects.filter(organisation=organisation),
            "department": department,
        },
    )


@organisation_view()
def person_choices(request: OrganisationRequest) -> HttpResponse:
    """The <option>s of a person search field (widgets.PersonSearchInput) as its user types:
    the first CHOICES_SHOWN members of staff, in 五十音順, whose name, reading or number
    contains the text; active ones only with active=1. The text is in the parameter named
    by `field` (the form field's name, which htmx sends)."""
    field = request.GET.get("field", "q")
    people = Person.objects.filter(organisation=_org(request), kind="staff")
    if request.GET.get("active") == "1":
        people = people.filter(active=True)
    found = services.search_people(people, request.GET.get(field, ""))
    return render(
        request,
        "people/_choices.html",
        {"people": found.order_by(*services.KANA_ORDER)[: services.CHOICES_SHOWN]},
    )


@organisation_view(read_role=MemberRole.EDITOR)
def person_create(request: OrganisationRequest) -> HttpResponse:
    organisation = _org(request)
    form = PersonForm(
        request.POST or None,
        organisation=organisation,
        initial={"kind": request.GET.get("kind", "staff")},
    )
    if request.method == "POST" and form.is_valid():
        person = services.add_person(
            organisation, form.save(commit=False), form.cleaned_data.get("department")
        )
        messages.success(request, _("{person} was added.").format(person=person))
        return redirect("people-detail", code=organisation.code, pk=person.pk)
    return render(
        request, "people/form.html", {"form": form}, status=400 if request.method == "POST" else 200
    )


@organisation_view(read_role=MemberRole.EDITOR)
def person_edit(request: OrganisationRequest, pk: int) -> HttpResponse:
    organisation = _org(request)
    person = get_object_or_404(Person, organisation=organisation, pk=pk)
    form = PersonForm(request.POST or None, instance=person, organisation=organisation)
    if request.method == "POST" and form.is_valid() and save_form(form):
        messages.success(request, _("{person} was saved.").format(person=person))
        return redirect("people-detail", code=organisation.code, pk=person.pk)
    return render(
        request,
        "people/form.html",
        {"form": form, "person": person},
        status=400 if request.method == "POST" else 200,
    )


# The rating history on a person's page: the latest, newest first.
RATINGS_SHOWN = 100


def source_name(source: str) -> str:
    """A rating's source by its name in the current language ("Manager review")."""
    names = {
        RatingSource.SELF.value: _("Self-assessment"),
        RatingSource.MANAGER.value: _("Manager review"),
        RatingSource.VERIFIED.value: pgettext("rating source", "Verified"),
        RatingSource.TRAINING.value: _("Training evidence"),
    }
    return names.get(source, source)


@organisation_view()
def person_detail(request: OrganisationRequest, pk: int) -> HttpResponse:
    organisation = _org(request)
    person = get_object_or_404(
        Person.objects.filter(organisation=organisation).prefetch_related(
            "posts__department", "qualifications"
        ),
        pk=pk,
    )
    framework = _framework(request)
    # ?note=defer-move: opened from a diagnosis finding's next step, the note form is filled in.
    note_kind = request.GET.get("note", "")
    if note_kind not in PersonNote.Kind.values:
        note_kind = ""
    roles = list(framework.roles.all())
    role = next(
        (r for r in roles if str(r.pk) == request.GET.get("role")), roles[0] if roles else None
    )
    levels = services.levels_of(organisation, framework, [person]).get(person.pk, {})
    fit = services.fit_for_role(organisation, person, role) if role else None
    targets = services.targets_of(role) if role else {}
    skills = list(framework.skills.order_by("position"))
    chart = {
        "skills": [s.code for s in skills],
        "labels": [framework_services.name_in_language(s) for s in skills],
        "levels": [levels.get(s.code, 0) for s in skills],
        "targets": [targets.get(s.code, 0) for s in skills],
        "role": framework_services.name_in_language(role) if role else "",
    }
    return render(
        request,
        "people/detail.html",
        {
            "person": person,
            "framework": framework,
            "frameworks": services.frameworks_for(organisation),
            "roles": roles,
            "role": role,
            "fit": fit,
            "skills": [(s, levels.get(s.code), targets.get(s.code)) for s in skills],
            "chart": chart,
            # Names worked out here, not by a template included twice in each of 100 rows.
            "ratings": [
                (
                    rating,
                    framework_services.name_in_language(rating.skill),
                    source_name(rating.source),
                )
                for rating in Rating.objects.filter(person=person)
                .select_related("skill", "rated_by")
                .order_by("-rated_on", "-id")[:RATINGS_SHOWN]
            ],
            "pending": services.pending_training_evidence(organisation, person),
            "post_form": PostForm(organisation=organisation),
            "qualification_form": QualificationForm(),
            "notes": _notes(person),
            "note_form": PersonNoteForm(initial=services.note_defaults(person, note_kind)),
            "note_requested": bool(note_kind),
            "can_self_assess": person.user_id == request.user.pk,
        },
    )


def _notes(person: Person) -> list[dict[str, Any]]:
    language = get_language() or "ja"
    return [
        {
            "kind": note.get_kind_display(),
            "text": note.text,
            "by": services.writer_name(note.written_by),
            "at": note.written_at,
            "when": format_moment(timezone.localtime(note.written_at), language),
        }
        for note in person.notes.select_related("written_by")
    ]


@require_POST
@organisation_view()
def note_add(request: OrganisationRequest, pk: int) -> HttpResponse:
    """An editor records a note on a person: a request to 人事課 (from a finding) or a note."""
    organisation = _org(request)
    person = get_object_or_404(Person, organisation=organisation, pk=pk)
    form = PersonNoteForm(request.POST)
    if form.is_valid():
        services.add_note(
            person, form.cleaned_data["kind"], form.cleaned_data["text"], request.user
        )
        messages.success(request, _("The note on {person} was recorded.").format(person=person))
    else:
        messages.error(
            request,
            " ".join(
                f"{form.fields[f].label}: {' '.join(str(m) for m in e)}"
                for f, e in form.errors.items()
            ),
        )
    return redirect(reverse("people-detail", args=[organisation.code, person.pk]) + "#notes")


@require_POST
@organisation_view()
def post_add(request: OrganisationRequest, pk: int) -> HttpResponse:
    organisation = _org(request)
    person = get_object_or_404(Person, organisation=organisation, pk=pk)
    form = PostForm(request.POST, organisation=organisation)
    if form.is_valid():
        services.move_to_post(person, form.save(commit=False))
        messages.success(
            request, _("The new post was recorded; the previous one ends the day before.")
        )
    else:
        messages.error(
            request,
            " ".join(
                f"{form.fields[f].label}: {' '.join(map(str, e))}" for f, e in form.errors.items()
            ),
        )
    return redirect("people-detail", code=organisation.code, pk=person.pk)


@require_POST
@organisation_view()
def qualification_add(request: OrganisationRequest, pk: int) -> HttpResponse:
    organisation = _org(request)
    person = get_object_or_404(Person, organisation=organisation, pk=pk)
    form = QualificationForm(request.POST)
    if form.is_valid():
        qualification = form.save(commit=False)
        qualification.organisation = organisation
        qualification.person = person
        qualification.save()
        messages.success(request, _("The qualification was recorded."))
    else:
        messages.error(
            request,
            " ".join(
                f"{form.fields[f].label}: {' '.join(map(str, e))}" for f, e in form.errors.items()
            ),
        )
    return redirect("people-detail", code=organisation.code, pk=person.pk)


# Assessments ----------------------------------------------------------------------------------


@organisation_view(write_role=MemberRole.VIEWER)
def assess(request: OrganisationRequest, pk: int) -> HttpResponse:
    """Self-assessment by the person (their own login, any role) or a rating by an editor
    (manager or verified). Everyone else: 403."""
    organisation = _org(request)
    person = get_object_or_404(Person, organisation=organisation, pk=pk)
    is_self = person.user_id == request.user.pk
    if not is_self and not _is_editor(request):
        raise PermissionDenied(
            _("Only the person themselves or an editor may assess {person}.").format(person=person)
        )
    framework = _framework(request)
    skills = list(framework.skills.order_by("position"))
    current: dict[str, int] = {}  # every level starts blank; see AssessmentForm
    sources = [(RatingSource.SELF.value, _("Self-assessment"))] if is_self else []
    if _is_editor(request) and not is_self:
        sources = [
            (RatingSource.MANAGER.value, _("Manager review")),
            (RatingSource.VERIFIED.value, _("Verified (exam, certificate, observed work)")),
        ]
    form = AssessmentForm(
        request.POST or None,
        skills=skills,
        current=current,
        sources=sources,
        initial={"rated_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        source = RatingSource(form.cleaned_data.get("source") or sources[0][0])
        services.assess(
            organisation=organisation,
            person=person,
            framework=framework,
            levels=form.levels(),
            source=source,
            rated_on=form.cleaned_data["rated_on"],
            evidence=form.cleaned_data["evidence"],
            rated_by=request.user,
        )
        messages.success(
            request,
            _("{count} ratings were recorded for {person}.").format(
                count=len(form.levels()), person=person
            ),
        )
        # Back to the person in the framework just rated, so the new ratings are in view.
        detail = reverse("people-detail", kwargs={"code": organisation.code, "pk": person.pk})
        return redirect(f"{detail}?framework={framework.pk}")
    latest_self = services.latest_by_source(organisation, person, framework, RatingSource.SELF)
    pending = {r.skill.code: r for r in services.pending_training_evidence(organisation, person)}
    about = framework_services.anchors_of(framework)
    rows = [
        (
            skill,
            form[f"skill_{skill.code}"],
            latest_self.get(skill.code),
            pending.get(skill.code),
            about.get(skill.code, {}),
        )
        for skill in skills
    ]
    return render(
        request,
        "people/assess.html",
        {
            "person": person,
            "form": form,
            "rows": rows,
            "framework": framework,
            "frameworks": services.frameworks_for(organisation),
            "is_self": is_self,
            "authorship": framework_services.authorship_of(framework),
        },
        status=400 if request.method == "POST" else 200,
    )


@organisation_view(read_role=MemberRole.EDITOR)
def reviews(request: OrganisationRequest) -> HttpResponse:
    """People whose self-assessment or training evidence waits for a manager review."""
    organisation = _org(request)
    page = Paginator(services.waiting_reviews(organisation), services.REVIEWS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "people/reviews.html",
        {"page": page, "queue": services.review_items(page.object_list)},
    )


# Matrix ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MatrixRequest:
    """The matrix's filters as asked for: framework, role, current department, people's kind
    and skill area; its columns and the whole matrix (kept per data version)."""

    framework: Framework
    role: Role | None
    department: Department | None
    kind: str
    area: str
    skills: list[Skill]
    matrix: SkillMatrix


def _matrix_request(request: OrganisationRequest) -> MatrixRequest:
    organisation = _org(request)
    framework = _framework(request)
    department = None
    department_pk = _query_pk(request, "department")
    if department_pk:
        department = get_object_or_404(Department, organisation=organisation, pk=department_pk)
    role = None
    role_pk = _query_pk(request, "role")
    if role_pk:
        # A role of another framework (left in the URL after switching) is ignored.
        role = Role.objects.filter(framework=framework, pk=role_pk).first()
    kind = request.GET.get("kind", "staff")
    kind = kind if kind in ("staff", "candidate") else "staff"
    # An area of another framework (left in the URL after switching) shows no skills: the
    # page says so and offers the framework's areas.
    area = request.GET.get("area", "").strip()
    skills, targets = people_matrix.matrix_skills(framework, role, area)
    matrix = people_matrix.matrix_levels(organisation, framework, skills, targets, department, kind)
    return MatrixRequest(framework, role, department, kind, area, skills, matrix)


def matrix_body(
    view: people_matrix.MatrixView, code: str, framework: Framework, role: Role | None
) -> str:
    """The heatmap's rows as HTML. Built here rather than in the template: a designated city's
    matrix has 80,000 cells, which the template engine renders ten times slower. Every cell
    prints its number; "not rated" and "below target" are also said in text, not by colour."""
    not_rated = escape(_("not rated"))
    below = escape(_("below target"))
    suffix = f"?framework={framework.pk}" + (f"&amp;role={role.pk}" if role else "")
    base = reverse("people-list", kwargs={"code": code})
    targets = view.matrix.targets
    out: list[str] = []
    for person, levels in zip(view.people, view.matrix.levels, strict=True):
        cells = []
        for level, target in zip(levels, targets, strict=True):
            short = bool(target and (level is None or level < target))
            extra = " level--below" if short else ""
            hidden = f", {below}" if short else ""
            if level is None:
                cells.append(
                    f'<td class="level level--none{extra}"><span aria-hidden="true">–</span>'
                    f'<span class="visually-hidden">{not_rated}{hidden}</span></td>'
                )
            elif short:
                cells.append(
                    f'<td class="level level--{level}{extra}">{level}<span class="visually-hidden">{hidden}</span></td>'
                )
            else:
                cells.append(f'<td class="level level--{level}">{level}</td>')
        out.append(
            f'<tr><th scope="row" class="sticky-col"><a href="{base}{person.pk}/{suffix}">{escape(str(person))}</a> '
            f'<span class="secondary">{escape(person.external_id)}</span></th>{"".join(cells)}</tr>'
        )
    return mark_safe("\n".join(out))  # noqa: S308  (every text above is escaped)


# A page of the matrix: a designated city's 2,000 staff × 40 skills is 1 MB of HTML.
MATRIX_PEOPLE_PER_PAGE = 100


@organisation_view()
def matrix(request: OrganisationRequest) -> HttpResponse:
    organisation = _org(request)
    asked = _matrix_request(request)
    page = Paginator(range(len(asked.matrix.people)), MATRIX_PEOPLE_PER_PAGE).get_page(
        request.GET.get("page")
    )
    start = (page.number - 1) * MATRIX_PEOPLE_PER_PAGE
    view = people_matrix.matrix_view(
        organisation, asked.matrix, asked.skills, start, start + MATRIX_PEOPLE_PER_PAGE
    )
    return render(
        request,
        "people/matrix.html",
        {
            "view": view,
            "page": page,
            "coverage": asked.matrix.coverage(),
            "framework": asked.framework,
            "frameworks": services.frameworks_for(organisation),
            "department": asked.department,
            "departments": Department.objects.filter(organisation=organisation),
            "role": asked.role,
            "roles": asked.framework.roles.all(),
            "kind": asked.kind,
            "area": asked.area,
            "areas": asked.framework.areas(get_language() or "ja"),
            "body_rows": matrix_body(view, organisation.code, asked.framework, asked.role),
        },
    )


@organisation_view()
def matrix_export(request: OrganisationRequest) -> HttpResponse:
    """The whole matrix (every page) with the page's filters, as an Excel workbook."""
    organisation = _org(request)
    asked = _matrix_request(request)
    view = people_matrix.matrix_view(
        organisation, asked.matrix, asked.skills, 0, len(asked.matrix.people)
    )
    content = people_matrix.matrix_xlsx(view, asked.framework, language=get_language() or "ja")
    return download(content, f"skill-matrix-{organisation.code}-{asked.framework.code}.xlsx")


# Departments and candidates (the training pages: training_views.py) --------------------------


@organisation_view()
def departments(request: OrganisationRequest) -> HttpResponse:
    organisation = _org(request)
    form = DepartmentForm(request.POST or None)
    if request.method == "POST":
        if (
            form.is_valid()
            and not Department.objects.filter(
                organisation=organisation, code=form.cleaned_data["code"]
            ).exists()
        ):
            department = form.save(commit=False)
            department.organisation = organisation
            department.save()
            messages.success(request, _("{name} was added.").format(name=department.name))
            return redirect("people-departments", code=organisation.code)
        if form.is_valid():
            form.add_error(
                "code", _("Code “{value}” is already used.").format(value=form.cleaned_data["code"])
            )
    return render(
        request,
        "people/departments.html",
        {"form": form, "departments": Department.objects.filter(organisation=organisation)},
        status=400 if request.method == "POST" else 200,
    )


@organisation_view(read_role=MemberRole.EDITOR)
def department_edit(request: OrganisationRequest, pk: int) -> HttpResponse:
    """Rename a department, change its DX/HR marks or retire it (editors only)."""
    organisation = _org(request)
    department = get_object_or_404(Department, organisation=organisation, pk=pk)
    form = DepartmentEditForm(request.POST or None, instance=department)
    if request.method == "POST" and form.is_valid() and save_form(form):
        messages.success(request, _("{name} was saved.").format(name=department.name))
        return redirect("people-departments", code=organisation.code)
    return render(
        request,
        "people/department_form.html",
        {"form": form, "department": department},
        status=400 if request.method == "POST" else 200,
    )


@organisation_view()
def candidates(request: OrganisationRequest) -> HttpResponse:
    organisation = _org(request)
    framework = _framework(request)
    roles = list(framework.roles.all())
    role = next(
        (r for r in roles if str(r.pk) == request.GET.get("role")), roles[0] if roles else None
    )
    include_staff = request.GET.get("staff") == "1"
    kinds = ("candidate", "staff") if include_staff else ("candidate",)
    ranking = services.rank_people(organisation, role, kinds) if role else []
    return render(
        request,
        "people/candidates.html",
        {
            "ranking": ranking,
            "role": role,
            "roles": roles,
            "framework": framework,
            "frameworks": services.frameworks_for(organisation),
            "include_staff": include_staff,
            "skill_names": {
                s.code: framework_services.name_in_language(s) for s in framework.skills.all()
            },
        },
    )


# Imports --------------------------------------------------------------------------------------

IMPORT_KINDS = ("staff", "candidates", "assessments")


# Outside a request transaction: the file is read and checked first, then written in one short
# transaction (imports.import_file), so that a long parse holds no write lock.
@transaction.non_atomic_requests
@organisation_view()
def import_data(request: OrganisationRequest) -> HttpResponse:
    """Upload a staff, candidates or assessments file; a bad file is rejected whole and every
    problem is listed with its row, column and value."""
    from dxtalent.web.people.imports import import_file

    organisation = _org(request)
    context: dict[str, Any] = {"kinds": IMPORT_KINDS, "kind": request.POST.get("kind", "staff")}
    status = 200
    if request.method == "POST":
        shown, status, imported = take_import(
            request,
            IMPORT_KINDS,
            _("Choose what the file holds: staff, candidates or assessments."),
            lambda kind, data, name: import_file(
                organisation, kind, data, name, rated_by=request.user
            ),
        )
        if imported:
            return redirect("people-import", code=organisation.code)
        context.update(shown)
    return render(request, "people/import.html", context, status=status)


@organisation_view()
def import_template(request: OrganisationRequest, kind: str, fmt: str) -> HttpResponse:
    from dxtalent.web.people.imports import template

    if kind not in IMPORT_KINDS or fmt not in ("csv", "xlsx"):
        from django.http import Http404

        raise Http404(_("No such template."))
    return download(template(kind, fmt, get_language() or "ja"), f"dxtalent-{kind}-template.{fmt}")
