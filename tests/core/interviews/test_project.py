"""REFI-QDA projects: dxtalent's export validates against Project.xsd and imports back with
nothing lost; the real exports of qc, NVivo and ATLAS.ti import with what they carry."""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path

import pytest

from dxtalent.core.interviews.codebook import CodebookError, shipped_codebook
from dxtalent.core.interviews.project import (
    Case,
    Coding,
    Project,
    Selection,
    TextSource,
    User,
    Variable,
    project_from_qdpx,
    project_qde,
    project_to_qdpx,
)

SHARED = Path(__file__).resolve().parents[3].parent / "shared"
G = "{:08x}-0000-4000-8000-{:012x}"


def guid(n: int) -> str:
    return G.format(n, n)


def shared(path: str) -> Path:
    found = SHARED / path
    if not found.exists():
        pytest.skip(f"not found: {found}")
    return found


def sample() -> Project:
    codebook = shipped_codebook("ja")
    leadership = codebook.codes[0].children[1].guid
    text = "東広島市では、係長が全体を見ている。🙂 絵文字の後も位置は符号位置で数える。"
    return Project(
        name="合成インタビュー",
        codebook=codebook,
        users=(User(guid(1), "コーダーA"), User(guid(2), "Coder B")),
        sources=(TextSource(guid(10), "A市.txt", text),),
        selections=(
            Selection(
                guid(20),
                guid(10),
                7,
                17,
                (Coding(guid(30), leadership, guid(1), "2026-11-27T10:00:00Z"),),
            ),
            Selection(
                guid(21),
                guid(10),
                19,
                30,
                (Coding(guid(31), leadership, guid(2)),),
                description="絵文字の後",
            ),
        ),
        variables=(Variable(guid(40), "人口規模", "Text"), Variable(guid(41), "戦略", "Integer")),
        cases=(Case(guid(50), "A市", ((guid(40), "中核市"), (guid(41), "2")), (guid(10),)),),
        origin="dxtalent",
    )


def test_an_exported_project_validates_and_reads_back_unchanged():
    import xmlschema

    schema = xmlschema.XMLSchema(str(shared("reference/refi-qda/Project.xsd")))
    project = sample()
    schema.validate(project_qde(project).decode("utf-8"))
    archive = project_to_qdpx(project)
    names = zipfile.ZipFile(BytesIO(archive)).namelist()
    assert names == ["project.qde", f"sources/{guid(10)}.txt"]
    back = project_from_qdpx(archive)
    assert back.notes == () and back.project == project
    emoji = project.sources[0].text.index("🙂")
    assert project.sources[0].text[emoji + 1 :].startswith(" 絵文字")  # one code point


def test_qcs_project_imports_its_codes_texts_and_codings():
    imported = project_from_qdpx(shared("fixtures/refi-qda/qc-1.3.2_demo.qdpx").read_bytes())
    project = imported.project
    codes = list(project.codebook.walk())
    assert len(project.users) == 1 and len(codes) == 262 and len(project.codebook.codes) == 3
    assert max(depth for depth, _c in codes) == 6  # 7 levels
    assert [(s.name, len(s.text.encode())) for s in project.sources] == [
        ("board_2017.txt", 52_543),
        ("admin-1.txt", 31_906),
    ]
    assert len(project.selections) == 158
    assert sum(len(s.codings) for s in project.selections) == 205
    assert len({c.code for s in project.selections for c in s.codings}) == 77
    assert sum(len(s.codings) > 1 for s in project.selections) == 37
    assert max(s.end for s in project.selections) == 51_627 and imported.notes == ()


def test_nvivos_project_keeps_the_codebook_and_says_the_texts_are_empty_of_codings():
    imported = project_from_qdpx(
        shared("fixtures/refi-qda/nvivo15-mac_nvivo_project.qdpx").read_bytes()
    )
    project = imported.project
    assert len(project.users) == 2 and len(list(project.codebook.walk())) == 262
    assert [len(s.text) for s in project.sources] == [1, 1] and project.selections == ()
    assert project.origin == "NVivo for Mac 15.0.0"


def test_atlas_tis_bare_project_imports_its_text_selections_and_says_what_it_skipped():
    imported = project_from_qdpx(
        shared("fixtures/refi-qda/atlasti8-mac_standard_project.qde").read_bytes()
    )
    project = imported.project
    assert len(project.users) == 3 and len(project.codebook.codes) == 14
    assert len(project.sources) == 6 and len(project.selections) == 6
    notes = "\n".join(imported.notes)
    assert notes.count("is not in the file") == 6
    assert "PictureSource" in notes and notes.count("PDFSource") == 2 and "AudioSource" in notes
    assert notes.count("VideoSource") == 2 and "has no coding" in notes
    assert "items of Sets not imported" in notes or "1 item of Sets not imported" in notes


