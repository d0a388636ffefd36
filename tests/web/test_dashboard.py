"""The organisation's dashboard: the figures an officer opens the app for, in names, or a
getting-started checklist for an organisation with no team yet."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from dxtalent.web.dashboard.services import overview
from dxtalent.web.demo.services import prepare_demo
from dxtalent.web.organisations.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(client):
    prepare_demo(seed=2025)
    return Organisation.objects.get(code="DEMO-CITY-A")


def login(client, username):
    client.force_login(get_user_model().objects.get(username=username))


def test_the_demo_dashboard_shows_findings_gaps_leavers_terms_and_reviews_by_name(client, demo):
    login(client, "demo-viewer")
    page = client.get(f"/o/{demo.code}/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "チームの現状" in page and "チーム診断を開く" in page
    figures = overview(demo, dt.date.today())
    assert figures.has_team
    assert dict(figures.severities).keys() == {"critical", "warning", "info"}
    # The demo's 会計年度任用 and secondees have terms ending within the year, named.
    for person in figures.terms_ending:
        assert person.family_name in page
    assert figures.pending_ratings >= 1 and str(figures.pending_ratings) in page
    for leaver in figures.leavers:
        assert leaver.name in page
    assert "CO-CAP" not in page


def test_an_organisation_without_a_team_sees_the_getting_started_checklist(client, demo):
    login(client, "demo-other")
    other = Organisation.objects.get(code="DEMO-CITY-B")
    figures = overview(other, dt.date.today())
    page = client.get(f"/o/{other.code}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Getting started" in page
    assert "Import the staff from a spreadsheet" in page
    assert [step.key for step in figures.checklist] == [
        "departments",
        "staff",
        "ratings",
        "diagnosis",
        "plan",
    ]
