"""The shipped codebook, and REFI-QDA codebook files: what dxtalent writes validates against the
standard's schema and reads back unchanged; real exports of other programs import with what
they carry."""

from __future__ import annotations

from pathlib import Path

import pytest

from dxtalent.core.interviews.codebook import (
    Code,
    Codebook,
    CodebookError,
    CodeSet,
    codebook_from_qdc,
    codebook_to_qdc,
    shipped_codebook,
    shipped_codes,
)

SHARED = Path(__file__).resolve().parents[3].parent / "shared"


def shared(path: str) -> Path:
    found = SHARED / path
    if not found.exists():
        pytest.skip(f"not found: {found}")
    return found


def test_the_shipped_codebook_holds_the_papers_framework_with_descriptions_and_examples():
    keys = {}

    def visit(codes):
        for code in codes:
            keys[code.key] = code
            visit(code.children)

    visit(shipped_codes())
    for key in (
        "communication",
        "leadership",
        "negotiation",
        "strategy-acquire",
        "strategy-develop",
        "central-figure",
        "rotation",
        "training-outside-hours",
        "vendor-lock-in",
        "budget",
        "living-environment",
        "understanding-local-government",
    ):
        code = keys[key]
        assert code.name.ja and code.name.en and code.description.ja and code.description.en
        assert code.example.ja and code.example.en and code.source.startswith("Nakagawa 2025")
    assert not keys["coordination"].codable
    english = shipped_codebook("en")
    assert english.codes[0].children[1].name == "Leadership"
    assert "Example:" in english.codes[0].children[1].description


def test_an_exported_codebook_validates_and_reads_back_unchanged():
    import xmlschema

    schema = xmlschema.XMLSchema(str(shared("reference/refi-qda/Codebook.xsd")))
    for language in ("ja", "en"):
        codebook = shipped_codebook(language)
        data = codebook_to_qdc(codebook)
        schema.validate(data.decode("utf-8"))
        back = codebook_from_qdc(data)
        assert back.notes == () and back.codebook == codebook
    with_set = Codebook(
        (Code("2a8d8a57-7a5e-4e4e-9f3a-7b0e7f1a2c3d", 'a & <b> "c" — 教師', color="#ABCDEF"),),
        (
            CodeSet(
                "9a8d8a57-7a5e-4e4e-9f3a-7b0e7f1a2c3d",
                "set",
                "d",
                ("2a8d8a57-7a5e-4e4e-9f3a-7b0e7f1a2c3d",),
            ),
        ),
        "dxtalent",
    )
    data = codebook_to_qdc(with_set)
    schema.validate(data.decode("utf-8"))
    assert codebook_from_qdc(data).codebook == with_set


def test_qualcoders_codebook_imports_with_its_categories_and_escaped_names():
    imported = codebook_from_qdc(
        shared("fixtures/refi-qda/qualcoder-3.8.2-codebook.qdc").read_bytes()
    )
    codes = list(imported.codebook.walk())
    assert len(codes) == 38 and len(imported.codebook.codes) == 9
    categories = [code for depth, code in codes if not code.codable]
    assert len(categories) == 6 and sum(len(c.children) for c in categories) == 29
    assert max(depth for depth, _code in codes) == 1
    assert all(code.color for _d, code in codes if code.codable)
    assert sum(bool(code.description) for _d, code in codes) == 5
    names = {code.name for _d, code in codes}
    assert 'Ünïcøde & <angle> "quoted" — 教师' in names
    two_lines = next(code for _d, code in codes if code.name == "Curriculum fidelity")
    assert two_lines.description.count("\n") == 1
    assert imported.codebook.origin == "QualCoder" and imported.notes == ()


def test_taguettes_one_line_codebook_imports_its_three_codes():
    imported = codebook_from_qdc(
        shared("fixtures/refi-qda/taguette-1.4.1-codebook.qdc").read_bytes()
    )
    assert [c.name for c in imported.codebook.codes] == [
        "interesting",
        "Scarcity",
        "public opinion",
    ]
    assert all(c.codable and c.color is None for c in imported.codebook.codes)


def test_what_breaks_the_standard_is_repaired_and_said():
    data = (
        b'<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
        b'<Code guid="nope" name="A" isCodable="true" color="red"/></Codes>'
        b'<Sets><Set guid="9a8d8a57-7a5e-4e4e-9f3a-7b0e7f1a2c3d" name="S">'
        b'<MemberCode guid="2a8d8a57-7a5e-4e4e-9f3a-7b0e7f1a2c3d"/></Set></Sets></CodeBook>'
    )
    imported = codebook_from_qdc(data)
    [code] = imported.codebook.codes
    assert code.color is None and code.guid != "nope"
    assert len(imported.notes) == 3 and 'GUID "nope"' in imported.notes[0]
    assert imported.codebook.sets[0].members == ()
    with pytest.raises(CodebookError) as cut:
        codebook_from_qdc(b"<CodeBook", "codes.qdc")
    assert str(cut.value).startswith(
        '"codes.qdc" is not a REFI-QDA codebook: it cannot be read as XML from line 1, column'
    )
    with pytest.raises(CodebookError) as wrong_root:
        codebook_from_qdc(b"<Project/>", "codes.qdc")
    assert "its root element is <Project>, where a codebook has <CodeBook>" in str(wrong_root.value)
