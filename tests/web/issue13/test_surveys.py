"""Issue #13: a survey's respondents are shown by the city's and the department's names, and
organisations are invited by searching their names."""

from __future__ import annotations

import re

import pytest

from tests.web.surveys.test_running import DX_ANSWERS, link, survey  # noqa: F401

pytestmark = pytest.mark.django_db


def test_respondents_to_compare_are_named_by_city_and_department_not_by_code(
    client,
    survey,  # noqa: F811
    city_a,
    city_b,
    alice,
):
    client.logout()
    client.post(link(survey, city_b.code, "dx"), {"action": "submit", **DX_ANSWERS})
    client.force_login(alice)
    page = client.get(
        f"/o/{city_a.code}/surveys/{survey.pk}/",
        {"compare": f"{city_b.code}:dx"},
        HTTP_ACCEPT_LANGUAGE="ja",
    ).content.decode()
    options = re.findall(r"<option value=\"[^\"]*:dx\"[^>]*>([^<]*)</option>", page)
    assert options and all(city_b.name in o and ":" not in o for o in options)
    assert f'<th scope="col">{city_b.code}:dx</th>' not in page
    assert f"{city_b.code}:dx<" not in page
