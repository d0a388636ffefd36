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


def _new_survey(client, city_a):
    from dxtalent.web.surveys.models import Survey

    client.post(f"/o/{city_a.code}/surveys/", {"title": "調査"})
    return Survey.objects.get(title="調査")


def test_an_editor_finds_an_organisation_by_name_and_invites_it_by_ticking_it(
    client, alice, city_a, city_b
):
    from dxtalent.web.surveys.models import Invitation

    client.force_login(alice)
    new = _new_survey(client, city_a)
    url = f"/o/{city_a.code}/surveys/{new.pk}/"
    page = client.get(url, {"find": "こうべ"}, HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert f'value="{city_b.code}"' in page and city_b.name in page
    response = client.post(
        f"{url}?find=こうべ",
        {"action": "invite", "organisations": [city_b.code], "departments": ["dx"]},
    )
    assert response.status_code == 302
    assert [(i.respondent.code, i.department) for i in Invitation.objects.filter(survey=new)] == [
        (city_b.code, "dx")
    ]


def test_typed_codes_are_still_accepted(client, alice, city_a, city_b):
    from dxtalent.web.surveys.models import Invitation

    client.force_login(alice)
    new = _new_survey(client, city_a)
    response = client.post(
        f"/o/{city_a.code}/surveys/{new.pk}/",
        {"action": "invite", "codes": f"{city_b.code}\n", "departments": ["hr"]},
    )
    assert response.status_code == 302
    assert Invitation.objects.filter(survey=new, respondent__code=city_b.code).count() == 1


def test_an_organisation_hidden_from_the_editor_is_neither_found_nor_invited(client, alice, city_a):
    from dxtalent.web.organisations.models import Organisation
    from dxtalent.web.surveys.models import Invitation

    Organisation.objects.create(code="SECRET-LAB", name="秘密研究所", kind="research")
    client.force_login(alice)
    new = _new_survey(client, city_a)
    url = f"/o/{city_a.code}/surveys/{new.pk}/"
    assert "SECRET-LAB" not in client.get(url, {"find": "秘密"}).content.decode()
    for data in ({"codes": "SECRET-LAB"}, {"organisations": ["SECRET-LAB"]}):
        response = client.post(url, {"action": "invite", "departments": ["dx"], **data})
        assert response.status_code == 400
    assert not Invitation.objects.filter(survey=new).exists()
