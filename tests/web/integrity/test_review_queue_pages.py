"""The review queue is found in one query, kept per data version (web/versions.py), and a page
reads its own people only, with the same number of queries for 50 or 500 self-ratings waiting
(issue #14: 60 s at 40,000; issue #15: 124 ms for a city of 2,000 with 200,000 ratings)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dxtalent.web import versions
from dxtalent.web.people.models import Person, Rating
from dxtalent.web.people.services import REVIEWS_PER_PAGE


def _waiting(city_a, framework, people: int, ratings_each: int = 1, start: int = 0) -> None:
    made = Person.objects.bulk_create(
        Person(organisation=city_a, external_id=f"R{i:05}", family_name=f"職員{i:05}")
        for i in range(start, start + people)
    )
    skills = list(framework.skill_map.values())[:ratings_each]
    Rating.objects.bulk_create(
        Rating(
            organisation=city_a,
            person=person,
            skill=skill,
            level=2,
            source="self",
            rated_on=dt.date(2026, 5, 1),
        )
        for person in made
        for skill in skills
    )


def _queries(client, url) -> tuple[int, object]:
    versions.forget()  # the ratings above were inserted without audit: found afresh
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response


@pytest.mark.parametrize("small, large", [(50, 500)])
def test_the_review_page_reads_the_same_number_of_queries_for_50_or_500_waiting(
    client, alice, city_a, framework, small, large
):
    client.force_login(alice)
    url = f"/o/{city_a.code}/reviews/"
    _waiting(city_a, framework, small)
    few, _response = _queries(client, url)
    _waiting(city_a, framework, large - small, start=small)
    many, response = _queries(client, url)
    assert many == few
    assert len(response.context["queue"]) == REVIEWS_PER_PAGE
    assert response.context["page"].paginator.count == large
    assert 'rel="next"' in response.content.decode()


def test_the_queue_counts_each_persons_waiting_ratings_and_pages_in_kana_order(
    client, alice, city_a, framework
):
    _waiting(city_a, framework, REVIEWS_PER_PAGE + 3, ratings_each=2)
    client.force_login(alice)
    first = client.get(f"/o/{city_a.code}/reviews/").context
    last = client.get(f"/o/{city_a.code}/reviews/", {"page": 2}).context
    assert [item.self_ratings for item in first["queue"]] == [2] * REVIEWS_PER_PAGE
    names = [str(item.person) for item in [*first["queue"], *last["queue"]]]
    assert names == sorted(names) and len(names) == REVIEWS_PER_PAGE + 3


def test_the_queue_is_kept_until_an_audited_rating_changes_it(client, alice, city_a, framework):
    _waiting(city_a, framework, 3)
    client.force_login(alice)
    url = f"/o/{city_a.code}/reviews/"
    afresh, _response = _queries(client, url)
    with CaptureQueriesContext(connection) as kept:
        assert client.get(url).context["page"].paginator.count == 3
    assert len(kept) < afresh
    person = Person.objects.get(organisation=city_a, external_id="R00000")
    skill = next(iter(framework.skill_map.values()))
    Rating.objects.create(  # audited: the data version moves on
        organisation=city_a,
        person=person,
        skill=skill,
        level=2,
        source="manager",
        rated_on=dt.date(2026, 5, 2),
    )
    assert client.get(url).context["page"].paginator.count == 2
