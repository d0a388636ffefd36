"""The report API: a report returned at once or through the job queue, the internal version for
editors only, and a bad report, audience or format answered 400 naming what is accepted."""

from __future__ import annotations

import io

import pytest
from docx import Document as read_docx

from dxtalent.core.calendar import format_fiscal_year
from dxtalent.web.api.urls import api
from dxtalent.web.audit.models import AuditEvent
from dxtalent.web.reports import services
from dxtalent.web.reports.models import ReportJob
from tests.web.reports.conftest import login, pdf_text

pytestmark = pytest.mark.django_db
CITY = "DEMO-CITY-A"
API = f"/api/organisations/{CITY}/reports"


def test_the_plan_report_comes_back_as_a_pdf_with_each_fiscal_years_gross_and_net(
    client, demo, run
):
    response = login(client, "demo-viewer").get(f"{API}?kind=plan&format=pdf&run={run.pk}")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    mix = services.load_plans(run)["mix"]
    assert mix.status.value != "infeasible"
    for line in mix.funding_by_year():
        assert format_fiscal_year(line.fiscal_year, "ja") in text
        assert f"{line.gross:,}円" in text and f"{line.net:,}円" in text


def test_the_diagnosis_comes_back_as_word_in_english_when_asked(client, demo):
    response = login(client, "demo-viewer").get(f"{API}?kind=diagnosis&format=docx&language=en")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'diagnosis-{CITY}-council.docx"')
    text = "\n".join(p.text for p in read_docx(io.BytesIO(response.content)).paragraphs)
    assert "Council version" in text


def test_the_internal_version_is_an_editors_and_its_production_is_audited(client, demo, run):
    assert login(client, "demo-viewer").get(f"{API}?kind=plan&audience=internal").status_code == 403
    response = login(client, "demo-editor").get(f"{API}?kind=plan&audience=internal&format=docx")
    assert response.status_code == 200
    event = AuditEvent.objects.filter(organisation=demo, action="export").latest("at")
    assert event.user.username == "demo-editor"
    assert event.object_repr == f"plan-{CITY}-internal.docx"


@pytest.mark.parametrize(
    ("query", "loc", "accepted"),
    [
        ("kind=plan&audience=mayor", ["query", "audience"], '"council" or "internal"'),
        ("kind=plan&format=odt", ["query", "format"], '"pdf" or "docx"'),
        ("kind=press&format=pdf", ["query", "kind"], '"diagnosis", "plan" or "policy"'),
        ("kind=plan&language=fr", ["query", "language"], '"fr": accepted: ja, en.'),
    ],
)
def test_an_unknown_report_audience_or_format_is_a_400_naming_what_is_accepted(
    client, demo, query, loc, accepted
):
    response = login(client, "demo-editor").get(f"{API}?{query}")
    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert error["loc"] == loc and accepted in error["msg"]


def test_a_plan_run_that_is_not_there_is_a_404(client, demo):
    assert login(client, "demo-viewer").get(f"{API}?kind=plan&run=999999").status_code == 404


def test_a_report_job_is_queued_polled_and_its_file_fetched(client, demo, run):
    login(client, "demo-viewer")
    response = client.post(
        f"{API}/jobs",
        {"kind": "policy", "format": "pdf", "run": run.pk},
        content_type="application/json",
    )
    assert response.status_code == 201
    job = response.json()
    assert job["status"] == "done" and job["progress"] == 100  # the tests' backend is immediate
    status = client.get(f"{API}/jobs/{job['id']}").json()
    assert status["file"] == f"{API}/jobs/{job['id']}/file"
    file = client.get(status["file"])
    assert file.status_code == 200 and file["Content-Type"] == "application/pdf"
    assert "人材育成・確保基本方針" in pdf_text(file.content)


def test_a_job_with_a_bad_body_is_refused_and_none_is_queued(client, demo):
    response = login(client, "demo-editor").post(
        f"{API}/jobs", {"kind": "plan", "format": "odt"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["loc"] == ["body", "format"]
    response = client.post(
        f"{API}/jobs", {"kind": "plan", "language": "en-US"}, content_type="application/json"
    )
    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert error["loc"] == ["body", "language"] and "accepted: ja, en" in error["msg"]
    assert not ReportJob.objects.exists()


def test_a_viewer_cannot_fetch_an_internal_jobs_file(client, demo):
    login(client, "demo-editor")
    job = client.post(
        f"{API}/jobs",
        {"kind": "diagnosis", "audience": "internal", "format": "docx"},
        content_type="application/json",
    ).json()
    login(client, "demo-viewer")
    assert client.get(f"{API}/jobs/{job['id']}/file").status_code == 403
    assert (
        client.post(
            f"{API}/jobs",
            {"kind": "diagnosis", "audience": "internal"},
            content_type="application/json",
        ).status_code
        == 403
    )


def test_the_report_operations_declare_their_responses():
    paths = api.get_openapi_schema()["paths"]
    for path in (
        "/api/organisations/{code}/reports",
        "/api/organisations/{code}/reports/jobs/{job_id}",
    ):
        responses = paths[path]["get"]["responses"]
        assert {200, 400, 403, 404} <= set(responses)
    assert 201 in paths["/api/organisations/{code}/reports/jobs"]["post"]["responses"]
