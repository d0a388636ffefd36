"""Every upload is checked against its kind's size limit (dxtalent.core.uploads) before it is
read: on the web form, the API and the CLI; a refusal names the file, its size and the limit,
and writes nothing."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from dxtalent.core.uploads import UPLOAD_LIMITS, UploadTooLarge, check_upload_size
from dxtalent.web.interviews.models import InterviewProject
from dxtalent.web.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_limits(monkeypatch):
    limits = dict(UPLOAD_LIMITS)
    limits.update({"staff": 100, "qdpx": 100, "transcript": 10, "survey-export": 100})
    monkeypatch.setattr("dxtalent.core.uploads.UPLOAD_LIMITS", limits)
    return limits


def test_every_kind_has_a_limit_of_at_most_50_mb_and_over_it_is_refused_by_size():
    assert max(UPLOAD_LIMITS.values()) <= 50 << 20
    check_upload_size("staff", UPLOAD_LIMITS["staff"], "s.csv")
    with (
        translation.override("en"),
        pytest.raises(UploadTooLarge, match=r'"s\.csv" is 10485761 bytes, more than the limit'),
    ):
        check_upload_size("staff", UPLOAD_LIMITS["staff"] + 1, "s.csv")
    with (
        translation.override("ja"),
        pytest.raises(UploadTooLarge, match=r"「s\.csv」は10485761バイト"),
    ):
        check_upload_size("staff", UPLOAD_LIMITS["staff"] + 1, "s.csv")


def test_a_staff_file_over_its_limit_is_refused_on_the_web_before_reading(
    client, alice, city_a, small_limits
):
    client.force_login(alice)
    upload = SimpleUploadedFile("staff.csv", b"number,family_name\n" + b"S1,x\n" * 30)
    response = client.post(f"/o/{city_a.code}/import/", {"kind": "staff", "file": upload})
    assert response.status_code == 400
    assert "staff.csv" in response.context["problem"] and "100" in response.context["problem"]
    assert not Person.objects.exists()


def test_a_qdpx_and_a_transcript_over_their_limits_are_refused_on_the_web(
    client, alice, city_a, small_limits
):
    client.force_login(alice)
    refused = client.post(
        f"/o/{city_a.code}/interviews/", {"file": SimpleUploadedFile("p.qdpx", b"PK" + b"x" * 200)}
    )
    assert refused.status_code == 400 and "p.qdpx" in refused.context["errors"][0]
    assert not InterviewProject.objects.exists()
    client.post(f"/o/{city_a.code}/interviews/", {"action": "create", "name": "聞き取り"})
    project = InterviewProject.objects.get()
    too_long = client.post(
        f"/o/{city_a.code}/interviews/{project.pk}/",
        {"transcripts": [SimpleUploadedFile("long.txt", b"x" * 11)]},
    )
    assert too_long.status_code == 400 and "long.txt" in too_long.context["upload_errors"][0]
    assert project.sources.count() == 0


def test_a_survey_export_over_its_limit_is_refused_by_the_api_with_400(
    client, alice, city_a, small_limits
):
    client.force_login(alice)
    response = client.post(
        f"/api/organisations/{city_a.code}/surveys/import",
        {"file": SimpleUploadedFile("export.csv", b"x" * 101)},
    )
    assert response.status_code == 400, response.content
    assert "export.csv" in response.content.decode()


def test_a_scenario_posted_to_the_api_over_the_body_limit_is_refused_with_400(
    client, alice, settings
):
    client.force_login(alice)
    body = json.dumps({"scenario": {"name": "x" * 2000}})
    read = client.post("/api/plans/solve", data=body, content_type="application/json")
    assert "too large" not in read.content.decode().lower()  # read, then found wrong
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post("/api/plans/solve", data=body, content_type="application/json")
    assert response.status_code == 400, response.content
    assert "too large" in response.content.decode().lower()


def test_the_body_limit_is_the_scenario_limit():
    from django.conf import settings

    assert UPLOAD_LIMITS["scenario"] == settings.DATA_UPLOAD_MAX_MEMORY_SIZE


def test_the_cli_refuses_a_file_over_its_limit_by_its_size_before_reading_it(tmp_path):
    from tests.web.test_cli import _run

    big = tmp_path / "big.qdpx"
    with big.open("wb") as out:
        out.truncate(UPLOAD_LIMITS["qdpx"] + 1)  # sparse: nothing is written or read
    result = _run("qda", "import", str(big), data_dir=tmp_path)
    assert result.returncode == 2
    assert "big.qdpx" in result.stderr and str(UPLOAD_LIMITS["qdpx"]) in result.stderr
