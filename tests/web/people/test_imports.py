import datetime as dt
import io
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from django.utils import translation

from dxtalent.web.audit.models import AuditEvent
from dxtalent.web.people.imports import ImportRejectedError, import_file, template
from dxtalent.web.people.models import Department, Person, Post, Rating

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def messages_in_english():
    """These tests read the import's messages in English; outside a request the language is
    the site's, Japanese (the CLI test and the Japanese-pages crawler read them in Japanese)."""
    with translation.override("en"):
        yield


STAFF_CSV = (
    "職員番号,姓,名,雇用形態,採用区分,IT企業経験年数,部署コード,職名,配属日,専門職,任期満了日\n"
    "S001,佐藤,花子,正規,内部,0,DX,主査,令和6年4月1日,いいえ,\n"
    "S002,鈴木,一郎,任期付,外部,１２,DX,専門官,2025/4/1,はい,2028/3/31\n"
)


@pytest.fixture
def departments(city_a):
    Department.objects.create(organisation=city_a, code="DX", name="DX推進課", is_dx=True)
    Department.objects.create(organisation=city_a, code="HR", name="人事課", is_hr=True)


def test_a_cp932_staff_file_with_japanese_headers_is_imported_with_posts(city_a, departments):
    result = import_file(city_a, "staff", STAFF_CSV.encode("cp932"), "staff.csv")
    assert (result.created, result.updated, result.rows) == (2, 0, 2)
    suzuki = Person.objects.get(external_id="S002")
    assert (suzuki.employment_type, suzuki.origin, suzuki.it_years) == (
        "fixed_term",
        "external",
        12,
    )
    post = Post.objects.get(person=suzuki)
    assert (post.started_on, post.is_specialist, post.ended_on) == (dt.date(2025, 4, 1), True, None)
    assert Post.objects.get(person__external_id="S001").started_on == dt.date(2024, 4, 1)


def test_importing_again_updates_and_records_a_move_to_a_new_department(city_a, departments):
    import_file(city_a, "staff", STAFF_CSV.encode("utf-8-sig"), "staff.csv")
    moved = STAFF_CSV.replace(
        "S001,佐藤,花子,正規,内部,0,DX,主査,令和6年4月1日",
        "S001,佐藤,花子,正規,内部,0,HR,主査,2026-04-01",
    )
    result = import_file(city_a, "staff", moved.encode(), "staff.csv")
    assert result.created == 0
    posts = list(Post.objects.filter(person__external_id="S001").order_by("started_on"))
    assert [(p.department.code, p.ended_on) for p in posts] == [
        ("DX", dt.date(2026, 3, 31)),
        ("HR", None),
    ]


def test_a_file_with_bad_rows_is_rejected_whole_naming_every_row_column_and_value(
    city_a, departments
):
    bad = (
        "number,family_name,employment_type,department_code,post_start\n"
        "S001,佐藤,regular,DX,2024-04-01\n"
        "S002,,permanent,DX,2024-04-01\n"
        "S003,高橋,regular,XX,2024-04-01\n"
        "S001,重複,regular,DX,2024-04-01\n"
    )
    with pytest.raises(ImportRejectedError) as caught:
        import_file(city_a, "staff", bad.encode(), "bad.csv")
    messages = [str(e) for e in caught.value.errors]
    assert any("Row 3" in m and "family_name" in m for m in messages)
    assert any("Row 3" in m and "permanent" in m for m in messages)
    assert not Person.objects.exists()


def test_a_department_unknown_to_the_organisation_is_named_with_the_accepted_codes(
    city_a, departments
):
    bad = "number,family_name,department_code,post_start\nS003,高橋,XX,2024-04-01\nS004,伊藤,DX,\n"
    with pytest.raises(ImportRejectedError) as caught:
        import_file(city_a, "staff", bad.encode(), "bad.csv")
    messages = [str(e) for e in caught.value.errors]
    assert any('Row 2, column "department_code": "XX"' in m and "DX, HR" in m for m in messages), (
        messages
    )
    assert any("Row 3" in m and "post_start" in m for m in messages), messages
    assert not Person.objects.exists()


