"""Reports of the demo city: the council version names nobody, the internal version is for
editors only, and the PDF's text (Japanese headings, the plan's gross and net per fiscal year)
is extractable and drawn in the embedded Japanese font throughout."""

from __future__ import annotations

import io

import pytest
from docx import Document as read_docx
from pypdf import PdfReader

from dxtalent.core.calendar import format_fiscal_year
from dxtalent.core.reports import Audience
from dxtalent.web.people.models import Person
from dxtalent.web.reports import services
from tests.core.reports.glyphs import missing_glyphs, pdf_fonts, tofu
from tests.web.reports.conftest import login

pytestmark = pytest.mark.django_db
CITY = "DEMO-CITY-A"


def pdf_text(content: bytes) -> str:
    """The PDF's text with the line breaks and spaces of its layout taken out (a table cell
    wraps a long heading or a fiscal year over two lines)."""
    pages = (page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return "".join("".join(pages).split())


def docx_text(content: bytes) -> str:
    document = read_docx(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def staff_names(organisation):
    names = set()
    for person in Person.objects.filter(organisation=organisation):
        names.add(person.family_name + (" " + person.given_name if person.given_name else ""))
        names.add(f"{person.family_name} {person.given_name}".strip())
    return {name for name in names if name}


def test_the_council_diagnosis_pdf_names_no_staff_member_and_says_which_version_it_is(client, demo):
    response = login(client, "demo-viewer").get(f"/o/{CITY}/team/report/council.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "DX推進体制の診断" in text and "課題" in text and "議会・首長向け版" in text
    assert demo.name in text
    names = staff_names(demo)
    assert names
    assert not [name for name in names if name in text]
    # The family names alone (佐藤) would be too common a string to test; full names are not.


def test_the_internal_diagnosis_names_the_staff_and_their_levels(client, demo):
    response = login(client, "demo-editor").get(f"/o/{CITY}/team/report/internal.docx")
    assert response.status_code == 200
    text = docx_text(response.content)
    assert "内部資料版" in text
    document = services.diagnosis_report(demo, Audience.INTERNAL)
    named = [name for name in staff_names(demo) if name in document.text()]
    assert named and all(name in text for name in named)
    assert "職員別のレベル" in text
    # Each skill by its name in the reader's language, not by its code.
    assert "交渉：" in text and "仕様書作成：" in text
    assert "CO-NEGO" not in text and "MIC-" not in text


def test_the_internal_diagnosis_in_english_names_the_skills_in_english(client, demo):
    response = login(client, "demo-editor").get(
        f"/o/{CITY}/team/report/internal.docx", HTTP_ACCEPT_LANGUAGE="en"
    )
    text = docx_text(response.content)
    assert "negotiation: " in text and "Data analysis: " in text
    assert "CO-NEGO" not in text and "MIC-" not in text and "交渉" not in text


def test_producing_an_internal_report_is_recorded_in_the_audit_trail_and_a_council_one_is_not(
    client, demo
):
    from dxtalent.web.audit.models import AuditEvent

    login(client, "demo-editor")
    before = AuditEvent.objects.filter(organisation=demo, action="export").count()
    assert client.get(f"/o/{CITY}/team/report/council.pdf").status_code == 200
    assert AuditEvent.objects.filter(organisation=demo, action="export").count() == before
    assert client.get(f"/o/{CITY}/team/report/internal.docx").status_code == 200
    event = AuditEvent.objects.filter(organisation=demo, action="export").latest("at")
    assert event.user.username == "demo-editor" and event.object_repr.endswith(".docx")
    login(client, "demo-admin")  # the audit trail is the administrators'
    trail = client.get(f"/organisations/{CITY}/audit/", HTTP_ACCEPT_LANGUAGE="ja")
    assert "出力" in trail.content.decode()


def test_a_viewer_cannot_produce_the_internal_version(client, demo, run):
    login(client, "demo-viewer")
    assert client.get(f"/o/{CITY}/team/report/internal.pdf").status_code == 403
    assert client.get(f"/o/{CITY}/plan/runs/{run.pk}/report/internal.docx").status_code == 403


def test_an_unknown_version_or_format_is_not_found(client, demo):
    login(client, "demo-editor")
    assert client.get(f"/o/{CITY}/team/report/press.pdf").status_code == 404
    assert client.get(f"/o/{CITY}/team/report/council.odt").status_code == 404


def test_the_plan_pdf_holds_gross_and_net_of_every_fiscal_year_as_the_plan_computes_them(
    client, demo, run
):
    response = login(client, "demo-viewer").get(f"/o/{CITY}/plan/runs/{run.pk}/report/council.pdf")
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert "年度別の費用と財源" in text and "一般財源（実質負担）" in text
    plans = services.load_plans(run)
    assert set(plans) == {"acquire", "develop", "mix"}
    for plan in plans.values():
        if plan.status.value == "infeasible":
            continue
        for line in plan.funding_by_year():
            assert format_fiscal_year(line.fiscal_year, "ja") in text
            assert f"{line.gross:,}円" in text and f"{line.net:,}円" in text
    assert not [name for name in staff_names(demo) if name in text]


@pytest.mark.parametrize("language", ["ja", "en"])
def test_every_character_of_the_diagnosis_plan_and_policy_reports_is_drawn_in_the_japanese_font(
    demo, run, language
):
    """In the font's character map, in the only fonts the PDF embeds, and in the pages
    rendered to images (no tofu)."""
    from dxtalent.core.reports import font_dir, render_pdf

    documents = [services.policy_report(demo, run, language)]
    for audience in Audience:
        documents.append(services.diagnosis_report(demo, audience, language))
        documents.append(services.plan_report(demo, run, audience, language))
    for document in documents:
        assert missing_glyphs(document.text(), font_dir() / "NotoSansJP_400Regular.ttf") == []
        pdf = render_pdf(document)
        fonts = pdf_fonts(pdf)
        assert fonts and all("NotoSansJP" in font for font in fonts)
        assert tofu(pdf) == [], document.title


def test_the_diagnosis_report_in_english_has_english_headings(client, demo):
    response = login(client, "demo-editor").get(
        f"/o/{CITY}/team/report/council.pdf", HTTP_ACCEPT_LANGUAGE="en"
    )
    text = pdf_text(response.content)
    assert "DiagnosisoftheDXteam" in text and "Councilversion" in text


def test_the_diagnosis_and_plan_pages_offer_the_reports_to_each_role(client, demo, run):
    login(client, "demo-viewer")
    page = client.get(f"/o/{CITY}/team/").content.decode()
    assert f"/o/{CITY}/team/report/council.pdf" in page
    assert "internal.pdf" not in page
    login(client, "demo-editor")
    page = client.get(f"/o/{CITY}/plan/runs/{run.pk}/").content.decode()
    assert f"/o/{CITY}/plan/runs/{run.pk}/report/internal.docx" in page


def test_the_policy_chapter_of_the_demo_cites_a_source_for_every_statement_and_names_nobody(
    client, demo, run
):
    from dxtalent.core.reports import uncited

    document = services.policy_report(demo, run)
    assert uncited(document) == []
    headings = [block.text for block in document.blocks if block.__class__.__name__ == "Heading"]
    assert headings == [
        "1 求められるデジタル人材像",
        "2 現状",
        "3 人材の育成",
        "4 人材の確保",
        "5 環境の整備",
        "6 推進体制",
        "7 目標と年度ごとの確認",
        "8 団体外との連携",
    ]
    response = login(client, "demo-viewer").get(f"/o/{CITY}/plan/runs/{run.pk}/policy.docx")
    assert response.status_code == 200
    text = docx_text(response.content)
    assert "人材育成・確保基本方針（デジタル人材）案" in text and "出典：" in text
    assert not [name for name in staff_names(demo) if name in text]
    mix = services.load_plans(run)["mix"]
    if mix.status.value != "infeasible":
        assert f"{mix.total_cost():,}円" in text
