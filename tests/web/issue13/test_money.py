"""Issue #13: money reads ¥20,000,000 (20,000,000円 in Japanese), with separators, everywhere."""

from __future__ import annotations

import pytest
from django.utils import translation

from dxtalent.core import i18n
from dxtalent.core.planning.levers import Hire
from dxtalent.core.planning.programmes import Advice
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


@pytest.mark.parametrize(
    ("language", "value", "shown"),
    [
        ("ja", 6_500_000, "6,500,000円"),
        ("en", 6_500_000, "¥6,500,000"),
        ("ja", -1500, "-1,500円"),
        ("en", 1234.6, "¥1,235"),
    ],
)
def test_core_writes_money_as_the_pages_do(language, value, shown):
    with translation.override(language):
        assert i18n.yen(value) == shown


def test_the_yen_filter_leaves_what_is_not_an_amount_as_it_is():
    assert yen("not known") == "not known"
    assert yen(float("nan")) == "nan"


def test_a_hires_support_advice_writes_the_regional_pm_cap_in_the_readers_money():
    hire = Hire("H", "経験者", {"PM": 3}, 7_000_000, max_per_year=1, lead_time_years=0)
    note = hire.support_note(Advice.PAGE)
    assert "1人あたり年6,500,000円まで" in note.ja
    assert "¥" not in note.ja
    assert "up to ¥6,500,000 per person a year" in note.en
