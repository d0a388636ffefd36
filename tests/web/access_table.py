"""Every view and API endpoint that belongs to an organisation, with the role it needs.

tests/web/test_access.py checks each one for every persona: a member whose role reaches `need`
gets one of `ok`; a member below it gets 403; a non-member gets 404; nobody signed in is sent
to the login page (web) or gets 401 (API). A test fails when a URL with an organisation code is
missing here, so every later view and endpoint must be added.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from dxtalent.web.organisations.models import Role


@dataclass(frozen=True)
class Route:
    kind: str  # "web" or "api"
    method: str
    path: Callable[[dict[str, Any]], str]  # context → path
    need: int
    ok: tuple[int, ...]
    pattern: str  # the URL pattern or API path it covers
    data: Callable[[dict[str, Any]], dict[str, Any]] = field(default=lambda ctx: {})


def _a(ctx: dict[str, Any]) -> str:
    return ctx["code"]


ROUTES: list[Route] = [
    # web
    Route("web", "GET", lambda c: f"/o/{_a(c)}/", Role.VIEWER, (200,), "o/<str:code>/"),
    Route(
        "web",
        "GET",
        lambda c: f"/organisations/{_a(c)}/members/",
        Role.ADMIN,
        (200,),
        "organisations/<str:code>/members/",
    ),
    Route(
        "web",
        "POST",
        lambda c: f"/organisations/{_a(c)}/members/invite/",
        Role.ADMIN,
        (302,),
        "organisations/<str:code>/members/invite/",
        lambda c: {"email": "new@example.jp", "role": Role.VIEWER},
    ),
    Route(
        "web",
        "POST",
        lambda c: f"/organisations/{_a(c)}/members/add/",
        Role.ADMIN,
        (302,),
        "organisations/<str:code>/members/add/",
        lambda c: {"username": "newcomer", "role": Role.VIEWER},
    ),
    Route(
        "web",
        "POST",
        lambda c: f"/organisations/{_a(c)}/members/{c['bob_membership']}/role/",
        Role.ADMIN,
        (302,),
        "organisations/<str:code>/members/<int:pk>/role/",
        lambda c: {"role": Role.EDITOR},
    ),
    Route(
        "web",
        "POST",
        lambda c: f"/organisations/{_a(c)}/members/{c['bob_membership']}/remove/",
        Role.ADMIN,
        (302,),
        "organisations/<str:code>/members/<int:pk>/remove/",
    ),
    Route(
        "web",
        "POST",
        lambda c: f"/organisations/{_a(c)}/invitations/{c['invitation']}/revoke/",
        Role.ADMIN,
        (302,),
        "organisations/<str:code>/invitations/<int:pk>/revoke/",
    ),
    Route(
        "web",
        "GET",
        lambda c: f"/organisations/{_a(c)}/audit/",
        Role.ADMIN,
        (200,),
        "organisations/<str:code>/audit/",
    ),
    # API
    Route(
        "api",
        "GET",
        lambda c: f"/api/organisations/{_a(c)}",
        Role.VIEWER,
        (200,),
        "/organisations/{code}",
    ),
    Route(
        "api",
        "GET",
        lambda c: f"/api/organisations/{_a(c)}/members",
        Role.ADMIN,
        (200,),
        "/organisations/{code}/members",
    ),
    Route(
        "api",
        "POST",
        lambda c: f"/api/organisations/{_a(c)}/invitations",
        Role.ADMIN,
        (201,),
        "/organisations/{code}/invitations",
        lambda c: {"email": "new@example.jp", "role": "viewer"},
    ),
    Route(
        "api",
        "PATCH",
        lambda c: f"/api/organisations/{_a(c)}/members/{c['bob_membership']}",
        Role.ADMIN,
        (200,),
        "/organisations/{code}/members/{member_id}",
        lambda c: {"role": "editor"},
    ),
    Route(
        "api",
        "DELETE",
        lambda c: f"/api/organisations/{_a(c)}/members/{c['bob_membership']}",
        Role.ADMIN,
        (204,),
        "/organisations/{code}/members/{member_id}",
    ),
    Route(
        "api",
        "GET",
        lambda c: f"/api/organisations/{_a(c)}/audit",
        Role.ADMIN,
        (200,),
        "/organisations/{code}/audit",
    ),
]


def _p(ctx: dict[str, Any], rest: str = "") -> str:
    return f"/o/{ctx['code']}/{rest}"


PERSON_FORM = {
    "kind": "staff",
    "external_id": "NEW-1",
    "family_name": "山田",
    "employment_type": "regular",
    "origin": "in_house",
    "it_years": "0",
    "active": "on",
}

# Issue 3: people, assessments, matrix, frameworks, training, candidates.
ROUTES += [
    Route("web", "GET", lambda c: _p(c, "people/"), Role.VIEWER, (200,), "o/<str:code>/people/"),
    Route(
        "web",
        "GET",
        lambda c: _p(c, "people/new/"),
        Role.EDITOR,
        (200,),
        "o/<str:code>/people/new/",
    ),
    Route(
        "web",
        "POST",
        lambda c: _p(c, "people/new/"),
        Role.EDITOR,
        (302,),
        "o/<str:code>/people/new/",
        lambda c: PERSON_FORM,
    ),
    Route(
        "web",
        "GET",
        lambda c: _p(c, f"people/{c['person']}/"),
        Role.VIEWER,
        (200,),
        "o/<str:code>/people/<int:pk>/",
    ),
    Route(
        "web",
        "GET",
        lambda c: _p(c, f"people/{c['person']}/edit/"),
        Role.EDITOR,
        (200,),
        "o/<str:code>/people/<int:pk>/edit/",
    ),
    Route(
        "web",
        "POST",
        lambda c: _p(c, f"people/{c['person']}/edit/"),
        Role.EDITOR,
        (302,),
        "o/<str:code>/people/<int:pk>/edit/",
        lambda c: {**PERSON_FORM, "external_id": "S001"},
    ),
    Route(
        "web",
        "POST",
        lambda c: _p(c, f"people/{c['person']}/posts/"),
        Role.EDITOR,
        (302,),
        "o/<str:code>/people/<int:pk>/posts/",
        lambda c: {"department": c["department"], "started_on": "2026-04-01"},
    ),
    Route(
        "web",
        "POST",
        lambda c: _p(c, f"people/{c['person']}/qualifications/"),
        Role.EDITOR,
        (302,),
        "o/<str:code>/people/<int:pk>/qualifications/",
        lambda c: {"name": "応用情報技術者", "obtained_on": "2024-06-20"},
    ),
    Route(
        "web",
        "POST",
        lambda c: _p(c, f"people/{c['person']}/notes/"),
        Role.EDITOR,
        (302,),
        "o/<str:code>/people/<int:pk>/notes/",
        lambda c: {"kind": "defer-move", "text": "人事課に留任を要望"},
    ),
    Route(
        "web",
        "GET",
        lambda c: _p(c, f"people/{c['person']}/assess/?framework={c['framework']}"),
        Role.EDITOR,
        (200,),
        "o/<str:code>/people/<int:pk>/assess/",
    ),
    Route(
        "web",
        "POST",
        lambda c: _p(c, f"people/{c['person']}/assess/?framework={c['framework']}"),
        Role.EDITOR,
        (302,),
        "o/<str:code>/people/<int:pk>/assess/",
        lambda c: {
            "rated_on": "2026-05-01",
            "source": "manager",
            "skill_COMM": "2",
            "evidence": "会議の進行",
        },
    ),
    Route(
        "web",
        "GET",
        lambda c: _p(c, "people/choices/?field=manager&manager=S0&active=1"),
        Role.VIEWER,
        (200,),
        "o/<str:code>/people/choices/",
    ),
    Route("web", "GET", lambda c: _p(c, "reviews/"), Role.EDITOR, (200,), "o/<str:code>/reviews/"),
    Route(
        "web",
        "GET",
        lambda c: _p(c, f"matrix/?framework={c['framework']}"),
        Role.VIEWER,
        (200,),
        "o/<str:code>/matrix/",
    ),
    Route(
        "web",
        "GET",
        lambda c: _p(c, f"matrix/?framework={c['framework']}&area=A&page=2"),
        Role.VIEWER,
        (200,),
        "o/<str:code>/matrix/",
    ),
    Route(
        "web",
        "GET",
        lambda c: _p(c, f"matrix.xlsx?framework={c['framework']}&area=A"),
        Role.VIEWER,
        (200,),
        "o/<str:code>/matrix.xlsx",
    ),
    Route(
        "web",
        "GET",
        lambda c: _p(c, f"matrix.xlsx?framework={c['framework']}"),
        Role.VIEWER,
        (200,),
        "o/<str:code>/matrix.xlsx",
    ),
    Route(
        "web",
        "GET",
        lambda c: _p(c, "frameworks/"),
        Role.VIEWER,
        (200,),
        "o/<str:code>/frameworks/",
    ),
    Route(
        "web",
        "GET",
        lambda c: _p(c, f"frameworks/{c['framework']}/"),
        Role.VIEWER,
        (200,),
        "o/<str:code>/frameworks/<int:pk>/",
    ),
    Route(
        "web",
        "POST",
        lambda c: _p(c, f"frameworks/{c['framework']}/copy/"),
        Role.EDITOR,
        (302,),
        "o/<str:code>/frameworks/<int:pk>/copy/",
    ),
    Route(
        "web",
        "POST",
        lambda c: _p(c, f"frameworks/{c['own_framework']}/targets/"),
        Role.EDITOR,
        (302,),
        "o/<str:code>/frameworks/<int:pk>/targets/",
        lambda c: {c["target_field"]: "4"},
    ),
    Route(
        "web",
        "GET",
        lambda c: _p(c, "departments/"),
        Role.VIEWER,
        (200,),
        "o/<str:code>/departments/",
    ),
    Route(
        "web",
        "POST",
        lambda c: _p(c, "departments/"),
        Role.EDITOR,
        (302,),
        "o/<str:code>/departments/",
        lambda c: {"code": "HR", "name": "人事課", "is_hr": "on"},
    ),
    Route(
        "web",
        "GET",
        lambda c: _p(c, f"departments/{c['department']}/edit/"),
        Role.EDITOR,
        (200,),
        "o/<str:code>/departments/<int:pk>/edit/",
    ),
    Route(
        "web",
        "POST",
        lambda c: _p(c, f"departments/{c['department']}/edit/"),
        Role.EDITOR,
        (302,),
        "o/<str:code>/departments/<int:pk>/edit/",
        lambda c: {"name": "デジタル推進課", "is_dx": "on"},
    ),
    Route(
        "web", "GET", lambda c: _p(c, "training/"), Role.VIEWER, (200,), "o/<str:code>/training/"
    ),
    Route(
        "web",
        "POST",
        lambda c: _p(c, "training/"),
        Role.EDITOR,
        (302,),
        "o/<str:code>/training/",
        lambda c: {
            "name": "DX研修",
            "kind": "internal_training",
            "hours": "200",
            "months": "7",
            "seats": "20",
            "cost_per_seat": "0",
        },
    ),
    Route(
        "web",
        "GET",
        lambda c: _p(c, "training/templates/nakagawa-2025-kanazawa/"),
        Role.EDITOR,
        (200,),
        "o/<str:code>/training/templates/<str:template>/",
    ),
    Route(
        "web",
        "POST",
        lambda c: _p(c, "training/templates/nakagawa-2025-kanazawa/"),
        Role.EDITOR,
        (302,),
        "o/<str:code>/training/templates/<str:template>/",
        lambda c: {
            "name": "DX研修（金沢市の例）",
            "kind": "internal_training",
            "hours": "200",
            "months": "7",
            "seats": "20",
            "cost_per_seat": "120000",
            "outside_working_hours": "False",
        },
    ),
    Route(
        "web",
        "GET",
        lambda c: _p(c, f"training/{c['programme']}/"),
        Role.VIEWER,
        (200,),
        "o/<str:code>/training/<int:pk>/",
    ),
    Route(
        "web",
        "POST",
        lambda c: _p(c, f"training/{c['programme']}/enrol/"),
        Role.EDITOR,
        (302,),
        "o/<str:code>/training/<int:pk>/enrol/",
        lambda c: {"person": c["other_person_number"], "enrolled_on": "2026-04-01"},
    ),
    Route(
        "web",
        "POST",
        lambda c: _p(c, f"enrolments/{c['enrolment']}/complete/"),
        Role.EDITOR,
        (302,),
        "o/<str:code>/enrolments/<int:pk>/complete/",
        lambda c: {"completed_on": "2026-10-31"},
    ),
    Route(
        "web",
        "GET",
        lambda c: _p(c, f"candidates/?framework={c['framework']}"),
        Role.VIEWER,
        (200,),
        "o/<str:code>/candidates/",
    ),
]


def _api(ctx: dict[str, Any], rest: str) -> str:
    return f"/api/organisations/{ctx['code']}/{rest}"


ROUTES += [
    Route(
        "api",
        "GET",
        lambda c: _api(c, "people"),
        Role.VIEWER,
        (200,),
        "/organisations/{code}/people",
    ),
    Route(
        "api",
        "POST",
        lambda c: _api(c, "people"),
        Role.EDITOR,
        (201,),
        "/organisations/{code}/people",
        lambda c: {"external_id": "API-1", "family_name": "山田"},
    ),
    Route(
        "api",
        "GET",
        lambda c: _api(c, f"people/{c['person']}"),
        Role.VIEWER,
        (200,),
        "/organisations/{code}/people/{person_id}",
    ),
    Route(
        "api",
        "PATCH",
        lambda c: _api(c, f"people/{c['person']}"),
        Role.EDITOR,
        (200,),
        "/organisations/{code}/people/{person_id}",
        lambda c: {"given_name": "花子"},
    ),
    Route(
        "api",
        "GET",
        lambda c: _api(c, f"people/{c['person']}/ratings"),
        Role.VIEWER,
        (200,),
        "/organisations/{code}/people/{person_id}/ratings",
    ),
    Route(
        "api",
        "GET",
        lambda c: _api(c, f"people/{c['person']}/notes"),
        Role.VIEWER,
        (200,),
        "/organisations/{code}/people/{person_id}/notes",
    ),
    Route(
        "api",
        "POST",
        lambda c: _api(c, f"people/{c['person']}/notes"),
        Role.EDITOR,
        (201,),
        "/organisations/{code}/people/{person_id}/notes",
        lambda c: {"kind": "defer-move", "text": "人事課に留任を要望"},
    ),
    Route(
        "api",
        "POST",
        lambda c: _api(c, f"people/{c['person']}/ratings"),
        Role.EDITOR,
        (201,),
        "/organisations/{code}/people/{person_id}/ratings",
        lambda c: {
            "framework_id": c["framework"],
            "source": "manager",
            "rated_on": "2026-05-01",
            "levels": {"COMM": 3},
        },
    ),
    Route(
        "api",
        "GET",
        lambda c: _api(c, f"people/{c['person']}/fit?role_id={c['role']}"),
        Role.VIEWER,
        (200,),
        "/organisations/{code}/people/{person_id}/fit",
    ),
    Route(
        "api",
        "GET",
        lambda c: _api(c, "frameworks"),
        Role.VIEWER,
        (200,),
        "/organisations/{code}/frameworks",
    ),
    Route(
        "api",
        "GET",
        lambda c: _api(c, f"frameworks/{c['framework']}"),
        Role.VIEWER,
        (200,),
        "/organisations/{code}/frameworks/{framework_id}",
    ),
    Route(
        "api",
        "POST",
        lambda c: _api(c, f"frameworks/{c['framework']}/copy"),
        Role.EDITOR,
        (201,),
        "/organisations/{code}/frameworks/{framework_id}/copy",
    ),
    Route(
        "api",
        "GET",
        lambda c: _api(c, f"matrix?framework_id={c['framework']}"),
        Role.VIEWER,
        (200,),
        "/organisations/{code}/matrix",
    ),
    Route(
        "api",
        "GET",
        lambda c: _api(c, f"candidates?role_id={c['role']}"),
        Role.VIEWER,
        (200,),
        "/organisations/{code}/candidates",
    ),
    Route(
        "api",
        "GET",
        lambda c: _api(c, "programmes"),
        Role.VIEWER,
        (200,),
        "/organisations/{code}/programmes",
    ),
    Route(
        "api",
        "POST",
        lambda c: _api(c, "programmes"),
        Role.EDITOR,
        (201,),
        "/organisations/{code}/programmes",
        lambda c: {"name": "研修", "kind": "external_training"},
    ),
    Route(
        "api",
        "POST",
        lambda c: _api(c, f"programmes/{c['programme']}/enrolments"),
        Role.EDITOR,
        (201,),
        "/organisations/{code}/programmes/{programme_id}/enrolments",
        lambda c: {"person_id": c["other_person"], "enrolled_on": "2026-04-01"},
    ),
    Route(
        "api",
        "POST",
        lambda c: _api(c, f"enrolments/{c['enrolment']}/complete"),
        Role.EDITOR,
        (200,),
        "/organisations/{code}/enrolments/{enrolment_id}/complete",
        lambda c: {"completed_on": "2026-10-31"},
    ),
]

ROUTES += [
    Route("web", "GET", lambda c: _p(c, "import/"), Role.VIEWER, (200,), "o/<str:code>/import/"),
    Route(
        "web",
        "POST",
        lambda c: _p(c, "import/"),
        Role.EDITOR,
        (302,),
        "o/<str:code>/import/",
        lambda c: {"kind": "candidates", "file": _upload("number,family_name\nC9,高橋\n")},
    ),
    Route(
        "web",
        "GET",
        lambda c: _p(c, "import/staff.xlsx"),
        Role.VIEWER,
        (200,),
        "o/<str:code>/import/<str:kind>.<str:fmt>",
    ),
]


def _upload(content: str) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("candidates.csv", content.encode("utf-8"), content_type="text/csv")


ROUTES += [
    Route(
        "web",
        "POST",
        lambda c: _p(c, f"training/{c['programme']}/skills/"),
        Role.EDITOR,
        (302,),
        "o/<str:code>/training/<int:pk>/skills/",
        lambda c: {"skill": c["skill"], "to_level": "3", "prerequisite": "1"},
    ),
]

# Issue 4: team diagnostics.
ROUTES += [
    Route("web", "GET", lambda c: _p(c, "team/"), Role.VIEWER, (200,), "o/<str:code>/team/"),
    Route(
        "web",
        "GET",
        lambda c: _p(c, "team/settings/"),
        Role.VIEWER,
        (200,),
        "o/<str:code>/team/settings/",
    ),
    Route(
        "web",
        "POST",
        lambda c: _p(c, "team/settings/"),
        Role.EDITOR,
        (302,),
        "o/<str:code>/team/settings/",
        lambda c: {
            "rotation_min_years": "3",
            "rotation_max_years": "5",
            "horizon_years": "5",
            "vendor_contracts": "8",
            "large_contracts": "2",
            "yearly_budget": "20000000",
            "budget_basis": "gross",
            "central_in_house": "on",
            "enabled_rules": ["central-figure", "bus-factor"],
        },
    ),
    Route(
        "api",
        "GET",
        lambda c: _api(c, "diagnosis?years=3"),
        Role.VIEWER,
        (200,),
        "/organisations/{code}/diagnosis",
    ),
]

# Issue 5: staffing plans (solving saves nothing, so viewers may run it).
ROUTES += [
    Route(
        "api",
        "GET",
        lambda c: _api(c, "plan/scenario?years=2"),
        Role.VIEWER,
        (200,),
        "/organisations/{code}/plan/scenario",
    ),
    Route(
        "api",
        "GET",
        lambda c: _api(c, "plan?years=2&objective=coverage"),
        Role.VIEWER,
        (200,),
        "/organisations/{code}/plan",
    ),
]

# Plan runs: starting one is an editor's act (it uses the budget and names people); viewers
# read the plans.
ROUTES += [
    Route(
        "api",
        "POST",
        lambda c: _api(c, "plan/runs"),
        Role.EDITOR,
        (200,),
        "/organisations/{code}/plan/runs",
        lambda c: {"years": 1, "budget": 1_000_000},
    ),
    Route(
        "api",
        "GET",
        lambda c: _api(c, "plan/runs"),
        Role.VIEWER,
        (200,),
        "/organisations/{code}/plan/runs",
    ),
    Route(
        "api",
        "GET",
        lambda c: _api(c, f"plan/runs/{c['plan_run']}"),
        Role.VIEWER,
        (200,),
        "/organisations/{code}/plan/runs/{run_id}",
    ),
]

ROUTES += [
    Route("web", "GET", lambda c: _p(c, "plan/"), Role.VIEWER, (200,), "o/<str:code>/plan/"),
    Route(
        "web",
        "POST",
        lambda c: _p(c, "plan/"),
        Role.EDITOR,
        (302,),
        "o/<str:code>/plan/",
        lambda c: {"budget": "1000000", "years": "1", "objective": "coverage"},
    ),
    Route(
        "web",
        "GET",
        lambda c: _p(c, f"plan/runs/{c['plan_run']}/"),
        Role.VIEWER,
        (200,),
        "o/<str:code>/plan/runs/<int:pk>/",
    ),
    Route(
        "web",
        "GET",
        lambda c: _p(c, f"plan/runs/{c['plan_run']}/status"),
        Role.VIEWER,
        (200,),
        "o/<str:code>/plan/runs/<int:pk>/status",
    ),
    Route(
        "web",
        "GET",
        lambda c: _p(c, f"plan/runs/{c['plan_run']}.xlsx"),
        Role.VIEWER,
        (200,),
        "o/<str:code>/plan/runs/<int:pk>.xlsx",
    ),
]


# Issue 6: surveys run by an organisation (the owner's pages; respondents use private links).
ROUTES += [
    Route("web", "GET", lambda c: _p(c, "surveys/"), Role.VIEWER, (200,), "o/<str:code>/surveys/"),
    Route(
        "web",
        "POST",
        lambda c: _p(c, "surveys/"),
        Role.EDITOR,
        (302,),
        "o/<str:code>/surveys/",
        lambda c: {"title": "新しい調査"},
    ),
    Route(
        "web",
        "GET",
        lambda c: _p(c, f"surveys/{c['survey']}/"),
        Role.VIEWER,
        (200,),
        "o/<str:code>/surveys/<int:pk>/",
    ),
    Route(
        "web",
        "POST",
        lambda c: _p(c, f"surveys/{c['survey']}/"),
        Role.EDITOR,
        (302,),
        "o/<str:code>/surveys/<int:pk>/",
        lambda c: {"action": "invite", "codes": c["code"], "departments": ["dx"]},
    ),
    Route(
        "web",
        "GET",
        lambda c: _p(c, f"surveys/{c['survey']}.xlsx"),
        Role.VIEWER,
        (200,),
        "o/<str:code>/surveys/<int:pk>.xlsx",
    ),
]

ROUTES += [
    Route(
        "api",
        "GET",
        lambda c: _api(c, "surveys"),
        Role.VIEWER,
        (200,),
        "/organisations/{code}/surveys",
    ),
    Route(
        "api",
        "GET",
        lambda c: _api(c, f"surveys/{c['survey']}/results"),
        Role.VIEWER,
        (200,),
        "/organisations/{code}/surveys/{survey_id}/results",
    ),
]


def _answers_file(c: dict[str, Any]) -> dict[str, Any]:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return {"file": SimpleUploadedFile("a.csv", b"respondent,department,Q4\nA,dx,JMRC-01\n")}


ROUTES += [
    Route(
        "api",
        "POST",
        lambda c: _api(c, "surveys/import?format=kobo"),
        Role.EDITOR,
        (200,),
        "/organisations/{code}/surveys/import",
        lambda c: {"file": _kobo_file()},
    ),
    Route(
        "api",
        "POST",
        lambda c: _api(c, f"surveys/{c['survey']}/answers"),
        Role.EDITOR,
        (200,),
        "/organisations/{code}/surveys/{survey_id}/answers",
        _answers_file,
    ),
]


def _kobo_file() -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("export.csv", b"q.reason,q.reason.a,q.reason.b,_uuid\na b,1,1,u1\n")


ROUTES += [
    Route(
        "web",
        "GET",
        lambda c: _p(c, f"surveys/{c['survey']}/questionnaire.json"),
        Role.VIEWER,
        (200,),
        "o/<str:code>/surveys/<int:pk>/questionnaire.json",
    ),
]


# Issue 7: interview projects.
ROUTES += [
    Route(
        "web",
        "GET",
        lambda c: _p(c, "interviews/"),
        Role.VIEWER,
        (200,),
        "o/<str:code>/interviews/",
    ),
    Route(
        "web",
        "POST",
        lambda c: _p(c, "interviews/"),
        Role.EDITOR,
        (400,),
        "o/<str:code>/interviews/",
        lambda c: {"file": _bad_project()},
    ),
    Route(
        "web",
        "GET",
        lambda c: _p(c, f"interviews/{c['interview']}/"),
        Role.VIEWER,
        (200,),
        "o/<str:code>/interviews/<int:pk>/",
    ),
    Route(
        "web",
        "GET",
        lambda c: _p(c, f"interviews/{c['interview']}.qdpx"),
        Role.VIEWER,
        (200,),
        "o/<str:code>/interviews/<int:pk>.qdpx",
    ),
]


def _bad_project() -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("x.qdpx", b"not a project")


ROUTES += [
    Route(
        "web",
        "GET",
        lambda c: _p(c, f"interviews/{c['interview']}/sources/{c['transcript']}/"),
        Role.VIEWER,
        (200,),
        "o/<str:code>/interviews/<int:pk>/sources/<int:source_pk>/",
    ),
    Route(
        "web",
        "POST",
        lambda c: _p(c, f"interviews/{c['interview']}/sources/{c['transcript']}/"),
        Role.EDITOR,
        (400,),
        "o/<str:code>/interviews/<int:pk>/sources/<int:source_pk>/",
        lambda c: {"action": "add", "start": "5", "end": "2"},
    ),
    Route(
        "web",
        "POST",
        lambda c: _p(c, f"interviews/{c['interview']}/"),
        Role.EDITOR,
        (400,),
        "o/<str:code>/interviews/<int:pk>/",
        lambda c: {},
    ),
]

ROUTES += [
    Route(
        "web",
        "GET",
        lambda c: _p(c, f"interviews/{c['interview']}/joint/"),
        Role.VIEWER,
        (200,),
        "o/<str:code>/interviews/<int:pk>/joint/",
    ),
    Route(
        "web",
        "POST",
        lambda c: _p(c, f"interviews/{c['interview']}/joint/"),
        Role.EDITOR,
        (302,),
        "o/<str:code>/interviews/<int:pk>/joint/",
        lambda c: {"guid": "x", "fit": "expands"},
    ),
    Route(
        "web",
        "GET",
        lambda c: _p(c, f"interviews/{c['interview']}/joint.xlsx"),
        Role.VIEWER,
        (200,),
        "o/<str:code>/interviews/<int:pk>/joint.xlsx",
    ),
]

# Issue 19: agreement of any coders; interview projects through the API.


def _qdpx_file(c: dict[str, Any]) -> dict[str, Any]:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from dxtalent.core.interviews.codebook import shipped_codebook
    from dxtalent.core.interviews.project import Project, project_to_qdpx

    data = project_to_qdpx(Project("p", shipped_codebook("ja"), origin="dxtalent"))
    return {"file": SimpleUploadedFile("p.qdpx", data)}


ROUTES += [
    Route(
        "web",
        "GET",
        lambda c: _p(c, f"interviews/{c['interview']}/agreement/"),
        Role.VIEWER,
        (200,),
        "o/<str:code>/interviews/<int:pk>/agreement/",
    ),
    Route(
        "api",
        "GET",
        lambda c: _api(c, "interviews"),
        Role.VIEWER,
        (200,),
        "/organisations/{code}/interviews",
    ),
    Route(
        "api",
        "POST",
        lambda c: _api(c, "interviews/import"),
        Role.EDITOR,
        (201,),
        "/organisations/{code}/interviews/import",
        _qdpx_file,
    ),
    Route(
        "api",
        "GET",
        lambda c: _api(c, f"interviews/{c['interview']}/export"),
        Role.VIEWER,
        (200,),
        "/organisations/{code}/interviews/{project_id}/export",
    ),
    Route(
        "api",
        "GET",
        lambda c: _api(c, f"interviews/{c['interview']}/codings"),
        Role.VIEWER,
        (200,),
        "/organisations/{code}/interviews/{project_id}/codings",
    ),
    Route(
        "api",
        "GET",
        lambda c: _api(c, f"interviews/{c['interview']}/agreement?coder=ana&coder=ben"),
        Role.VIEWER,
        (200,),
        "/organisations/{code}/interviews/{project_id}/agreement",
    ),
]

ROUTES += [
    Route(
        "web",
        "GET",
        lambda c: _p(c, f"surveys/{c['survey']}/crosstab/"),
        Role.VIEWER,
        (200,),
        "o/<str:code>/surveys/<int:pk>/crosstab/",
    ),
]


# Issue 16: the register of systems, vendors and contracts. Writes send a bad value (400) so
# that each persona's attempt leaves the same data for the next.
ROUTES += [
    Route(
        "web",
        "GET",
        lambda c: _p(c, "standardization/"),
        Role.VIEWER,
        (200,),
        "o/<str:code>/standardization/",
    ),
    Route(
        "web",
        "POST",
        lambda c: _p(c, "standardization/prefill/"),
        Role.EDITOR,
        (302,),
        "o/<str:code>/standardization/prefill/",
    ),
    Route(
        "web",
        "POST",
        lambda c: _p(c, "standardization/systems/new/"),
        Role.EDITOR,
        (400,),
        "o/<str:code>/standardization/systems/new/",
        lambda c: {"business": "fixed-asset-tax", "phase": "planning", "cost_before": "-1"},
    ),
    Route(
        "web",
        "GET",
        lambda c: _p(c, f"standardization/systems/{c['system']}/edit/"),
        Role.EDITOR,
        (200,),
        "o/<str:code>/standardization/systems/<int:pk>/edit/",
    ),
    Route(
        "web",
        "GET",
        lambda c: _p(c, "standardization/contracts/"),
        Role.VIEWER,
        (200,),
        "o/<str:code>/standardization/contracts/",
    ),
    Route(
        "web",
        "POST",
        lambda c: _p(c, "standardization/contracts/new/"),
        Role.EDITOR,
        (400,),
        "o/<str:code>/standardization/contracts/new/",
        lambda c: {
            "title": "x",
            "vendor": c["vendor"],
            "procurement": "single-bid",
            "bidders": "3",
        },
    ),
    Route(
        "web",
        "GET",
        lambda c: _p(c, f"standardization/contracts/{c['contract']}/edit/"),
        Role.EDITOR,
        (200,),
        "o/<str:code>/standardization/contracts/<int:pk>/edit/",
    ),
    Route(
        "web",
        "POST",
        lambda c: _p(c, "standardization/vendors/new/"),
        Role.EDITOR,
        (400,),
        "o/<str:code>/standardization/vendors/new/",
        lambda c: {"name": "ベンダーA"},
    ),
    Route(
        "web",
        "GET",
        lambda c: _p(c, f"standardization/vendors/{c['vendor']}/edit/"),
        Role.EDITOR,
        (200,),
        "o/<str:code>/standardization/vendors/<int:pk>/edit/",
    ),
    Route(
        "api",
        "GET",
        lambda c: f"/api/organisations/{_a(c)}/systems",
        Role.VIEWER,
        (200,),
        "/organisations/{code}/systems",
    ),
    Route(
        "api",
        "POST",
        lambda c: f"/api/organisations/{_a(c)}/systems",
        Role.EDITOR,
        (400,),
        "/organisations/{code}/systems",
        lambda c: {"business": "resident-register"},
    ),
    Route(
        "api",
        "GET",
        lambda c: f"/api/organisations/{_a(c)}/vendors",
        Role.VIEWER,
        (200,),
        "/organisations/{code}/vendors",
    ),
    Route(
        "api",
        "POST",
        lambda c: f"/api/organisations/{_a(c)}/vendors",
        Role.EDITOR,
        (400,),
        "/organisations/{code}/vendors",
        lambda c: {"name": "ベンダーA"},
    ),
    Route(
        "api",
        "GET",
        lambda c: f"/api/organisations/{_a(c)}/contracts",
        Role.VIEWER,
        (200,),
        "/organisations/{code}/contracts",
    ),
    Route(
        "api",
        "POST",
        lambda c: f"/api/organisations/{_a(c)}/contracts",
        Role.EDITOR,
        (400,),
        "/organisations/{code}/contracts",
        lambda c: {"title": "x", "vendor_id": c["vendor"], "procurement": "bogus"},
    ),
]
ROUTES += [
    Route(
        "web",
        "GET",
        lambda c: _p(c, "standardization/import/"),
        Role.VIEWER,
        (200,),
        "o/<str:code>/standardization/import/",
    ),
    Route(
        "web",
        "POST",
        lambda c: _p(c, "standardization/import/"),
        Role.EDITOR,
        (400,),
        "o/<str:code>/standardization/import/",
        lambda c: {"kind": "bogus"},
    ),
    Route(
        "web",
        "GET",
        lambda c: _p(c, "standardization/import/systems.csv"),
        Role.VIEWER,
        (200,),
        "o/<str:code>/standardization/import/<str:kind>.<str:fmt>",
    ),
]
ROUTES += [
    Route(
        "web",
        "GET",
        lambda c: _p(c, "standardization/export/contracts.xlsx"),
        Role.VIEWER,
        (200,),
        "o/<str:code>/standardization/export/<str:kind>.<str:fmt>",
    ),
]


ROUTES += [
    Route(
        "web",
        "GET",
        lambda c: _p(c, f"interviews/{c['interview']}/memos/"),
        Role.VIEWER,
        (200,),
        "o/<str:code>/interviews/<int:pk>/memos/",
    ),
    Route(
        "web",
        "POST",
        lambda c: _p(c, f"interviews/{c['interview']}/memos/"),
        Role.EDITOR,
        (302,),
        "o/<str:code>/interviews/<int:pk>/memos/",
        lambda c: {"about": "project:", "text": "メモ"},
    ),
]


# Issue 17: reports. The council version is for every member; the internal version names
# people and their levels, so only editors may produce it.
ROUTES += [
    Route(
        "web",
        "GET",
        lambda c: _p(c, "team/report/council.pdf"),
        Role.VIEWER,
        (200,),
        "o/<str:code>/team/report/<slug:audience>.<slug:fmt>",
    ),
    Route(
        "web",
        "GET",
        lambda c: _p(c, "team/report/internal.docx"),
        Role.EDITOR,
        (200,),
        "o/<str:code>/team/report/<slug:audience>.<slug:fmt>",
    ),
    Route(
        "web",
        "GET",
        lambda c: _p(c, f"plan/runs/{c['plan_run']}/report/council.docx"),
        Role.VIEWER,
        (200,),
        "o/<str:code>/plan/runs/<int:pk>/report/<slug:audience>.<slug:fmt>",
    ),
    Route(
        "web",
        "GET",
        lambda c: _p(c, f"plan/runs/{c['plan_run']}/report/internal.pdf"),
        Role.EDITOR,
        (200,),
        "o/<str:code>/plan/runs/<int:pk>/report/<slug:audience>.<slug:fmt>",
    ),
    Route(
        "web",
        "GET",
        lambda c: _p(c, f"plan/runs/{c['plan_run']}/policy.docx"),
        Role.VIEWER,
        (200,),
        "o/<str:code>/plan/runs/<int:pk>/policy.<slug:fmt>",
    ),
]

# Issue 17: the survey results and joint display reports name no person (every member); the
# development sheet names a person and their levels (editors only).
ROUTES += [
    Route(
        "web",
        "GET",
        lambda c: _p(c, f"surveys/{c['survey']}/report.pdf"),
        Role.VIEWER,
        (200,),
        "o/<str:code>/surveys/<int:pk>/report.<slug:fmt>",
    ),
    Route(
        "web",
        "GET",
        lambda c: _p(c, f"interviews/{c['interview']}/joint/report.docx"),
        Role.VIEWER,
        (200,),
        "o/<str:code>/interviews/<int:pk>/joint/report.<slug:fmt>",
    ),
    Route(
        "web",
        "GET",
        lambda c: _p(c, f"people/{c['person']}/sheet.pdf"),
        Role.EDITOR,
        (200,),
        "o/<str:code>/people/<int:pk>/sheet.<slug:fmt>",
    ),
]


# Issue 17: the policy chapter edited in the app (editors edit, members read) and reports
# through the job queue (the council version for every member).
ROUTES += [
    Route("web", "GET", lambda c: _p(c, "policy/"), Role.VIEWER, (200,), "o/<str:code>/policy/"),
    Route(
        "web",
        "POST",
        lambda c: _p(c, "policy/generate"),
        Role.EDITOR,
        (302,),
        "o/<str:code>/policy/generate",
        lambda c: {"version": c["policy_version"]},
    ),
    Route(
        "web",
        "GET",
        lambda c: _p(c, "policy/edit"),
        Role.EDITOR,
        (200,),
        "o/<str:code>/policy/edit",
    ),
    Route(
        "web",
        "POST",
        lambda c: _p(c, "policy/edit"),
        Role.EDITOR,
        (302,),
        "o/<str:code>/policy/edit",
        lambda c: {"version": c["policy_version"], "prose_1": "本文"},
    ),
    Route(
        "web",
        "GET",
        lambda c: _p(c, "policy/versions/"),
        Role.VIEWER,
        (200,),
        "o/<str:code>/policy/versions/",
    ),
    Route(
        "web",
        "GET",
        lambda c: _p(c, "policy/compare?a=1&b=1"),
        Role.VIEWER,
        (200,),
        "o/<str:code>/policy/compare",
    ),
    Route(
        "web",
        "GET",
        lambda c: _p(c, "policy/versions/1.docx"),
        Role.VIEWER,
        (200,),
        "o/<str:code>/policy/versions/<int:number>.<slug:fmt>",
    ),
    Route(
        "web",
        "POST",
        lambda c: _p(c, "reports/jobs/"),
        Role.VIEWER,
        (302,),
        "o/<str:code>/reports/jobs/",
        lambda c: {"kind": "diagnosis", "audience": "council", "fmt": "docx"},
    ),
    Route(
        "web",
        "GET",
        lambda c: _p(c, f"reports/jobs/{c['report_job']}/"),
        Role.VIEWER,
        (200,),
        "o/<str:code>/reports/jobs/<int:pk>/",
    ),
    Route(
        "web",
        "GET",
        lambda c: _p(c, f"reports/jobs/{c['report_job']}/progress"),
        Role.VIEWER,
        (200,),
        "o/<str:code>/reports/jobs/<int:pk>/progress",
    ),
    Route(
        "web",
        "GET",
        lambda c: _p(c, f"reports/jobs/{c['report_job']}/download"),
        Role.VIEWER,
        (200,),
        "o/<str:code>/reports/jobs/<int:pk>/download",
    ),
    Route(
        "web",
        "GET",
        lambda c: _p(c, f"reports/jobs/{c['internal_report_job']}/download"),
        Role.EDITOR,
        (200,),
        "o/<str:code>/reports/jobs/<int:pk>/download",
    ),
    Route(
        "api",
        "GET",
        lambda c: _api(c, "reports?kind=diagnosis&format=docx"),
        Role.VIEWER,
        (200,),
        "/organisations/{code}/reports",
    ),
    Route(
        "api",
        "GET",
        lambda c: _api(c, "reports?kind=diagnosis&format=docx&audience=internal"),
        Role.EDITOR,
        (200,),
        "/organisations/{code}/reports",
    ),
    Route(
        "api",
        "POST",
        lambda c: _api(c, "reports/jobs"),
        Role.VIEWER,
        (201,),
        "/organisations/{code}/reports/jobs",
        lambda c: {"kind": "diagnosis", "format": "docx"},
    ),
    Route(
        "api",
        "GET",
        lambda c: _api(c, f"reports/jobs/{c['report_job']}"),
        Role.VIEWER,
        (200,),
        "/organisations/{code}/reports/jobs/{job_id}",
    ),
    Route(
        "api",
        "GET",
        lambda c: _api(c, f"reports/jobs/{c['report_job']}/file"),
        Role.VIEWER,
        (200,),
        "/organisations/{code}/reports/jobs/{job_id}/file",
    ),
    Route(
        "api",
        "GET",
        lambda c: _api(c, f"reports/jobs/{c['internal_report_job']}/file"),
        Role.EDITOR,
        (200,),
        "/organisations/{code}/reports/jobs/{job_id}/file",
    ),
    Route(
        "api",
        "GET",
        lambda c: _api(c, f"surveys/{c['survey']}/report?format=docx"),
        Role.VIEWER,
        (200,),
        "/organisations/{code}/surveys/{survey_id}/report",
    ),
    Route(
        "api",
        "GET",
        lambda c: _api(c, f"interviews/{c['interview']}/joint/report?format=docx"),
        Role.VIEWER,
        (200,),
        "/organisations/{code}/interviews/{project_id}/joint/report",
    ),
    Route(
        "api",
        "GET",
        lambda c: _api(c, f"people/{c['person']}/sheet?format=docx"),
        Role.EDITOR,
        (200,),
        "/organisations/{code}/people/{person_id}/sheet",
    ),
]


# The talent pool. City A's routes are a municipality's; the prefecture's routes are at city A's
# prefecture (Hiroshima), where the context gives dana, alice and bob the same roles as in city
# A and charlie none, so that the same personas test both sides.
def _pref(ctx: dict[str, Any], rest: str = "") -> str:
    return f"/o/{ctx['prefecture']}/{rest}"


def _pref_api(ctx: dict[str, Any], rest: str) -> str:
    return f"/api/organisations/{ctx['prefecture']}/{rest}"


def _requests_csv(ctx: dict[str, Any]) -> dict[str, Any]:
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = "municipality,capability,level,days_per_month,months\n342122,MIC-R-PM,2,2,4-6\n"
    return {
        "fiscal_year": 2026,
        "file": SimpleUploadedFile("requests.csv", data.encode(), content_type="text/csv"),
    }


ROUTES += [
    Route("web", "GET", lambda c: _p(c, "pool/"), Role.VIEWER, (200,), "o/<str:code>/pool/"),
    Route(
        "web",
        "POST",
        lambda c: _p(c, "pool/sharing/"),
        Role.ADMIN,
        (302,),
        "o/<str:code>/pool/sharing/",
        lambda c: {"with_prefecture": "on"},
    ),
    Route(
        "web",
        "POST",
        lambda c: _p(c, "pool/requests/"),
        Role.EDITOR,
        (302,),
        "o/<str:code>/pool/requests/",
        lambda c: {
            "fiscal_year": 2026,
            "capability": "MIC-R-PM",
            "level": 2,
            "days_per_month": 2,
            "months": [4, 5],
            "priority": 1,
        },
    ),
    Route(
        "web",
        "POST",
        lambda c: _p(c, f"pool/requests/{c['pool_request']}/delete/"),
        Role.EDITOR,
        (302,),
        "o/<str:code>/pool/requests/<int:pk>/delete/",
    ),
    Route(
        "web",
        "POST",
        lambda c: _pref(c, "pool/professionals/"),
        Role.EDITOR,
        (302,),
        "o/<str:code>/pool/professionals/",
        lambda c: {
            "name": "山田 花子",
            "days_per_month": 4,
            "remote": "on",
            "term_months": 12,
            "employment_form": "secondee",
            "cost_per_day": 40000,
            "payer": "prefecture",
            "level_MIC-R-PM": 3,
        },
    ),
    Route(
        "web",
        "POST",
        lambda c: _pref(c, f"pool/professionals/{c['professional']}/delete/"),
        Role.EDITOR,
        (302,),
        "o/<str:code>/pool/professionals/<int:pk>/delete/",
    ),
    Route(
        "web",
        "POST",
        lambda c: _pref(c, "pool/import/"),
        Role.EDITOR,
        (302,),
        "o/<str:code>/pool/import/",
        _requests_csv,
    ),
    Route(
        "web",
        "GET",
        lambda c: _pref(c, "pool/allocation/"),
        Role.VIEWER,
        (200,),
        "o/<str:code>/pool/allocation/",
    ),
    Route(
        "web",
        "POST",
        lambda c: _pref(c, "pool/allocation/"),
        Role.EDITOR,
        (302,),
        "o/<str:code>/pool/allocation/",
        lambda c: {"fiscal_year": 2026, "small_weight": "1.5"},
    ),
    Route(
        "web",
        "POST",
        lambda c: _pref(c, f"pool/allocation/{c['allocation_run']}/accept/"),
        Role.EDITOR,
        (302,),
        "o/<str:code>/pool/allocation/<int:pk>/accept/",
    ),
    Route(
        "web",
        "GET",
        lambda c: _pref(c, "pool/allocation.xlsx"),
        Role.VIEWER,
        (200,),
        "o/<str:code>/pool/allocation.xlsx",
    ),
    Route(
        "web",
        "GET",
        lambda c: _pref(c, "pool/aggregates/"),
        Role.VIEWER,
        (200,),
        "o/<str:code>/pool/aggregates/",
    ),
    Route(
        "api",
        "GET",
        lambda c: _api(c, "pool/requests"),
        Role.VIEWER,
        (200,),
        "/organisations/{code}/pool/requests",
    ),
    Route(
        "api",
        "POST",
        lambda c: _api(c, "pool/requests"),
        Role.EDITOR,
        (201,),
        "/organisations/{code}/pool/requests",
        lambda c: {
            "fiscal_year": 2026,
            "capability": "MIC-R-PM",
            "level": 2,
            "days_per_month": 2,
            "months": [4, 5],
        },
    ),
    Route(
        "api",
        "PUT",
        lambda c: _api(c, "pool/sharing"),
        Role.ADMIN,
        (200,),
        "/organisations/{code}/pool/sharing",
        lambda c: {"with_prefecture": True},
    ),
    Route(
        "api",
        "POST",
        lambda c: _pref_api(c, "pool/allocation"),
        Role.EDITOR,
        (201,),
        "/organisations/{code}/pool/allocation",
        lambda c: {"fiscal_year": 2026},
    ),
    Route(
        "api",
        "GET",
        lambda c: _pref_api(c, "pool/allocation"),
        Role.VIEWER,
        (200,),
        "/organisations/{code}/pool/allocation",
    ),
    Route(
        "api",
        "GET",
        lambda c: _pref_api(c, "pool/aggregates"),
        Role.VIEWER,
        (200,),
        "/organisations/{code}/pool/aggregates",
    ),
    # Editing a request (the municipality's) and a professional (the prefecture's).
    Route(
        "web",
        "GET",
        lambda c: _p(c, f"pool/requests/{c['pool_request']}/"),
        Role.VIEWER,
        (200,),
        "o/<str:code>/pool/requests/<int:pk>/",
    ),
    Route(
        "web",
        "POST",
        lambda c: _p(c, f"pool/requests/{c['pool_request']}/"),
        Role.EDITOR,
        (302,),
        "o/<str:code>/pool/requests/<int:pk>/",
        lambda c: {
            "fiscal_year": 2026,
            "capability": "MIC-R-PM",
            "level": 3,
            "days_per_month": "2",
            "months": [4, 5],
            "priority": 1,
        },
    ),
    Route(
        "web",
        "GET",
        lambda c: _pref(c, f"pool/professionals/{c['professional']}/"),
        Role.VIEWER,
        (200,),
        "o/<str:code>/pool/professionals/<int:pk>/",
    ),
    Route(
        "web",
        "POST",
        lambda c: _pref(c, f"pool/professionals/{c['professional']}/"),
        Role.EDITOR,
        (302,),
        "o/<str:code>/pool/professionals/<int:pk>/",
        lambda c: {
            "name": "編集 後子",
            "days_per_month": "4",
            "remote": "on",
            "term_months": 12,
            "employment_form": "fixed_term",
            "cost_per_day": 0,
            "payer": "prefecture",
            "level_MIC-R-PM": 3,
        },
    ),
    # Peers by size and kind: an organisation's own comparison, for any of its members.
    Route(
        "web",
        "GET",
        lambda c: _p(c, "pool/peers/"),
        Role.VIEWER,
        (200,),
        "o/<str:code>/pool/peers/",
    ),
    Route(
        "web",
        "POST",
        lambda c: _p(c, "pool/peers/sharing/"),
        Role.ADMIN,
        (302,),
        "o/<str:code>/pool/peers/sharing/",
        lambda c: {"with_peers": "on"},
    ),
    Route(
        "api",
        "GET",
        lambda c: _api(c, "pool/peers"),
        Role.VIEWER,
        (200,),
        "/organisations/{code}/pool/peers",
    ),
    Route(
        "api",
        "PUT",
        lambda c: _api(c, "pool/peers/sharing"),
        Role.ADMIN,
        (200,),
        "/organisations/{code}/pool/peers/sharing",
        lambda c: {"with_peers": True},
    ),
]
