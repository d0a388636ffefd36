"""Reports through the job queue: the page asks for a report, shows its progress (htmx polls a
fragment until the job is done) and then the download link; the internal version stays an
editor's."""

from __future__ import annotations

import pytest

from dxtalent.core.reports import Audience
from dxtalent.web import jobs
from dxtalent.web.audit.models import AuditEvent
from dxtalent.web.reports import report_jobs
from dxtalent.web.reports.models import ReportJob
from tests.web.reports.conftest import login, pdf_text

pytestmark = pytest.mark.django_db
CITY = "DEMO-CITY-A"


def ask(client, **data):
    return client.post(f"/o/{CITY}/reports/jobs/", data, HTTP_ACCEPT_LANGUAGE="ja")


def test_the_plan_pdf_goes_through_the_queue_and_its_page_then_offers_the_file(client, demo, run):
    response = ask(
        login(client, "demo-viewer"), kind="plan", audience="council", fmt="pdf", run=run.pk
    )
    assert response.status_code == 302
    job = ReportJob.objects.get(organisation=demo)
    assert response["Location"] == f"/o/{CITY}/reports/jobs/{job.pk}/"
    assert (job.status, job.progress, job.plan_run) == ("done", 100, run)
    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "報告書ができました" in page and "hx-trigger" not in page
    download = f"/o/{CITY}/reports/jobs/{job.pk}/download"
    assert download in page
    file = client.get(download)
    assert file["Content-Type"] == "application/pdf"
    assert file["Content-Disposition"].endswith(f'plan-{CITY}-council.pdf"')
    assert "年度別の費用と財源" in pdf_text(file.content)


