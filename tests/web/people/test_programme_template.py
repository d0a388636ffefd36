"""A training programme started from the paper's Kanazawa template: the paper's figures come
pre-filled with their sources shown; the cost per seat and when it is held are for the user."""

from __future__ import annotations

import pytest
from django.utils import translation

from dxtalent.core.training.templates import PROGRAMME_KINDS
from dxtalent.web.people.models import ProgrammeKind, TrainingProgramme
from dxtalent.web.people.training import programme_template

pytestmark = pytest.mark.django_db

URL = "/o/{code}/training/templates/nakagawa-2025-kanazawa/"


def url(city) -> str:
    return URL.format(code=city.code)


def filled(**changes: str) -> dict[str, str]:
    data = {
        "name": "デジタル人材育成ワークショップ",
        "kind": "internal_training",
        "hours": "200",
        "months": "7",
        "seats": "20",
        "cost_per_seat": "120000",
        "outside_working_hours": "True",
        "description": "金沢市の事例に倣う。",
    }
    data.update(changes)
    return data


def test_the_form_comes_filled_with_the_papers_figures_and_shows_their_sources(
    client, alice, city_a
):
    client.force_login(alice)
    with translation.override("en"):
        response = client.get(url(city_a), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["hours"] == 200 and form.initial["months"] == 7
    assert form.initial["seats"] == 20 and form.initial["kind"] == "internal_training"
    assert form.initial["is_external"] is False
    assert form.initial["name"] == programme_template("NAKAGAWA-2025-KANAZAWA").name.get(
        response.context["LANGUAGE_CODE"]
    )
    # What the paper does not give starts blank.
    assert "cost_per_seat" not in form.initial and "outside_working_hours" not in form.initial
    page = response.content.decode()
    assert "totaling approximately 20 individuals every fiscal year" in page
    assert "The participants are generally adults in their 30s and 40s" in page
    assert "Participation is largely encouraged through specific invitations" in page
    assert "Nakagawa (2025), &quot;Method&quot;, footnote 8" in page
    assert (
        'name="cost_per_seat"' in page
        and 'value="' not in page.split('name="cost_per_seat"')[1][:40]
    )


def test_in_japanese_each_figure_cites_the_section_by_its_japanese_name_with_the_original_at_hand(
    client, alice, city_a
):
    client.force_login(alice)
    page = client.get(url(city_a), HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "<cite>Nakagawa（2025）「方法」、脚注8</cite>" in page
    assert "“Method”" not in page and "&quot;Method&quot;" not in page
    # The paper's own words stay, in English, behind a disclosure.
    original = page.split("Nakagawa（2025）「方法」、脚注8</cite>")[1].split("</details>")[0]
    assert (
        "原文" in original
        and '<q lang="en">totaling approximately 20 individuals every fiscal year' in original
    )


def test_the_description_carries_the_eligibility_notes_with_their_source(client, alice, city_a):
    client.force_login(alice)
    response = client.get(url(city_a), HTTP_ACCEPT_LANGUAGE="ja")
    description = response.context["form"].initial["description"]
    assert "参加者はおおむね30代・40代（「方法」、脚注8）" in description
    assert "個別の声かけ（招待）" in description
    assert "1人あたりの費用は論文に書かれていない。" in description


def test_an_editor_adds_the_programme_with_her_own_cost_and_schedule(client, alice, city_a):
    client.force_login(alice)
    response = client.post(url(city_a), filled())
    programme = TrainingProgramme.objects.get(organisation=city_a)
    assert response.status_code == 302
    assert response["Location"] == f"/o/{city_a.code}/training/{programme.pk}/"
    assert (programme.hours, programme.months, programme.seats) == (200, 7, 20)
    assert programme.cost_per_seat == 120_000 and programme.outside_working_hours is True
    assert not programme.is_external


def test_the_cost_per_seat_and_when_it_is_held_must_be_entered(client, alice, city_a):
    client.force_login(alice)
    response = client.post(url(city_a), filled(cost_per_seat="", outside_working_hours=""))
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"cost_per_seat", "outside_working_hours"}
    assert not TrainingProgramme.objects.exists()
    help_text = response.context["form"].fields["cost_per_seat"].help_text
    assert "300,000" in help_text


def test_in_working_hours_is_recorded_as_such(client, alice, city_a):
    client.force_login(alice)
    client.post(url(city_a), filled(outside_working_hours="False"))
    assert TrainingProgramme.objects.get(organisation=city_a).outside_working_hours is False


def test_a_viewer_may_neither_see_the_form_nor_add_a_programme(client, bob, city_a):
    client.force_login(bob)
    assert client.get(url(city_a)).status_code == 403
    assert client.post(url(city_a), filled()).status_code == 403
    assert not TrainingProgramme.objects.exists()


def test_another_city_does_not_see_the_form(client, charlie, city_a):
    client.force_login(charlie)
    assert client.get(url(city_a)).status_code == 404
    assert client.post(url(city_a), filled()).status_code == 404
    assert not TrainingProgramme.objects.exists()


def test_an_unknown_template_is_not_found(client, alice, city_a):
    client.force_login(alice)
    assert client.get(f"/o/{city_a.code}/training/templates/kobe/").status_code == 404


def test_the_training_page_offers_the_template_to_editors_only(client, alice, bob, city_a):
    client.force_login(alice)
    page = client.get(f"/o/{city_a.code}/training/").content.decode()
    assert url(city_a) in page
    client.force_login(bob)
    assert url(city_a) not in client.get(f"/o/{city_a.code}/training/").content.decode()


def test_the_programme_page_offers_the_form_to_add_the_skills_it_raises(client, alice, city_a):
    client.force_login(alice)
    client.post(url(city_a), filled())
    programme = TrainingProgramme.objects.get(organisation=city_a)
    page = client.get(f"/o/{city_a.code}/training/{programme.pk}/").content.decode()
    assert 'name="skill"' in page and 'name="to_level"' in page


def test_the_template_kinds_are_those_of_the_web_model():
    assert tuple(ProgrammeKind.values) == PROGRAMME_KINDS
