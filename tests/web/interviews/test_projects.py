"""Interview projects on the web: import a REFI-QDA project, read codes, matrix, segments and
the agreement of two coders, export it again."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dxtalent.core.interviews.codebook import shipped_codebook
from dxtalent.core.interviews.project import (
    Case,
    Coding,
    Project,
    Selection,
    TextSource,
    User,
    Variable,
    project_from_qdpx,
    project_to_qdpx,
)
from dxtalent.web.interviews.models import Coding as StoredCoding
from dxtalent.web.interviews.models import InterviewProject

pytestmark = pytest.mark.django_db
SHARED = Path(__file__).resolve().parents[3].parent / "shared"


def g(n: int) -> str:
    return f"{n:08x}-0000-4000-8000-{n:012x}"


def synthetic() -> bytes:
    book = shipped_codebook("ja")
    lead = book.codes[0].children[1].guid
    nego = book.codes[0].children[2].guid
    return project_to_qdpx(
        Project(
            "合成インタビュー（架空）",
            book,
            users=(User(g(1), "ana"), User(g(2), "ben")),
            sources=(
                TextSource(g(3), "A市.txt", "あ" * 500),
                TextSource(g(4), "B町.txt", "い" * 300),
            ),
            selections=(
                Selection(g(5), g(3), 0, 100, (Coding(g(6), lead, g(1)), Coding(g(7), lead, g(2)))),
                Selection(g(8), g(3), 200, 260, (Coding(g(9), nego, g(1)),)),
                Selection(g(10), g(4), 10, 50, (Coding(g(11), lead, g(2)),)),
            ),
            variables=(Variable(g(12), "規模"),),
            cases=(
                Case(g(13), "A市", ((g(12), "市"),), (g(3),)),
                Case(g(14), "B町", ((g(12), "町"),), (g(4),)),
            ),
            origin="dxtalent",
        )
    )


@pytest.fixture
def project(client, alice, city_a):
    client.force_login(alice)
    upload = SimpleUploadedFile("p.qdpx", synthetic())
    response = client.post(f"/o/{city_a.code}/interviews/", {"file": upload})
    assert response.status_code == 302
    return InterviewProject.objects.get()


def test_the_matrix_segments_and_agreement_of_an_imported_project(client, project, city_a):
    url = f"/o/{city_a.code}/interviews/{project.pk}/"
    page = client.get(url)
    matrix = {code.name: row for code, row in page.context["matrix"]}
    assert matrix == {"リーダーシップ": [2, 1], "交渉力": [1, 0]}
    lead = next(code for code, _n in page.context["codes"] if code.name == "リーダーシップ")
    only_towns = client.get(url, {"code": lead.pk, "attribute": "規模", "value": "町"})
    assert [(s.source.name, s.start, s.end) for s in only_towns.context["segments"]] == [
        ("B町.txt", 10, 50)
    ]
    coders = {c.name: c.pk for c in page.context["coders"]}
    compared = client.get(url, {"first": coders["ana"], "second": coders["ben"]})
    rows = {name: r for name, r in compared.context["agreement"]}
    assert (
        rows["リーダーシップ"].table.both == 100 and rows["リーダーシップ"].table.second_only == 40
    )
    assert rows[""].table.units == 2 * 800  # two codes × 800 characters


def test_agreement_of_any_chosen_coders_per_code_with_its_interval(client, project, city_a):
    url = f"/o/{city_a.code}/interviews/{project.pk}/agreement/"
    coders = {c.name: c.pk for c in project.coders.all()}
    page = client.get(url, {"coders": [coders["ana"], coders["ben"]], "unit": "character"})
    assert page.status_code == 200
    rows = {row.code: row.result for row in page.context["rows"]}
    lead = rows["リーダーシップ"]
    # Both coded both transcripts? ana coded nothing in B町: its 300 characters are not pairable.
    assert (lead.units, lead.pairable_values) == (500, 1000)
    assert lead.interval is not None and lead.interval[0] <= lead.alpha <= lead.interval[1]
    assert rows[None].units == 500  # all codes as one multi-category value
    assert "リーダーシップ" in page.content.decode()


def test_agreement_needs_two_coders_and_a_known_unit(client, project, city_a):
    url = f"/o/{city_a.code}/interviews/{project.pk}/agreement/"
    one = project.coders.first().pk
    assert client.get(url, {"coders": [one], "unit": "character"}).status_code == 400
    refused = client.get(url, {"coders": ["abc"], "unit": "word"})
    assert refused.status_code == 400 and refused.context["rows"] is None


def test_another_organisations_user_cannot_see_the_agreement(client, project, city_a, charlie):
    client.force_login(charlie)
    assert client.get(f"/o/{city_a.code}/interviews/{project.pk}/agreement/").status_code == 404


def test_the_export_validates_and_carries_everything_back(client, project, city_a):
    exported = client.get(f"/o/{city_a.code}/interviews/{project.pk}.qdpx").content
    back = project_from_qdpx(exported)
    original = project_from_qdpx(synthetic())
    assert back.notes == ()
    assert back.project.sources == original.project.sources
    assert {(s.source, s.start, s.end, len(s.codings)) for s in back.project.selections} == {
        (s.source, s.start, s.end, len(s.codings)) for s in original.project.selections
    }
    assert back.project.codebook.codes == original.project.codebook.codes
    assert [c.name for c in back.project.cases] == ["A市", "B町"]
    schema_path = SHARED / "reference" / "refi-qda" / "Project.xsd"
    if schema_path.is_file():
        import zipfile
        from io import BytesIO

        import xmlschema

        qde = zipfile.ZipFile(BytesIO(exported)).read("project.qde").decode()
        xmlschema.XMLSchema(str(schema_path)).validate(qde)


def test_a_real_export_imports_with_notes_and_a_broken_file_writes_nothing(client, alice, city_a):
    client.force_login(alice)
    fixture = SHARED / "fixtures" / "refi-qda" / "qc-1.3.2_demo.qdpx"
    if fixture.is_file():
        response = client.post(
            f"/o/{city_a.code}/interviews/",
            {"file": SimpleUploadedFile(fixture.name, fixture.read_bytes())},
        )
        assert response.status_code == 302
        assert StoredCoding.objects.count() == 205
    before = InterviewProject.objects.count()
    # Named, with what to do, in the page's language; nothing written.
    for name, data, language, said in (
        ("x.qdpx", b"PK\x03\x04junk", "en", '"x.qdpx" begins like a zip archive'),
        ("メモ.pdf", b"%PDF-1.7\n", "ja", '"メモ.pdf" は REFI-QDA のプロジェクト'),
    ):
        broken = client.post(
            f"/o/{city_a.code}/interviews/",
            {"file": SimpleUploadedFile(name, data)},
            HTTP_ACCEPT_LANGUAGE=language,
        )
        assert broken.status_code == 400
        assert broken.context["errors"][0].startswith(said)
        assert said.replace('"', "&quot;") in broken.content.decode()
        assert InterviewProject.objects.count() == before
    # Through the API too.
    api = client.post(
        f"/api/organisations/{city_a.code}/interviews/import",
        {"file": SimpleUploadedFile("メモ.pdf", b"%PDF-1.7\n")},
        HTTP_ACCEPT_LANGUAGE="ja",
    )
    assert api.status_code == 400
    [error] = api.json()["errors"]
    assert error["loc"] == ["body", "file"]
    assert error["msg"].startswith('"メモ.pdf" は REFI-QDA のプロジェクト')
    assert InterviewProject.objects.count() == before


def test_a_researcher_creates_a_project_adds_transcripts_and_codes_a_passage(client, alice, city_a):
    import io

    import docx

    client.force_login(alice)
    created = client.post(f"/o/{city_a.code}/interviews/", {"action": "create", "name": "聞き取り"})
    assert created.status_code == 302
    project = InterviewProject.objects.get()
    assert project.codes.filter(name="リーダーシップ").exists()
    word = docx.Document()
    word.add_paragraph("係長が全体を見ている。")
    word.add_paragraph("🙂 交渉は大変だ。")
    buffer = io.BytesIO()
    word.save(buffer)
    files = [
        SimpleUploadedFile("A市.txt", "一行目\r\n二行目".encode("cp932")),
        SimpleUploadedFile("B町.docx", buffer.getvalue()),
    ]
    added = client.post(f"/o/{city_a.code}/interviews/{project.pk}/", {"transcripts": files})
    assert added.status_code == 302
    texts = {s.name: s.text for s in project.sources.all()}
    assert texts == {
        "A市.txt": "一行目\n二行目",
        "B町.docx": "係長が全体を見ている。\n🙂 交渉は大変だ。",
    }
    source = project.sources.get(name="B町.docx")
    url = f"/o/{city_a.code}/interviews/{project.pk}/sources/{source.pk}/"
    nego = project.codes.get(name="交渉力")
    # After the emoji (one code point), "交渉" starts at 14.
    coded = client.post(url, {"action": "add", "start": "14", "end": "16", "code": nego.pk})
    assert coded.status_code == 302
    [coding] = StoredCoding.objects.all()
    assert coding.excerpt == "交渉" and coding.coder.name == "alice"
    page = client.get(url)
    assert [(text, names) for text, names in page.context["pieces"] if names] == [
        ("交渉", ["交渉力"])
    ]
    refused = client.post(url, {"action": "add", "start": "16", "end": "14", "code": nego.pk})
    assert refused.status_code == 400 and StoredCoding.objects.count() == 1
    category = project.codes.get(name="調整力")  # a category cannot be applied
    assert (
        client.post(
            url, {"action": "add", "start": "0", "end": "2", "code": category.pk}
        ).status_code
        == 400
    )
    client.post(url, {"action": "delete", "coding": coding.pk})
    assert not StoredCoding.objects.exists()
    bad = client.post(
        f"/o/{city_a.code}/interviews/{project.pk}/",
        {
            "transcripts": [
                SimpleUploadedFile("ok.txt", b"ok"),
                SimpleUploadedFile("x.pdf", b"%PDF"),
            ]
        },
    )
    assert bad.status_code == 400 and "x.pdf" in bad.context["upload_errors"][0]
    assert project.sources.count() == 2  # the good file was not added either


def test_the_demo_project_is_coded_by_two_coders_who_mostly_agree(client, db):
    from django.contrib.auth import get_user_model

    from dxtalent.web.demo.services import prepare_demo

    prepare_demo(seed=2025)
    client.force_login(get_user_model().objects.get(username="demo-viewer"))
    project = InterviewProject.objects.get(organisation__code="DEMO-CITY-A")
    url = f"/o/DEMO-CITY-A/interviews/{project.pk}/"
    page = client.get(url)
    assert len(page.context["cases"]) == 3 and {c.name for c in page.context["coders"]} == {
        "coder-a",
        "coder-b",
    }
    pairs = {(row[0].name) for row in page.context["pairs"]}
    assert {"中心人物（司令塔）", "人事異動"} <= pairs  # the rotation passage lies inside
    coders = {c.name: c.pk for c in page.context["coders"]}
    rows = dict(
        client.get(url, {"first": coders["coder-a"], "second": coders["coder-b"]}).context[
            "agreement"
        ]
    )
    overall = rows[""]
    assert 0.6 < overall.kappa < 1 and overall.unit == "character"
    assert rows["リーダーシップ"].kappa > rows["人事異動"].kappa


def test_the_joint_display_sets_the_papers_tables_beside_the_interviews(client, db):
    import io

    import openpyxl
    from django.contrib.auth import get_user_model

    from dxtalent.web.demo.services import prepare_demo

    prepare_demo(seed=2025)
    client.force_login(get_user_model().objects.get(username="demo-editor"))
    project = InterviewProject.objects.get(organisation__code="DEMO-CITY-A")
    url = f"/o/DEMO-CITY-A/interviews/{project.pk}/joint/"
    page = client.get(url, {"attribute": "規模"})
    rows = {row["code"].name: row for row in page.context["rows"]}
    budget = rows["予算・財源"]
    [figure] = budget["figures"]
    assert (figure["count"], figure["base"], figure["source"]) == (135, 233, "表3")
    assert (
        abs(figure["share"] - 135 / 233) < 1e-12
        and figure["low"] < figure["share"] < figure["high"]
    )
    assert {e["group"]: (e["cases"], e["of"]) for e in budget["evidence"]} == {
        "一般市": (0, 1),
        "中核市": (0, 1),
        "町村": (1, 1),
    }
    assert budget["quotes"][0]["source"] == "架空のB町（町村）.txt"
    saved = client.post(
        url + "?attribute=規模",
        {"guid": budget["guid"], "fit": "confirms", "note": "財源不足は両方に"},
    )
    assert saved.status_code == 302
    again = {row["code"].name: row for row in client.get(url).context["rows"]}
    assert again["予算・財源"]["fit"] == "confirms"
    survey = client.get(url, {"survey": _demo_survey_pk()}).context["rows"]
    leadership = next(row for row in survey if row["code"].name == "リーダーシップ")
    assert {f["source"] for f in leadership["figures"]} == {"Q4", "Q8"}
    book = openpyxl.load_workbook(
        io.BytesIO(client.get(f"/o/DEMO-CITY-A/interviews/{project.pk}/joint.xlsx").content)
    )
    assert book.worksheets[0].max_row > len(rows)


def _demo_survey_pk() -> int:
    from dxtalent.web.surveys.models import Survey

    return Survey.objects.get(organisation__code="DEMO-CITY-A").pk


def test_co_occurrence_by_overlap_or_paragraph_and_recoding(client, project, city_a):
    url = f"/o/{city_a.code}/interviews/{project.pk}/"
    overlap = client.get(url)
    assert overlap.context["pair_codes"] == []  # no two codes overlap in the synthetic project
    paragraph = client.get(url, {"together": "paragraph"})
    pairs = {code.name for code, _row in paragraph.context["pairs"]}
    assert pairs == {"リーダーシップ", "交渉力"}  # both coded in A市's single paragraph
    coding = StoredCoding.objects.filter(code__name="交渉力").get()
    source_url = f"{url}sources/{coding.source_id}/"
    leadership = project.codes.get(name="リーダーシップ")
    changed = client.post(
        source_url, {"action": "recode", "coding": coding.pk, "code": leadership.pk}
    )
    assert changed.status_code == 302
    coding.refresh_from_db()
    assert coding.code == leadership


def test_each_transcript_is_a_case_whose_attributes_group_the_matrix(client, alice, city_a):
    client.force_login(alice)
    client.post(f"/o/{city_a.code}/interviews/", {"action": "create", "name": "聞き取り"})
    project = InterviewProject.objects.get()
    url = f"/o/{city_a.code}/interviews/{project.pk}/"
    files = [
        SimpleUploadedFile("北市.txt", "財源が足りない。".encode()),
        SimpleUploadedFile("南町.txt", b"ok"),
    ]
    client.post(url, {"transcripts": files})
    cases = {c.name: c for c in project.cases.all()}
    assert set(cases) == {"北市", "南町"}
    saved = client.post(
        url, {"action": "attributes", "case": cases["北市"].pk, "attributes": "規模 = 市\n戦略 = 1"}
    )
    assert saved.status_code == 302
    cases["北市"].refresh_from_db()
    assert cases["北市"].attributes == {"規模": "市", "戦略": "1"}
    bad = client.post(url, {"action": "attributes", "case": cases["北市"].pk, "attributes": "規模"})
    assert bad.status_code == 400 and "line 1" in bad.context["attribute_errors"][0]
    cases["北市"].refresh_from_db()
    assert cases["北市"].attributes == {"規模": "市", "戦略": "1"}
    source = project.sources.get(name="北市.txt")
    budget = project.codes.get(name="予算・財源")
    client.post(
        f"{url}sources/{source.pk}/", {"action": "add", "start": "0", "end": "2", "code": budget.pk}
    )
    matrix = {code.name: row for code, row in client.get(url).context["matrix"]}
    assert matrix == {"予算・財源": [1, 0]}  # cases in name order: 北市, 南町


def test_a_docx_transcript_with_a_zip_bomb_inside_is_refused_and_nothing_is_added(
    client, alice, city_a
):
    import io

    import docx

    from tests.core.tabular.test_archives import bomb_zip

    client.force_login(alice)
    client.post(f"/o/{city_a.code}/interviews/", {"action": "create", "name": "聞き取り"})
    project = InterviewProject.objects.get()
    word = docx.Document()
    word.add_paragraph("本文")
    buffer = io.BytesIO()
    word.save(buffer)
    bomb = bomb_zip(buffer.getvalue(), member="word/media/huge.bin")
    refused = client.post(
        f"/o/{city_a.code}/interviews/{project.pk}/",
        {"transcripts": [SimpleUploadedFile("爆弾.docx", bomb)]},
    )
    assert refused.status_code == 400
    message = refused.context["upload_errors"][0]
    assert "爆弾.docx" in message and "word/media/huge.bin" in message and "100" in message
    assert project.sources.count() == 0


def test_a_qdpx_zip_bomb_upload_is_refused_with_the_member_named_and_nothing_written(
    client, alice, city_a
):
    from tests.core.tabular.test_archives import bomb_zip

    client.force_login(alice)
    before = InterviewProject.objects.count()
    refused = client.post(
        f"/o/{city_a.code}/interviews/",
        {"action": "import", "file": SimpleUploadedFile("bomb.qdpx", bomb_zip())},
    )
    assert refused.status_code == 400 and "bomb.bin" in refused.context["errors"][0]
    assert InterviewProject.objects.count() == before


def test_a_project_whose_text_is_shift_jis_is_a_form_error_not_a_500(client, alice, city_a):
    import io
    import zipfile

    client.force_login(alice)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "project.qde",
            '<Project xmlns="urn:QDA-XML:project:1.0" name="p"><Sources>'
            '<TextSource guid="0A1B2C3D-0000-4000-8000-000000000001" name="t" plainTextPath="internal://s1.txt">'
            '<PlainTextSelection guid="x1" startPosition="abc" endPosition="3"/>'
            "</TextSource></Sources></Project>",
        )
        archive.writestr("sources/s1.txt", "あいうえお".encode("shift_jis"))
    before = InterviewProject.objects.count()
    response = client.post(
        f"/o/{city_a.code}/interviews/",
        {"file": SimpleUploadedFile("sjis.qdpx", buffer.getvalue())},
    )
    assert response.status_code == 400
    assert "UTF-8 ではありません" in response.context["errors"][0]
    assert InterviewProject.objects.count() == before


def test_a_transcript_with_a_nul_character_is_refused_naming_the_file():
    from django.utils import translation

    from dxtalent.web.interviews.services import TranscriptError, transcript_text

    with (
        translation.override("en"),
        pytest.raises(TranscriptError, match=r"a\.txt: holds a NUL character .* position 2"),
    ):
        transcript_text("は\x00い".encode(), "a.txt")
    with (
        translation.override("ja"),
        pytest.raises(TranscriptError, match=r"a\.txt: 2 文字目に NUL"),
    ):
        transcript_text("は\x00い".encode(), "a.txt")


def test_the_command_line_adds_a_folder_of_transcripts_all_or_nothing(tmp_path, project):
    from typer.testing import CliRunner

    from dxtalent.cli import app

    folder = tmp_path / "transcripts"
    folder.mkdir()
    (folder / "C市.txt").write_text("聞き取り一\n聞き取り二\n", encoding="utf-8")
    (folder / "D町.txt").write_bytes("シフトJIS".encode("cp932"))
    (folder / "memo.pdf").write_bytes(b"%PDF")  # not a transcript: left alone
    before = project.sources.count()
    result = CliRunner().invoke(
        app, ["qda", "add-transcripts", str(folder), "--project", str(project.pk)]
    )
    assert result.exit_code == 0, result.output
    assert project.sources.count() == before + 2
    assert set(project.cases.values_list("name", flat=True)) >= {"C市", "D町"}
    (folder / "E村.txt").write_bytes(b"bad\x00text")
    refused = CliRunner().invoke(
        app, ["qda", "add-transcripts", str(folder), "--project", str(project.pk)]
    )
    assert refused.exit_code == 2 and "Nothing was added" in refused.output
    assert project.sources.count() == before + 2


def test_the_api_lists_exports_and_compares_coders_of_a_project(client, project, city_a):
    base = f"/api/organisations/{city_a.code}/interviews"
    [listed] = client.get(base).json()
    assert (listed["name"], listed["coders"], listed["codings"]) == (
        "合成インタビュー（架空）",
        2,
        4,
    )
    codings = client.get(f"{base}/{project.pk}/codings").json()
    assert {(c["source"], c["code"], c["coder"]) for c in codings} >= {
        ("B町.txt", "リーダーシップ", "ben")
    }
    exported = client.get(f"{base}/{project.pk}/export")
    assert exported.status_code == 200 and exported.content[:2] == b"PK"
    compared = client.get(f"{base}/{project.pk}/agreement", {"coder": ["ana", "ben"]}).json()
    lead = next(r for r in compared["results"] if r["code"] == "リーダーシップ")
    assert lead["pairable_units"] == 500 and compared["unit"] == "character"
    unknown = client.get(f"{base}/{project.pk}/agreement", {"coder": ["ana", "zoe"]})
    assert unknown.status_code == 400 and "No coder zoe" in unknown.json()["errors"][0]["msg"]


def test_memos_are_written_on_codes_and_cases_and_travel_with_the_export(
    client, project, city_a, bob
):
    url = f"/o/{city_a.code}/interviews/{project.pk}/memos/"
    lead = project.codes.get(name="リーダーシップ")
    case = project.cases.get(name="A市")
    for about, text in (
        (f"code:{lead.guid}", "交渉役の異動が多い"),
        (f"case:{case.guid}", "DX担当は1人"),
    ):
        saved = client.post(url, {"about": about, "name": "", "text": text})
        assert saved.status_code == 302
    page = client.get(url)
    labels = [label for label, _memos in page.context["groups"]]
    assert any("リーダーシップ" in label for label in labels) and any(
        "A市" in label for label in labels
    )
    back = project_from_qdpx(client.get(f"/o/{city_a.code}/interviews/{project.pk}.qdpx").content)
    assert [m.text for m in back.project.memos] == ["交渉役の異動が多い"]
    assert back.project.memos[0].target == lead.guid
    assert next(c for c in back.project.cases if c.name == "A市").description == "DX担当は1人"
    assert client.post(url, {"about": "code:nope", "text": "x"}).status_code == 400
    client.force_login(bob)
    assert client.post(url, {"about": "project:", "text": "x"}).status_code == 403
    assert client.get(url).status_code == 200


def test_the_joint_display_reads_every_themes_codings_in_one_query(client, db):
    import uuid

    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from dxtalent.web.demo.services import prepare_demo
    from dxtalent.web.interviews.models import Coding

    prepare_demo(seed=2025)
    client.force_login(get_user_model().objects.get(username="demo-editor"))
    project = InterviewProject.objects.get(organisation__code="DEMO-CITY-A")
    url = f"/o/DEMO-CITY-A/interviews/{project.pk}/joint/"

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    few = queries()
    sample = Coding.objects.filter(project=project).order_by("pk")
    Coding.objects.bulk_create(
        Coding(
            organisation=coding.organisation,
            project=project,
            source=coding.source,
            start=coding.start,
            end=coding.end,
            code=code,
            guid=str(uuid.uuid4()),
            selection_guid=str(uuid.uuid4()),
        )
        for coding in sample[:5]
        for code in project.codes.all()
    )
    assert queries() == few
