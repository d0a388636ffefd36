"""Accessibility checks that need no browser: every form control has a label, every page has
one h1, a language and a skip link; the fiscal-year display in both languages."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.template import Context, Template
from django.utils import translation

pytestmark = pytest.mark.django_db


class Controls(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.controls: list[dict[str, str | None]] = []
        self.labels: set[str] = set()
        self.h1 = 0
        self.open_labels = 0
        self.lang: str | None = None

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "html":
            self.lang = values.get("lang")
        if tag == "h1":
            self.h1 += 1
        if tag == "label":
            self.open_labels += 1
            if values.get("for"):
                self.labels.add(values["for"])
        if tag in ("input", "select", "textarea") and values.get("type") not in (
            "hidden",
            "submit",
            "button",
        ):
            self.controls.append({**values, "_wrapped": "1" if self.open_labels else None})

    def handle_endtag(self, tag):
        if tag == "label":
            self.open_labels -= 1


def unlabelled(html: str) -> list[str]:
    parser = Controls()
    parser.feed(html)
    return [
        str(c.get("name") or c.get("id"))
        for c in parser.controls
        if not (
            c.get("id") in parser.labels
            or c.get("aria-label")
            or c.get("aria-labelledby")
            or c.get("_wrapped")
        )
    ]


@pytest.fixture
def pages(city_a):
    code = city_a.code
    return [
        "/", f"/o/{code}/", "/organisations/", "/organisations/new/", f"/organisations/{code}/members/",
        f"/organisations/{code}/audit/", "/accounts/password/", "/accounts/tokens/",
        f"/o/{code}/people/", f"/o/{code}/people/new/", f"/o/{code}/matrix/", f"/o/{code}/frameworks/",
        f"/o/{code}/departments/", f"/o/{code}/training/", f"/o/{code}/candidates/", f"/o/{code}/import/",
        f"/o/{code}/reviews/", f"/o/{code}/team/", f"/o/{code}/team/settings/",
        f"/o/{code}/training/templates/nakagawa-2025-kanazawa/",
    ]  # fmt: skip


def test_every_form_control_has_a_label_and_every_page_one_h1_and_a_language(client, dana, pages):
    from dxtalent.web.organisations.models import Membership

    client.force_login(dana)
    problems = {}
    for path in pages:
        response = client.get(path, follow=True)
        assert response.status_code == 200, path
        html = response.content.decode()
        parser = Controls()
        parser.feed(html)
        missing = unlabelled(html)
        if (
            missing
            or parser.h1 != 1
            or parser.lang not in ("ja", "en")
            or 'href="#main"' not in html
        ):
            problems[path] = {"unlabelled": missing, "h1": parser.h1, "lang": parser.lang}
    assert problems == {}
    assert Membership.objects.filter(user=dana).exists()


def test_the_login_page_is_accessible_before_signing_in(client):
    html = client.get("/accounts/login/").content.decode()
    assert unlabelled(html) == []


@pytest.mark.parametrize(("language", "text"), [("ja", "2025年度（令和7年度）"), ("en", "FY2025")])
def test_fiscal_years_render_in_the_readers_language(language, text):
    with translation.override(language):
        assert (
            Template("{% load dxtalent %}{{ year|fiscal_year }}").render(Context({"year": 2025}))
            == text
        )


def test_a_staff_superuser_uses_django_admin_and_others_cannot(client, alice):
    from django.contrib.auth import get_user_model

    client.force_login(alice)
    assert client.get("/admin/").status_code == 302
    admin = get_user_model().objects.create_superuser(
        "root", "root@example.jp", "a long admin passphrase 1"
    )
    client.force_login(admin)
    assert client.get("/admin/organisations/organisation/?q=東広島").status_code == 200
