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


def test_the_organisation_switcher_is_a_form_with_a_button_that_does_not_move_on_change(
    client, alice, charlie, city_a, city_b
):
    from dxtalent.web.organisations.models import Membership, Role

    Membership.objects.create(user=alice, organisation=city_b, role=Role.VIEWER)
    client.force_login(alice)
    page = client.get(f"/o/{city_a.code}/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    switcher = page[page.index('<form class="org-switcher"') :]
    switcher = switcher[: switcher.index("</form>")]
    assert "onchange" not in switcher  # WCAG 3.2.2: choosing is not yet going
    assert '<button type="submit">移動</button>' in switcher
    assert f'value="{city_b.code}"' in switcher

    response = client.get("/", {"code": city_b.code})
    assert response.status_code == 302 and response["Location"] == f"/o/{city_b.code}/"


def test_the_switcher_does_not_open_an_organisation_the_user_does_not_belong_to(
    client, alice, charlie, city_a, city_b
):
    client.force_login(charlie)
    response = client.get("/", {"code": city_a.code})
    assert response["Location"] == f"/o/{city_b.code}/"  # charlie's own, his only one


def test_only_an_editor_is_offered_to_confirm_the_ratings_awaiting_confirmation(client, demo):
    assert overview(demo, dt.date.today()).pending_ratings >= 1
    link = f'href="/o/{demo.code}/reviews/"'
    login(client, "demo-viewer")
    assert link not in client.get(f"/o/{demo.code}/").content.decode()  # it would answer 403
    login(client, "demo-editor")
    assert client.get(f"/o/{demo.code}/").content.decode().count(link) == 2  # menu and card
