"""Content-Security-Policy (issue #14): every page says scripts and styles come from the app
itself, and no template holds what that policy would refuse."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client

import dxtalent
from tests.conftest import CITY_A

TEMPLATES = Path(dxtalent.__file__).parent / "web" / "templates"


def _policy(response) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    header = response.headers["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part.strip())
    }


@pytest.mark.django_db
def test_every_page_allows_scripts_and_styles_from_the_app_only(client: Client, alice):
    from dxtalent.web.people.models import Person

    person = Person.objects.create(
        organisation=alice.memberships.first().organisation,
        kind="staff",
        external_id="S-1",
        family_name="山田",
        given_name="花子",
    )
    pages = ["/accounts/login/", "/admin/login/", "/health"]
    for path in pages:
        response = client.get(path)
        assert response.status_code in (200, 503), path
        policy = _policy(response)
        assert policy["script-src"] == ["'self'"], path
        assert policy["style-src"] == policy["style-src-elem"] == ["'self'"], path
        assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    client.force_login(alice)
    for path in (
        f"/o/{CITY_A}/",
        f"/o/{CITY_A}/team/",
        f"/o/{CITY_A}/people/{person.pk}/",
        f"/o/{CITY_A}/matrix/",
        "/api/docs",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        policy = _policy(response)
        assert "'unsafe-eval'" not in response.headers["Content-Security-Policy"], path
        # 'unsafe-inline' for style attributes set by Plotly's script only (see settings)
        unsafe = {name for name, values in policy.items() if "'unsafe-inline'" in values}
        assert unsafe == {"style-src-attr"}, path
        assert policy["script-src"] == ["'self'"], path


INLINE_SCRIPT = re.compile(
    r"<script\b(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I
)
HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)
STYLE = re.compile(r"<style\b|<[a-z][^>]*\sstyle\s*=", re.I)


def test_no_template_has_an_inline_script_handler_or_style():
    found = []
    for template in sorted(TEMPLATES.rglob("*.html")):
        text = template.read_text(encoding="utf-8")
        for kind, pattern in (("script", INLINE_SCRIPT), ("handler", HANDLER), ("style", STYLE)):
            found += [
                f"{template.relative_to(TEMPLATES)}: {kind}: {m.group(0)[:80]}"
                for m in pattern.finditer(text)
            ]
    assert len(list(TEMPLATES.rglob("*.html"))) > 30
    assert found == []


def test_the_template_check_finds_what_the_policy_refuses():
    assert INLINE_SCRIPT.search("<script>alert(1)</script>")
    assert not INLINE_SCRIPT.search('<script src="/static/x.js" defer></script>')
    assert HANDLER.search('<form method="post" onsubmit="return confirm(1)">')
    assert not HANDLER.search('<form data-confirm="Sure?">')
    assert STYLE.search('<span style="width: 5%">') and STYLE.search("<style>p{}</style>")
