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