def test_a_file_that_is_not_a_project_is_refused_with_its_name_and_what_to_do():
    with pytest.raises(CodebookError) as damaged:
        project_from_qdpx(b"PK\x03\x04broken", "interviews.qdpx")
    assert str(damaged.value).startswith('"interviews.qdpx" begins like a zip archive (.qdpx)')
    assert "Export the project again" in str(damaged.value)
    with pytest.raises(CodebookError) as wrong_root:
        project_from_qdpx(b'<CodeBook xmlns="urn:QDA-XML:codebook:1.0"/>', "book.qde")
    assert str(wrong_root.value) == (
        '"book.qde" is XML but not a REFI-QDA project: its root element is <CodeBook>, where a '
        "project has <Project>."
    )
    # A PDF given for a project: neither an archive nor XML, and where reading stopped.
    with pytest.raises(CodebookError) as neither:
        project_from_qdpx(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "transcript.pdf")
    said = str(neither.value)
    assert said.startswith('"transcript.pdf" is neither a REFI-QDA project archive')
    assert "as XML from line 1, column " in said and "as REFI-QDA (.qdpx)" in said


def _archive(members: dict[str, bytes]) -> bytes:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_an_archive_without_a_readable_project_qde_is_refused_naming_the_member():
    with pytest.raises(CodebookError) as empty:
        project_from_qdpx(_archive({"sources/a.txt": b"x"}), "p.qdpx")
    assert str(empty.value).startswith('"p.qdpx" holds no project.qde')
    with pytest.raises(CodebookError) as broken:
        project_from_qdpx(_archive({"project.qde": b"<Project>\n<Sources"}), "p.qdpx")
    assert str(broken.value).startswith(
        '"p.qdpx/project.qde" is not XML: it cannot be read from line 2, column'
    )
    entity = b'<!DOCTYPE p [<!ENTITY a "aaaa">]><Project>&a;</Project>'
    with pytest.raises(CodebookError) as refused:
        project_from_qdpx(_archive({"project.qde": entity}), "p.qdpx")
    assert str(refused.value).startswith('"p.qdpx/project.qde" was refused: it declares a DTD')


def test_what_the_import_says_reads_in_japanese_for_a_japanese_reader():
    from dxtalent.core.i18n import in_language

    bare = shared("fixtures/refi-qda/atlasti8-mac_standard_project.qde").read_bytes()
    with in_language("ja"), pytest.raises(CodebookError) as neither:
        project_from_qdpx(b"%PDF-1.7", "transcript.pdf")
    assert str(neither.value).startswith(
        '"transcript.pdf" は REFI-QDA のプロジェクト（.qdpx の zip ファイル）でも'
    )
    with in_language("ja"):
        notes = "\n".join(project_from_qdpx(bare).notes)
    assert "本文" in notes and "がファイルにありません" in notes
    assert "is not in the file" not in notes and "skipped" not in notes


def _qdpx_with_text(text: bytes, start: str = "0") -> bytes:
    qde = (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<Project xmlns="urn:QDA-XML:project:1.0" name="p"><Sources>'
        '<TextSource guid="0A1B2C3D-0000-4000-8000-000000000001" name="t" plainTextPath="internal://s1.txt">'
        f'<PlainTextSelection guid="x1" startPosition="{start}" endPosition="3"/>'
        "</TextSource></Sources></Project>"
    )
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("project.qde", qde)
        archive.writestr("sources/s1.txt", text)
    return buffer.getvalue()


def test_a_text_source_in_shift_jis_is_refused_naming_the_file_and_utf_8():
    with pytest.raises(CodebookError, match=r"s1\.txt is not UTF-8.*byte 1"):
        project_from_qdpx(_qdpx_with_text("あいうえお".encode("shift_jis")))


def test_a_text_source_with_a_nul_character_is_refused_naming_the_file():
    with pytest.raises(CodebookError, match=r"s1\.txt: holds a NUL character .* position 3"):
        project_from_qdpx(_qdpx_with_text("あい\x00うえお".encode()))


def test_a_selection_whose_start_is_not_a_number_is_left_out_with_a_note():
    imported = project_from_qdpx(_qdpx_with_text("あいうえお".encode(), start="abc"))
    assert imported.project.selections == ()
    assert any('"abc" is not a position' in note for note in imported.notes)


def test_an_imported_guid_never_becomes_an_archive_path_and_a_bad_one_is_refused():
    import io
    import zipfile

    from dxtalent.core.interviews.codebook import CodebookError
    from dxtalent.core.interviews.project import member_name, project_from_qdpx

    assert member_name("../../../evil").startswith("sources/") and ".." not in member_name(
        "../../../evil"
    )
    assert member_name("5D1F9A5C-8E0B-4C39-9E8A-2F3C4B5D6E7F") == (
        "sources/5D1F9A5C-8E0B-4C39-9E8A-2F3C4B5D6E7F.txt"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "project.qde",
            '<Project xmlns="urn:QDA-XML:project:1.0" name="p"><Sources>'
            '<TextSource guid="../../../evil" name="t" plainTextPath="internal://x.txt"/>'
            "</Sources></Project>",
        )
        archive.writestr("sources/x.txt", "text")
    with pytest.raises(CodebookError, match=r'guid "../../../evil" is not a GUID'):
        project_from_qdpx(buffer.getvalue())
