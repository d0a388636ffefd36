"""Asking 人事課 to defer a move, from a diagnosis finding: a note on the person with who and
when, on the person's page and in the audit trail; editors only."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model

from dxtalent.web.audit.models import AuditEvent
from dxtalent.web.people.models import Person, PersonNote

pytestmark = pytest.mark.django_db


def _api(client, path, data):
    return client.post(path, data=data, content_type="application/json")


def test_an_editor_records_a_request_to_defer_a_move_from_a_finding_and_the_page_shows_it(
    client,
):
    from dxtalent.web.demo.services import prepare_demo
    from dxtalent.web.organisations.models import Membership, Organisation

    prepare_demo(seed=2025)
    city = Organisation.objects.get(code="DEMO-CITY-A")
    editor = get_user_model().objects.get(username="demo-editor")
    editor.last_name, editor.first_name = "山田", "花子"
    editor.save()
    client.force_login(editor)

    team = client.get(f"/o/{city.code}/team/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    links = re.findall(r'href="(/o/DEMO-CITY-A/people/(\d+)/\?note=defer-move#notes)"', team)
    assert links, "a finding about a departure offers to record the request to 人事課"
    url, pk = links[0]
    person = Person.objects.get(pk=pk)
    assert f"{person.family_name} {person.given_name}さんについての要望を記録" in team

    form = client.get(url, HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert '<details class="card" open>' in form  # opened at the form, filled in
    assert f"{person}さんの異動の見送り（留任）を人事課に要望しました。" in form

    response = client.post(
        f"/o/{city.code}/people/{pk}/notes/",
        {"kind": "defer-move", "text": "DX推進のため令和9年度も留任を要望（人事課 佐々木課長）"},
        HTTP_ACCEPT_LANGUAGE="ja",
    )
    assert response.status_code == 302 and response["Location"].endswith(f"/people/{pk}/#notes")
    note = PersonNote.objects.get(person=person)
    assert (note.kind, note.written_by) == ("defer-move", editor)

    page = client.get(f"/o/{city.code}/people/{pk}/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "人事課に異動の見送り（留任）を要望" in page
    assert "DX推進のため令和9年度も留任を要望（人事課 佐々木課長）" in page
    assert "記録：山田 花子" in page
    assert re.search(r"令和\d+年\d+月\d+日 \d\d:\d\d", page)  # when, in 和暦

    event = AuditEvent.objects.get(model="people.PersonNote", object_id=str(note.pk))
    assert (event.user, event.action, event.organisation) == (editor, "create", city)
    assert Membership.objects.get(user=editor, organisation=city).can_edit
    client.force_login(get_user_model().objects.get(username="demo-admin"))
    audit = client.get(f"/organisations/{city.code}/audit/", HTTP_ACCEPT_LANGUAGE="ja")
    assert "職員についての記録" in audit.content.decode()


def test_a_viewer_is_not_offered_the_request_and_cannot_record_it(client, bob, city_a, team):
    person = team["佐藤"]
    client.force_login(bob)
    page = client.get(f"/o/{city_a.code}/people/{person.pk}/?note=defer-move").content.decode()
    assert "people-note-add" not in page and f"/people/{person.pk}/notes/" not in page
    response = client.post(
        f"/o/{city_a.code}/people/{person.pk}/notes/", {"kind": "defer-move", "text": "留任"}
    )
    assert response.status_code == 403
    assert not PersonNote.objects.exists()


def test_another_citys_editor_cannot_see_or_write_notes(client, charlie, city_a, team):
    person = team["佐藤"]
    client.force_login(charlie)
    path = f"/o/{city_a.code}/people/{person.pk}/notes/"
    assert client.post(path, {"kind": "note", "text": "x"}).status_code == 404
    api = f"/api/organisations/{city_a.code}/people/{person.pk}/notes"
    assert client.get(api).status_code == 404
    assert not PersonNote.objects.exists()


def test_an_empty_note_or_an_unknown_kind_is_refused_naming_the_field(client, alice, city_a, team):
    person = team["佐藤"]
    client.force_login(alice)
    response = client.post(
        f"/o/{city_a.code}/people/{person.pk}/notes/",
        {"kind": "promote", "text": ""},
        HTTP_ACCEPT_LANGUAGE="en",
        follow=True,
    )
    page = response.content.decode()
    assert "Kind: Select a valid choice. promote is not one of the available choices." in page
    assert "Note text: This field is required." in page
    assert not PersonNote.objects.exists()


def test_notes_are_recorded_and_read_through_the_api(client, alice, bob, city_a, team):
    person = team["佐藤"]
    path = f"/api/organisations/{city_a.code}/people/{person.pk}/notes"
    client.force_login(bob)
    assert _api(client, path, {"kind": "defer-move", "text": "留任を要望"}).status_code == 403

    client.force_login(alice)
    created = _api(client, path, {"kind": "defer-move", "text": "令和9年度の留任を要望"})
    assert created.status_code == 201, created.content
    assert created.json()["written_by"] == "alice"
    for bad, field in (({"kind": "promote", "text": "x"}, "kind"), ({"text": "  "}, "text")):
        response = _api(client, path, bad)
        assert response.status_code == 400
        assert response.json()["errors"][0]["loc"][-1] == field

    client.force_login(bob)
    listed = client.get(path).json()
    assert [(n["kind"], n["text"], n["written_by"]) for n in listed["items"]] == [
        ("defer-move", "令和9年度の留任を要望", "alice")
    ]
