"""What is written in bulk or by a job is in the trail too: framework target edits, answers
imported into a survey, plan runs, codings imported from a .qdpx (issue #14)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dxtalent.web.audit.models import AuditEvent
from dxtalent.web.frameworks.services import copy_framework
from tests.web.interviews.test_projects import synthetic
from tests.web.surveys.test_running import survey  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def test_a_framework_target_edit_is_recorded_with_both_levels(client, alice, city_a, framework):
    copy = copy_framework(city_a, framework)
    role, skill = copy.roles.get(code="CENTRAL"), copy.skills.get(code="COMM")
    client.force_login(alice)
    client.post(
        f"/o/{city_a.code}/frameworks/{copy.pk}/targets/",
        {f"target-{role.pk}-{skill.pk}": "4", "revision": "1"},
    )
    event = AuditEvent.objects.get(model="people.RoleTarget", action="update")
    assert (event.organisation, event.user, event.changes) == (city_a, alice, {"level": [3, 4]})
    copied = AuditEvent.objects.get(model="people.RoleTarget", action="create")
    assert copied.changes == {"targets": [None, 4]}


def test_answers_imported_into_a_survey_are_recorded_with_the_file_and_count(
    client,
    survey,  # noqa: F811
    alice,
    city_a,
):
    csv = "respondent,department,Q4\nA市,dx,JMRC-01\nB町,dx,NONE\n"
    response = client.post(
        f"/o/{city_a.code}/surveys/{survey.pk}/",
        {
            "action": "import",
            "file": SimpleUploadedFile("answers.csv", csv.encode()),
            "respondent_column": "respondent",
            "department_column": "department",
        },
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(model="surveys.ImportedAnswer")
    assert (event.user, event.action) == (alice, "create")
    assert event.changes == {"file": [None, "answers.csv"], "answers": [None, 2]}


def test_codings_imported_from_a_qdpx_are_recorded_with_their_count(client, alice, city_a):
    client.force_login(alice)
    response = client.post(
        f"/o/{city_a.code}/interviews/", {"file": SimpleUploadedFile("p.qdpx", synthetic())}
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(model="interviews.Coding")
    assert event.user == alice and event.changes["codings"] == [None, 4]


def test_a_plan_run_is_recorded_with_who_started_it_but_not_its_scenario(client, alice, city_a):
    from dxtalent.web.planning.models import PlanRun

    client.force_login(alice)
    response = client.post(
        f"/api/organisations/{city_a.code}/plan/runs", {}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    run = PlanRun.objects.get()
    event = AuditEvent.objects.get(model="planning.PlanRun", action="create")
    assert (event.user, event.object_id) == (alice, str(run.pk))
    assert "scenario" not in event.changes and "result" not in event.changes
    # Its progress, written at every stage, is not an edit of anybody's.
    assert not AuditEvent.objects.filter(model="planning.PlanRun", action="update").exists()
