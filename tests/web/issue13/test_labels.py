"""Issue #13: labels a municipal officer reads on the person form and the interview list."""

from __future__ import annotations

import pytest

from dxtalent.web.interviews.models import InterviewProject

pytestmark = pytest.mark.django_db


def test_the_interview_list_labels_the_software_a_project_came_from_not_a_career(
    client, alice, city_a
):
    InterviewProject.objects.create(organisation=city_a, name="聞き取り", origin="NVivo")
    client.force_login(alice)
    ja = client.get(f"/o/{city_a.code}/interviews/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    en = client.get(f"/o/{city_a.code}/interviews/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "経歴区分" not in ja
    assert "作成したソフト" in ja
    assert "Made with" in en
    assert "NVivo" in ja


def test_a_directory_row_of_ones_own_city_links_to_its_page_and_another_city_is_not_a_dead_link(
    client, alice, city_a, city_b
):
    client.force_login(alice)
    own = client.get("/organisations/", {"q": city_a.code}).content.decode()
    assert f'href="/o/{city_a.code}/"' in own
    other = client.get("/organisations/", {"q": city_b.code}).content.decode()
    assert city_b.name in other
    assert f'href="/o/{city_b.code}/"' not in other
