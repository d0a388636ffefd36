"""The interview records with edit forms (a case's attributes, a coding's code, a theme's fit
judgement) refuse a second editor's stale save too, naming both values."""

from __future__ import annotations

import pytest
from django.test import Client

from dxtalent.web.interviews.models import Case, Code, Coding, JointFit
from tests.web.interviews.test_projects import project  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def second(dana):
    other = Client()
    other.force_login(dana)
    return other


def test_a_second_editor_of_a_cases_attributes_is_told(client, second, project, city_a):  # noqa: F811
    case = Case.objects.filter(project=project).first()
    url = f"/o/{city_a.code}/interviews/{project.pk}/"
    first = {"action": "attributes", "case": case.pk, "version": 1}
    assert client.post(url, {**first, "attributes": "規模 = 市"}).status_code == 302
    response = second.post(url, {**first, "attributes": "規模 = 町"})
    page = response.content.decode()
    assert "規模 = 町" in page and "規模 = 市" in page
    case.refresh_from_db()
    assert case.attributes == {"規模": "市"}


def test_a_second_editor_recoding_a_passage_is_told(client, second, project, city_a):  # noqa: F811
    coding = Coding.objects.filter(project=project).first()
    source = coding.source
    first_code, second_code = Code.objects.filter(project=project, codable=True).exclude(
        pk=coding.code_id
    )[:2]
    url = f"/o/{city_a.code}/interviews/{project.pk}/sources/{source.pk}/"
    base = {"action": "recode", "coding": coding.pk, "version": 1}
    assert client.post(url, {**base, "code": first_code.pk}).status_code == 302
    response = second.post(url, {**base, "code": second_code.pk})
    page = response.content.decode()
    assert first_code.name in page and second_code.name in page
    coding.refresh_from_db()
    assert coding.code == first_code


def test_a_second_editor_of_a_themes_fit_is_told(client, second, project, city_a):  # noqa: F811
    url = f"/o/{city_a.code}/interviews/{project.pk}/joint/"
    client.post(url, {"guid": "theme-1", "fit": "confirms", "note": "最初"})
    judgement = JointFit.objects.get(code_guid="theme-1")
    assert judgement.version == 1
    base = {"guid": "theme-1", "version": 1}
    assert client.post(url, {**base, "fit": "expands", "note": "一人目"}).status_code == 302
    response = second.post(url, {**base, "fit": "disagrees", "note": "二人目"}, follow=True)
    assert "二人目" in response.content.decode() and "一人目" in response.content.decode()
    judgement.refresh_from_db()
    assert (judgement.fit, judgement.note, judgement.version) == ("expands", "一人目", 2)
