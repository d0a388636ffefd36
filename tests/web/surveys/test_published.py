"""The published tables page, the audit of one's own tables, and their API."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, bob):
    client.force_login(bob)
    return client


def test_the_page_shows_every_table_with_each_rows_verdict_in_japanese(signed_in):
    response = signed_in.get("/surveys/published/", HTTP_ACCEPT_LANGUAGE="ja")
    page = response.content.decode()
    assert response.status_code == 200
    assert [t.table.number for t in response.context["found"]] == list(range(1, 10))
    assert response.context["inconsistent"] == 6
    assert "情報セキュリティに関する理解" in page and "35.0%" in page and "35.2%" in page
    assert "行のずれ" in page


def test_one_table_in_english_with_its_reasons(signed_in):
    response = signed_in.get("/surveys/published/", {"table": "6"}, HTTP_ACCEPT_LANGUAGE="en")
    page = response.content.decode()
    assert [t.table.number for t in response.context["found"]] == [6]
    assert "Organizing tasks assigned to digital talent" in page
    assert "the rates look shifted" in page
    assert signed_in.get("/surveys/published/", {"table": "42"}).status_code == 404


def test_the_audit_exports_to_excel_with_every_row(signed_in):
    response = signed_in.get("/surveys/published.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 42
    table_4_row_2 = next(r for r in rows if r[0] == 4 and r[1] == 2)
    assert table_4_row_2[4] == "35.0" and table_4_row_2[6] == "35.2"


def test_ones_own_tables_are_audited_and_nothing_is_stored(signed_in):
    csv = "table,item,count,percent,denominator\n1,A,10,50.0,20\n1,B,5,30.0,20\n"
    upload = SimpleUploadedFile("mine.csv", csv.encode(), content_type="text/csv")
    response = signed_in.post("/surveys/audit/", {"file": upload})
    assert response.status_code == 200
    [table] = response.context["found"]
    assert [r.verdict.consistent for r in table.rows] == [True, False]


def test_a_bad_file_is_refused_naming_each_row_and_field(signed_in):
    csv = "table,item,count,percent,denominator\n1,A,ten,50.0,20\n1,B,5,300,20\n"
    upload = SimpleUploadedFile("mine.csv", csv.encode(), content_type="text/csv")
    response = signed_in.post("/surveys/audit/", {"file": upload}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400 and response.context["found"] is None
    errors = response.context["errors"]
    assert any('Row 2, column "count"' in e and '"ten"' in e for e in errors)
    assert any('Row 3, column "percent"' in e for e in errors)


def test_the_pages_need_a_login(client, db):
    for path in ("/surveys/published/", "/surveys/published.xlsx", "/surveys/audit/"):
        response = client.get(path)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_api_gives_the_tables_the_audit_and_audits_an_upload(signed_in, client):
    published = signed_in.get("/api/surveys/published", {"table": 7, "language": "en"}).json()
    # `lang=`, the former name, is still read; `language=` as every other endpoint names it.
    former = signed_in.get("/api/surveys/published", {"table": 7, "lang": "en"}).json()
    japanese = signed_in.get("/api/surveys/published", {"table": 7}).json()
    assert former == published and japanese["tables"][0]["rows"][0]["item"] == "外部機関による研修"
    refused = signed_in.get("/api/surveys/published", {"language": "fr"})
    assert refused.status_code in (400, 422) and "language" in refused.content.decode()
    assert published["tables"][0]["rows"][0] == {
        "row": 1,
        "item": "External training offered by institutions",
        "count": 156,
        "percent": "65.8",
    }
    rows = signed_in.get("/api/surveys/audit", {"language": "en"}).json()["rows"]
    assert len(rows) == 42 and sum(not r["consistent"] for r in rows) == 6
    assert {"table", "row", "consistent", "reason", "low", "high"} <= set(rows[0])
    upload = SimpleUploadedFile("t.csv", b"table,item,count,percent,denominator\n1,A,1,50,2\n")
    audited = signed_in.post("/api/surveys/audit", {"file": upload}).json()
    assert audited["rows"][0]["consistent"] is True
    bad = SimpleUploadedFile("t.csv", b"table,item,count\n1,A,1\n")
    refused = signed_in.post("/api/surveys/audit", {"file": bad})
    assert refused.status_code == 400 and "percent" in refused.json()["errors"][0]["msg"]
    assert signed_in.get("/api/surveys/published", {"table": 42}).status_code == 404
    client.logout()
    assert client.get("/api/surveys/audit").status_code == 401