def test_assessments_are_added_from_excel_and_never_overwrite(city_a, departments):
    import_file(city_a, "staff", STAFF_CSV.encode(), "staff.csv")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["職員番号", "フレームワーク", "スキル", "レベル", "評価者", "評価日", "根拠"])
    sheet.append(
        [
            "S001",
            "NAKAGAWA-2025-COORDINATION",
            "CO-COMM",
            2,
            "上司",
            dt.datetime(2025, 4, 1),
            "会議",
        ]
    )
    sheet.append(
        ["S001", "NAKAGAWA-2025-COORDINATION", "CO-COMM", 3, "manager", dt.datetime(2026, 4, 1), ""]
    )
    buffer = io.BytesIO()
    book.save(buffer)
    result = import_file(city_a, "assessments", buffer.getvalue(), "ratings.xlsx")
    assert result.created == 2
    assert list(Rating.objects.order_by("rated_on").values_list("level", flat=True)) == [2, 3]
    event = AuditEvent.objects.get(model="import.assessments")
    assert event.changes["created"] == [None, 2] and event.object_id == "ratings.xlsx"


def test_an_assessment_of_an_unknown_person_or_skill_writes_nothing(city_a, departments):
    import_file(city_a, "staff", STAFF_CSV.encode(), "staff.csv")
    bad = (
        "number,framework,skill,level,source,rated_on\n"
        "S001,NAKAGAWA-2025-COORDINATION,CO-COMM,2,self,2025-04-01\n"
        "S999,NAKAGAWA-2025-COORDINATION,CO-COMM,2,self,2025-04-01\n"
        "S001,NAKAGAWA-2025-COORDINATION,PMM,2,self,2025-04-01\n"
        "S001,NAKAGAWA-2025-COORDINATION,CO-LEAD,7,self,2025-04-01\n"
    )
    with pytest.raises(ImportRejectedError) as caught:
        import_file(city_a, "assessments", bad.encode(), "ratings.csv")
    text = "\n".join(str(e) for e in caught.value.errors)
    assert "Row 3" in text and "S999" in text
    # The skill it does not know, with an example by name (the first of the framework's).
    assert "Row 4" in text and "PMM" in text and "give its name or code" in text
    assert "Communication inside the DX department" in text
    assert "Row 5" in text and "7" in text
    assert not Rating.objects.exists()


def test_a_candidate_file_sets_programme_and_cost(city_a):
    data = "number,family_name,source_programme,expected_yearly_cost\nC001,高橋,外部人材リスト,9000000\n"
    import_file(city_a, "candidates", data.encode(), "c.csv")
    candidate = Person.objects.get(external_id="C001")
    assert (candidate.kind, candidate.expected_yearly_cost) == ("candidate", 9_000_000)