def test_a_queued_report_shows_its_progress_and_the_page_polls_until_it_is_done(client, demo, run):
    job = ReportJob.objects.create(
        organisation=demo, kind="plan", audience="council", fmt="pdf", plan_run=run
    )
    login(client, "demo-viewer")
    progress = f"/o/{CITY}/reports/jobs/{job.pk}/progress"
    page = client.get(f"/o/{CITY}/reports/jobs/{job.pk}/", HTTP_ACCEPT_LANGUAGE="ja")
    text = page.content.decode()
    assert f'hx-get="{progress}"' in text and 'hx-trigger="every 1s"' in text
    assert "処理の順番を待っています" in text
    report_jobs._step(job.pk, "render")
    fragment = client.get(progress, HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "ファイルを出力しています（70%）" in fragment and "hx-trigger" in fragment
    report_jobs.execute(job.pk)
    fragment = client.get(progress, HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "hx-trigger" not in fragment
    assert f"/o/{CITY}/reports/jobs/{job.pk}/download" in fragment


def test_a_job_whose_worker_died_is_shown_as_interrupted_and_stops_polling(client, demo):
    import datetime as dt

    from django.utils import timezone

    job = ReportJob.objects.create(organisation=demo, kind="diagnosis", fmt="pdf")
    long_ago = timezone.now() - report_jobs.STALE_AFTER - dt.timedelta(seconds=1)
    ReportJob.objects.filter(pk=job.pk).update(status="running", created_at=long_ago)
    fragment = login(client, "demo-viewer").get(
        f"/o/{CITY}/reports/jobs/{job.pk}/progress", HTTP_ACCEPT_LANGUAGE="ja"
    )
    text = fragment.content.decode()
    assert "hx-trigger" not in text and "interrupted" in text
    assert ReportJob.objects.get(pk=job.pk).status == "failed"


def test_a_report_not_ready_yet_cannot_be_downloaded(client, demo):
    job = ReportJob.objects.create(organisation=demo, kind="diagnosis", fmt="docx")
    assert (
        login(client, "demo-viewer").get(f"/o/{CITY}/reports/jobs/{job.pk}/download").status_code
        == 404
    )


def test_a_failed_report_says_why(client, demo):
    job = ReportJob.objects.create(organisation=demo, kind="diagnosis", fmt="odt")
    report_jobs.execute(job.pk)
    job.refresh_from_db()
    assert job.status == "failed" and '"odt"' in job.error
    page = login(client, "demo-viewer").get(
        f"/o/{CITY}/reports/jobs/{job.pk}/", HTTP_ACCEPT_LANGUAGE="ja"
    )
    assert "報告書を作成できませんでした" in page.content.decode()


def test_a_viewer_can_neither_ask_for_nor_fetch_an_internal_report(client, demo, run):
    assert (
        ask(
            login(client, "demo-viewer"), kind="plan", audience="internal", fmt="pdf", run=run.pk
        ).status_code
        == 403
    )
    assert not ReportJob.objects.exists()
    login(client, "demo-editor")
    ask(client, kind="diagnosis", audience="internal", fmt="docx")
    job = ReportJob.objects.get()
    assert job.status == "done"
    event = AuditEvent.objects.filter(organisation=demo, action="export").latest("at")
    assert event.user.username == "demo-editor" and event.object_repr == job.filename
    login(client, "demo-viewer")
    assert client.get(f"/o/{CITY}/reports/jobs/{job.pk}/").status_code == 403
    assert client.get(f"/o/{CITY}/reports/jobs/{job.pk}/download").status_code == 403


def test_an_unknown_report_audience_or_format_is_refused_naming_what_is_accepted(client, demo):
    login(client, "demo-editor")
    response = ask(client, kind="plan", audience="council", fmt="odt")
    assert response.status_code == 400
    assert "&quot;pdf&quot; or &quot;docx&quot;" in response.content.decode()
    assert ask(client, kind="press", fmt="pdf").status_code == 400
    assert ask(client, kind="plan", audience="mayor", fmt="pdf").status_code == 400
    assert not ReportJob.objects.exists()


def test_the_policy_chapter_of_a_chosen_version_goes_through_the_queue_as_pdf(client, demo, run):
    login(client, "demo-editor")
    client.post(f"/o/{CITY}/policy/generate", {"run": run.pk})
    client.post(f"/o/{CITY}/policy/edit", {"version": 1, "prose_2": "本市の現状を述べる本文。"})
    response = ask(client, kind="policy", fmt="pdf", version=2)
    job = ReportJob.objects.get()
    assert response.status_code == 302 and job.status == "done"
    assert job.filename == f"talent-policy-{CITY}-v2.pdf"
    text = pdf_text(client.get(f"/o/{CITY}/reports/jobs/{job.pk}/download").content)
    assert "第2版" in text and "本市の現状を述べる本文。" in text and "出典：" in text
    assert ask(client, kind="policy", fmt="pdf", version=9).status_code == 404


def test_the_plan_page_sends_its_pdfs_through_the_queue(client, demo, run):
    page = login(client, "demo-editor").get(f"/o/{CITY}/plan/runs/{run.pk}/").content.decode()
    form = page.split(f'action="/o/{CITY}/reports/jobs/"')[1].split("</form>")[0]
    assert 'name="kind" value="plan"' in form and f'name="run" value="{run.pk}"' in form
    assert 'name="fmt" value="pdf"' in form
    assert 'name="kind" value="policy"' in page
    assert f"/o/{CITY}/policy/" in page


def test_only_the_newest_jobs_of_an_organisation_are_kept(demo, monkeypatch):
    monkeypatch.setattr(report_jobs, "KEEP_JOBS", 2)
    for _ in range(3):
        report_jobs.request_report(
            demo, None, report_jobs.ReportRequest("diagnosis", Audience.COUNCIL, "docx")
        )
    assert ReportJob.objects.filter(organisation=demo).count() == 2


@pytest.mark.background
@pytest.mark.django_db(transaction=True)
def test_a_worker_thread_produces_the_report_asked_for_from_the_page(client, alice, city_a):
    client.force_login(alice)
    response = client.post(
        f"/o/{city_a.code}/reports/jobs/",
        {"kind": "diagnosis", "audience": "council", "fmt": "docx"},
    )
    assert response.status_code == 302
    job = ReportJob.objects.get(organisation=city_a)
    assert jobs.wait(lambda: ReportJob.objects.filter(pk=job.pk, status="done").exists(), 60), (
        ReportJob.objects.get(pk=job.pk).error
    )
    file = client.get(f"/o/{city_a.code}/reports/jobs/{job.pk}/download")
    assert file.status_code == 200 and file.content[:2] == b"PK"  # a .docx is a zip
