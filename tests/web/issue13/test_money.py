"""Issue #13: money reads ¥20,000,000 (20,000,000円 in Japanese), with separators, everywhere."""

from __future__ import annotations

import pytest
from django.utils import translation

from dxtalent.web.dashboard.templatetags.dxtalent import yen
from dxtalent.web.people.models import Person


@pytest.mark.parametrize(
    ("language", "value", "shown"),
    [
        ("ja", 20_000_000, "20,000,000円"),
        ("en", 20_000_000, "¥20,000,000"),
        ("ja", 999, "999円"),
        ("en", 1234.6, "¥1,235"),
        ("ja", -1500, "-1,500円"),
        ("en", -1500, "-¥1,500"),
        ("ja", None, ""),
        ("en", "", ""),
    ],
)
def test_the_yen_filter_shows_an_amount_with_separators_in_the_readers_language(
    language, value, shown
):
    with translation.override(language):
        assert yen(value) == shown


@pytest.mark.django_db
def test_a_candidates_expected_yearly_cost_is_shown_with_separators_in_both_languages(
    client, alice, city_a
):
    person = Person.objects.create(
        organisation=city_a,
        kind="candidate",
        external_id="C-1",
        family_name="佐藤",
        expected_yearly_cost=20_000_000,
    )
    client.force_login(alice)
    url = f"/o/{city_a.code}/people/{person.pk}/"
    assert "20,000,000円" in client.get(url, HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "¥20,000,000" in client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    listing = client.get(f"/o/{city_a.code}/candidates/", HTTP_ACCEPT_LANGUAGE="ja")
    assert "20,000,000円" in listing.content.decode()
