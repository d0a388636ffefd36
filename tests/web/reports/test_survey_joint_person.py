"""The survey results report, the joint display report and the per-person development sheet of
the demo city: each renders in Japanese and English as PDF and .docx, in the embedded Japanese
font throughout, with the pages' figures; the sheet is for editors only and every production
of it is in the audit trail."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from dxtalent.core.reports import font_dir, render_docx, render_pdf
from dxtalent.core.reports.survey import percent
from dxtalent.web.audit.models import AuditEvent
from dxtalent.web.interviews.models import InterviewProject
from dxtalent.web.people.models import Person
from dxtalent.web.reports import person as sheets
from dxtalent.web.reports import research
from dxtalent.web.surveys import services as surveys
from dxtalent.web.surveys.models import Survey
from tests.core.reports.glyphs import missing_glyphs, pdf_fonts, tofu
from tests.web.reports.test_reports import docx_text, login, pdf_text, staff_names

pytestmark = pytest.mark.django_db
CITY = "DEMO-CITY-A"
FONT = "NotoSansJP_400Regular.ttf"


@pytest.fixture
def survey(demo):
    return Survey.objects.get(organisation=demo)


@pytest.fixture
def project(demo):
    return InterviewProject.objects.get(organisation=demo)


@pytest.fixture
def person(demo):
    # A DX member with ratings and a post: the sheet's tables are then filled in.
    return next(
        p
        for p in Person.objects.filter(organisation=demo, kind="staff", active=True).order_by("pk")
        if p.ratings.exists() and p.posts.filter(ended_on__isnull=True).exists()
    )


def assert_typeset(document):
    """Every character in the embedded font and none drawn as tofu in the rendered pages, the
    PDF using no other font, the .docx holding
    the title; returns the PDF's and the .docx's text."""
    assert missing_glyphs(document.text(), font_dir() / FONT) == []
    pdf = render_pdf(document)
    fonts = pdf_fonts(pdf)
    assert fonts and all("NotoSansJP" in font for font in fonts)
    assert tofu(pdf) == []
    text = pdf_text(pdf)
    assert "".join(document.title.split()) in text
    word = docx_text(render_docx(document))
    assert document.title in word
    return text, word


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_survey_report_renders_with_the_response_count_and_rate_of_the_results_page(
    survey, language
):
    document = research.survey_report(survey, language)
    text, word = assert_typeset(document)
    rates = surveys.response_rates(survey)
    submitted = sum(rate.submitted for rate in rates)
    invited = sum(rate.invited for rate in rates)
    assert submitted > 0
    for rate in rates:
        assert rate.interval is not None
        shown = percent(rate.interval.estimate)
        assert shown in text and shown in word
    overall = percent(submitted / invited)
    summary = (
        f"招待{invited}件のうち{submitted}件が回答を提出しました（回答率{overall}）"
        if language == "ja"
        else f"{submitted}of{invited}invitationsanswered(responserate{overall})"
    )
    assert summary in text
    # Each answered question's first share is printed as the page prints it.
    results = surveys.results(survey, language)
    answered = [r for r in results if r.answered]
    assert answered
    for result in answered:
        cell = result.rows[0].cells[0]
        if cell.base:
            assert f"{percent(cell.share)}({cell.count};" in text
    # The page's departments side by side: each pair and each shared item's p-value.
    from dxtalent.web.surveys.charts import paired

    pairs = paired(survey, results, language)
    assert pairs
    for pair in pairs:
        assert f"{pair.first.code}×{pair.second.code}" in text
        for _label, one, _two, comparison in pair.rows:
            assert f"{percent(one.share)}({one.count};" in text
            assert f"{comparison.p_adjusted:.3f}" in word


def test_the_survey_docx_carries_a_chart_image_per_answered_question(survey):
    import io

    from docx import Document as read_docx

    content = render_docx(research.survey_report(survey, "ja"))
    images = read_docx(io.BytesIO(content)).inline_shapes
    answered = [r for r in surveys.results(survey, "ja") if r.answered]
    assert len(images) == len(answered)


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_joint_display_report_renders_with_the_pages_themes_and_figures(
    project, survey, language
):
    from dxtalent.web.interviews.joint import joint_display

    for figures in (None, survey):
        document = research.joint_report(project, figures, "", language)
        text, word = assert_typeset(document)
        rows = joint_display(project, figures, "", language)
        assert rows
        for row in rows:
            assert "".join(row["code"].name.split()) in text
            for figure in row["figures"]:
                if figure["base"]:
                    assert f"{figure['count']}/{figure['base']}" in word


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_development_sheet_renders_the_persons_levels_by_source_and_rotation(
    demo, person, language
):
    document = sheets.person_report(demo, person, language)
    text, word = assert_typeset(document)
    assert "".join(str(person).split()) in text
    facts = sheets.person_facts(demo, person, language)
    assert facts.roles and facts.posts and facts.rotation is not None
    best = facts.roles[0]
    assert f"{100 * best.fit:.0f}%" in text
    heading = ("本人", "上司", "検証済み") if language == "ja" else ("Self", "Manager", "Verified")
    assert all(word_ in word for word_ in heading)
    low, high = facts.rotation.window
    assert (f"{low}〜{high}年" if language == "ja" else f"{low}–{high}years") in text


def test_the_survey_and_joint_reports_name_no_staff_member(demo, survey, project):
    names = staff_names(demo)
    for document in (
        research.survey_report(survey, "ja"),
        research.joint_report(project, survey, "", "ja"),
    ):
        text = pdf_text(render_pdf(document))
        assert not [name for name in names if name in text]


def test_the_pages_link_to_their_reports(client, demo, survey, project, person):
    login(client, "demo-viewer")
    page = client.get(f"/o/{CITY}/surveys/{survey.pk}/").content.decode()
    assert f"/o/{CITY}/surveys/{survey.pk}/report.pdf" in page
    page = client.get(f"/o/{CITY}/interviews/{project.pk}/joint/?survey={survey.pk}").content
    assert f"/o/{CITY}/interviews/{project.pk}/joint/report.docx?survey={survey.pk}" in (
        page.decode()
    )
    assert (
        f"/people/{person.pk}/sheet.pdf"
        not in client.get(f"/o/{CITY}/people/{person.pk}/").content.decode()
    )
    login(client, "demo-editor")
    page = client.get(f"/o/{CITY}/people/{person.pk}/").content.decode()
    assert f"/o/{CITY}/people/{person.pk}/sheet.pdf" in page


def test_any_member_downloads_the_survey_and_joint_reports(client, demo, survey, project):
    login(client, "demo-viewer")
    response = client.get(f"/o/{CITY}/surveys/{survey.pk}/report.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    response = client.get(
        f"/o/{CITY}/interviews/{project.pk}/joint/report.docx", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert "Joint display of survey and interviews" in docx_text(response.content)
    assert client.get(f"/o/{CITY}/surveys/{survey.pk}/report.odt").status_code == 404


def test_a_viewer_cannot_produce_the_development_sheet_and_nothing_is_recorded(
    client, demo, person
):
    before = AuditEvent.objects.filter(organisation=demo, action="export").count()
    login(client, "demo-viewer")
    assert client.get(f"/o/{CITY}/people/{person.pk}/sheet.pdf").status_code == 403
    assert AuditEvent.objects.filter(organisation=demo, action="export").count() == before


def test_producing_the_development_sheet_is_recorded_in_the_audit_trail(client, demo, person):
    login(client, "demo-editor")
    response = client.get(f"/o/{CITY}/people/{person.pk}/sheet.docx")
    assert response.status_code == 200
    assert "個人別育成計画" in docx_text(response.content)
    event = AuditEvent.objects.filter(organisation=demo, action="export").latest("at")
    assert event.user == get_user_model().objects.get(username="demo-editor")
    assert event.model == "people.Person" and event.object_id == str(person.pk)
    assert event.changes["development_sheet"][1].endswith(".docx")


def test_the_api_gives_the_survey_and_joint_reports_to_a_viewer_with_the_pages_figures(
    client, demo, survey, project
):
    login(client, "demo-viewer")
    api = f"/api/organisations/{CITY}"
    response = client.get(f"{api}/surveys/{survey.pk}/report?format=docx&language=en")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rates = surveys.response_rates(survey)
    submitted = sum(rate.submitted for rate in rates)
    invited = sum(rate.invited for rate in rates)
    assert f"{submitted} of {invited} invitations answered" in docx_text(response.content)
    response = client.get(f"{api}/interviews/{project.pk}/joint/report?survey={survey.pk}")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    refused = client.get(f"{api}/surveys/{survey.pk}/report?format=odt")
    assert refused.status_code == 400
    assert refused.json()["errors"] == [
        {
            "loc": ["query", "format"],
            "msg": 'format "odt" is not known; "pdf" or "docx" is accepted',
        }
    ]
    assert client.get(f"{api}/surveys/999999/report").status_code == 404


def test_the_api_gives_the_development_sheet_to_editors_only_and_records_each(client, demo, person):
    api = f"/api/organisations/{CITY}/people/{person.pk}/sheet"
    before = AuditEvent.objects.filter(organisation=demo, action="export").count()
    login(client, "demo-viewer")
    assert client.get(api).status_code == 403
    assert AuditEvent.objects.filter(organisation=demo, action="export").count() == before
    login(client, "demo-editor")
    response = client.get(f"{api}?format=docx")
    assert response.status_code == 200
    assert "個人別育成計画" in docx_text(response.content)
    event = AuditEvent.objects.filter(organisation=demo, action="export").latest("at")
    assert event.object_id == str(person.pk)
    assert event.changes["development_sheet"][1].endswith(".docx")