@pytest.mark.parametrize("kind", ["staff", "candidates", "assessments"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("language", ["ja", "en"])
def test_each_template_has_the_headers_the_import_accepts(kind, fmt, language):
    from dxtalent.core.tabular import read_table, validate
    from dxtalent.web.people.imports import COLUMNS

    table = read_table(template(kind, fmt, language), f"template.{fmt}")
    checked = validate(table, COLUMNS[kind])
    assert checked.errors == () and len(checked.records) == 1
    # Headers in the reader's language: 職員番号 in Japanese, number in English.
    assert table.columns[0] == ("職員番号" if language == "ja" else "number")


@pytest.mark.parametrize(
    ("language", "framework", "skill"),
    [
        ("ja", "自治体デジタル人材の調整力", "コミュニケーション（DX部門内）"),
        ("en", "Coordination skills", "Communication inside the DX department"),
    ],
)
def test_the_assessments_template_names_the_framework_and_skill_and_imports_as_it_is(
    city_a, departments, language, framework, skill
):
    import_file(city_a, "staff", STAFF_CSV.encode(), "staff.csv")
    data = template("assessments", "csv", language)
    text = data.decode("utf-8-sig")
    assert framework.casefold() in text.casefold() and skill in text
    assert "NAKAGAWA-2025" not in text and "CO-COMM" not in text
    # The officer fills the template in as it came: it imports.
    import_file(city_a, "assessments", data, "ratings.csv")
    assert Rating.objects.get().skill.code == "CO-COMM"


def test_a_framework_and_a_skill_are_found_by_code_or_by_either_name_in_any_width(
    city_a, departments
):
    import_file(city_a, "staff", STAFF_CSV.encode(), "staff.csv")
    rows = (
        "職員番号,フレームワーク,スキル,レベル,評価者,評価日\n"
        "S001,NAKAGAWA-2025-COORDINATION,co-lead,2,上司,2025-04-01\n"
        "S001,{ja},仕様書作成,3,上司,2025-04-01\n"
        "S002,{en},WRITING SPECIFICATION DOCUMENTS,1,上司,2025-04-01\n"
        "S002,{ja},ｺﾐｭﾆｹｰｼｮﾝ（DX部門内）,1,上司,2025-04-01\n"
    )
    from dxtalent.web.people.models import Framework

    shipped = Framework.objects.get(code="NAKAGAWA-2025-COORDINATION", organisation=None)
    data = rows.format(ja=shipped.name_ja, en=shipped.name_en.upper()).encode()
    import_file(city_a, "assessments", data, "ratings.csv")
    assert sorted(Rating.objects.values_list("person__external_id", "skill__code")) == [
        ("S001", "CO-LEAD"),
        ("S001", "CO-SPEC"),
        ("S002", "CO-COMM"),
        ("S002", "CO-SPEC"),
    ]


def test_the_cli_exits_2_and_prints_row_errors_for_a_bad_file_in_the_users_language(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("number,family_name\n,佐藤\n", encoding="utf-8")
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("DXTALENT_") and k not in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    env.update(DXTALENT_DATA_DIR=str(tmp_path), DXTALENT_DEBUG="1")
    binary = Path(sys.executable).parent / "dxtalent"
    assert subprocess.run([str(binary), "migrate"], env=env, capture_output=True).returncode == 0
    result = subprocess.run(
        [str(binary), "import", "staff", str(bad), "--org", "342122"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "Row 2" in result.stderr and "number" in result.stderr
    in_japanese = subprocess.run(
        [str(binary), "import", "staff", str(bad), "--org", "342122"],
        env={**env, "LANG": "ja_JP.UTF-8", "LC_ALL": ""},
        capture_output=True,
        text=True,
    )
    assert in_japanese.returncode == 2
    assert "2行目、「number」列" in in_japanese.stderr
    # The whole message in the user's language, as the web page says it.
    assert "bad.csv" in in_japanese.stderr and "何も書き込まれていません" in in_japanese.stderr
    good = tmp_path / "good.csv"
    good.write_text("number,family_name\nS1,佐藤\n", encoding="utf-8")
    ok = subprocess.run(
        [str(binary), "import", "staff", str(good), "--org", "342122"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert ok.returncode == 0 and "good.csv: 1 row, 1 added, 0 updated." in ok.stdout


def test_the_web_import_lists_every_bad_row_and_writes_nothing(client, alice, city_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(alice)
    bad = SimpleUploadedFile(
        "c.csv", "number,family_name,expected_yearly_cost\nC1,,x\nC2,高橋,-5\n".encode("cp932")
    )
    response = client.post(f"/o/{city_a.code}/import/", {"kind": "candidates", "file": bad})
    assert response.status_code == 400
    page = response.content.decode()
    assert "C1" in page or "Row 2" in page or "2行" in page
    assert len(response.context["errors"]) == 3
    assert not Person.objects.exists()


def test_a_staff_file_of_20000_bad_rows_reports_the_first_200_and_how_many_more(
    client, alice, city_a, departments
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    rows = "".join(f"S{n},佐藤,permanent,DX,2024-04-01\n" for n in range(20_000))
    data = ("number,family_name,employment_type,department_code,post_start\n" + rows).encode()
    with pytest.raises(ImportRejectedError) as caught:
        import_file(city_a, "staff", data, "big.csv")
    assert len(caught.value.errors) == 200 and caught.value.total == 20_000
    assert str(caught.value).endswith("... and 19800 more")
    client.force_login(alice)
    upload = SimpleUploadedFile("big.csv", data)
    response = client.post(f"/o/{city_a.code}/import/", {"kind": "staff", "file": upload})
    assert response.status_code == 400 and len(response.context["errors"]) == 201
    assert "19800" in response.context["errors"][-1] and "20000" in response.context["problem"]
    assert not Person.objects.exists()


def test_a_staff_workbook_with_a_zip_bomb_is_refused_on_the_web_and_the_cli(
    client, alice, city_a, departments, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.core.tabular.test_archives import bomb_zip, workbook

    data = bomb_zip(workbook(), member="xl/media/bomb.bin")
    client.force_login(alice)
    upload = SimpleUploadedFile("staff.xlsx", data)
    response = client.post(f"/o/{city_a.code}/import/", {"kind": "staff", "file": upload})
    assert response.status_code == 400
    assert "xl/media/bomb.bin" in response.context["problem"]


def test_a_nul_character_in_a_cell_is_refused_naming_its_row_and_column(city_a, departments):
    from dxtalent.core.tabular import TableFormatError

    bad = (
        "number,family_name,employment_type,department_code,post_start\n"
        "S001,佐\x00藤,regular,DX,2024-04-01\n"
    )
    with pytest.raises(TableFormatError, match=r'Row 2, column "family_name": .*NUL'):
        import_file(city_a, "staff", bad.encode(), "nul.csv")
    assert not Person.objects.exists()


def test_imported_ratings_are_stored_whole_and_refresh_the_current_levels_of_those_rated(
    city_a, departments, dana
):
    from dxtalent.core.assessments import current_levels_from_rows
    from dxtalent.web.people.models import CurrentLevel

    import_file(city_a, "staff", STAFF_CSV.encode(), "staff.csv")
    first = (
        "number,framework,skill,level,source,rated_on,evidence\n"
        "S001,NAKAGAWA-2025-COORDINATION,CO-COMM,2,verified,2025-04-01,試験\n"
        "S002,NAKAGAWA-2025-COORDINATION,CO-COMM,3,self,2025-04-01,\n"
    )
    second = (
        "number,framework,skill,level,source,rated_on,evidence\n"
        "S001,NAKAGAWA-2025-COORDINATION,CO-COMM,4,self,2026-04-01,\n"
        "S002,NAKAGAWA-2025-COORDINATION,CO-COMM,1,manager,2024-04-01,\n"
    )
    import_file(city_a, "assessments", first.encode(), "a.csv", rated_by=dana)
    import_file(city_a, "assessments", second.encode(), "b.csv")
    stored = Rating.objects.get(person__external_id="S001", level=2)
    assert (stored.evidence, stored.rated_by, stored.source) == ("試験", dana, "verified")
    assert stored.created_at is not None
    rows = Rating.objects.order_by("id").values_list(
        "person_id", "skill_id", "level", "source", "rated_on"
    )
    expected = current_levels_from_rows(list(rows))
    current = {
        (c.person_id, c.skill_id): c.level for c in CurrentLevel.objects.filter(organisation=city_a)
    }
    # Verified beats a later self-rating; a manager's beats a later self-rating.
    assert current == expected and sorted(current.values()) == [1, 2]


def test_evidence_with_tabs_newlines_backslashes_and_quotes_is_stored_as_written(
    city_a, departments
):
    # PostgreSQL receives the rows as COPY text, where these characters are escaped.
    import_file(city_a, "staff", STAFF_CSV.encode(), "staff.csv")
    evidence = 'line one\nline\ttwo \\N C:\\dir "quoted" 庁内\r\nend'
    quoted = '"' + evidence.replace('"', '""') + '"'
    csv = (
        "number,framework,skill,level,source,rated_on,evidence\n"
        f"S001,NAKAGAWA-2025-COORDINATION,CO-COMM,2,self,2025-04-01,{quoted}\n"
        "S002,NAKAGAWA-2025-COORDINATION,CO-COMM,3,self,2025-04-01,\n"
    )
    import_file(city_a, "assessments", csv.encode(), "ratings.csv")
    stored = dict(Rating.objects.values_list("person__external_id", "evidence"))
    assert stored == {"S001": evidence, "S002": ""}


def test_every_row_with_a_level_off_the_scale_is_named_however_many_share_it(city_a, departments):
    import_file(city_a, "staff", STAFF_CSV.encode(), "staff.csv")
    bad = "number,framework,skill,level,source,rated_on\n" + "".join(
        f"S00{n},NAKAGAWA-2025-COORDINATION,CO-COMM,9,self,2025-04-01\n" for n in (1, 2, 1)
    )
    with pytest.raises(ImportRejectedError) as caught:
        import_file(city_a, "assessments", bad.encode(), "ratings.csv")
    assert [(e.row, e.column, e.value) for e in caught.value.errors] == [
        (2, "level", "9"),
        (3, "level", "9"),
        (4, "level", "9"),
    ]
    assert not Rating.objects.exists()


@pytest.mark.parametrize("chunk", [None, 4])
@pytest.mark.parametrize("seed", range(3))
def test_current_levels_after_random_imports_equal_a_recomputation_from_scratch(
    city_a, departments, seed, chunk, monkeypatch
):
    """Each import refreshes only the people it rates, on top of what earlier imports stored
    (a few at a time when `chunk` is set); the result must be what ranking every rating from
    scratch gives, in the database and in core.assessments. Few dates and sources, so that
    many ratings of a cell tie and the later row must win."""
    import random

    from dxtalent.core.assessments import current_levels_from_rows
    from dxtalent.web.people import services
    from dxtalent.web.people.models import CurrentLevel, Skill
    from dxtalent.web.people.services import refresh_current_levels

    if chunk is not None:
        monkeypatch.setattr(services, "_REFRESH_CHUNK", {"sqlite": chunk, "postgresql": chunk})

    rng = random.Random(seed)
    numbers = [f"R{n:03}" for n in range(30)]
    staff = "number,family_name\n" + "".join(f"{number},職員{number}\n" for number in numbers)
    import_file(city_a, "staff", staff.encode(), "staff.csv")
    framework = "NAKAGAWA-2025-COORDINATION"
    codes = list(Skill.objects.filter(framework__code=framework).values_list("code", flat=True))
    days = [dt.date(2025, 4, 1) + dt.timedelta(days=30 * n) for n in range(4)]

    def stored() -> dict[tuple[int, int], tuple[int, int]]:
        cells = CurrentLevel.objects.filter(organisation=city_a)
        return {
            (c.person_id, c.skill_id): (c.level, c.rating_id)
            for c in cells.only("person_id", "skill_id", "level", "rating_id")
        }

    for file in range(4):
        rated = rng.sample(numbers, rng.randrange(1, len(numbers)))
        lines = ["number,framework,skill,level,source,rated_on"]
        for _ in range(rng.randrange(20, 120)):
            lines.append(
                f"{rng.choice(rated)},{framework},{rng.choice(codes[:6])},{rng.randrange(5)},"
                f"{rng.choice(['self', 'manager', 'verified', 'training'])},{rng.choice(days)}"
            )
        import_file(city_a, "assessments", ("\n".join(lines) + "\n").encode(), f"{file}.csv")

        refreshed = stored()
        ratings = Rating.objects.filter(organisation=city_a).order_by("id")
        expected = current_levels_from_rows(
            ratings.values_list("person_id", "skill_id", "level", "source", "rated_on")
        )
        assert {cell: level for cell, (level, _) in refreshed.items()} == expected
        CurrentLevel.objects.filter(organisation=city_a).delete()
        refresh_current_levels(city_a)
        assert stored() == refreshed


def test_an_import_pauses_the_cycle_collector_and_leaves_it_and_the_page_cache_as_found(
    city_a, departments, monkeypatch
):
    import gc

    from django.db import connection

    from dxtalent.web.people import imports

    def cache_size() -> int | None:
        if connection.vendor != "sqlite":
            return None  # PostgreSQL's cache is the server's
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size")
            return cursor.fetchone()[0]

    during = []
    write = imports.insert_rows

    def watched_write(*args):
        during.append((gc.isenabled(), cache_size()))
        write(*args)

    monkeypatch.setattr(imports, "insert_rows", watched_write)
    import_file(city_a, "staff", STAFF_CSV.encode(), "staff.csv")
    before = cache_size()
    good = "number,framework,skill,level,source,rated_on\nS001,NAKAGAWA-2025-COORDINATION,CO-COMM,2,self,2025-04-01\n"
    import_file(city_a, "assessments", good.encode(), "ratings.csv")
    with pytest.raises(ImportRejectedError):
        import_file(city_a, "assessments", good.replace(",2,", ",9,").encode(), "bad.csv")

    enlarged = None if before is None else -32 * 1024
    assert during == [(False, enlarged)]
    assert gc.isenabled() and cache_size() == before


def test_the_import_page_offers_each_template_in_the_readers_language(client, alice, city_a):
    client.force_login(alice)
    for language, first in (("ja", "職員番号"), ("en", "number")):
        response = client.get(
            f"/o/{city_a.code}/import/assessments.csv", HTTP_ACCEPT_LANGUAGE=language
        )
        assert response.status_code == 200
        header = b"".join(response.streaming_content if response.streaming else [response.content])
        assert header.decode("utf-8-sig").splitlines()[0].split(",")[0] == first
