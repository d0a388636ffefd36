"""Memos on codes, text sources, cases and the project travel in REFI-QDA and back."""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path

import pytest

from dxtalent.core.interviews.codebook import shipped_codebook
from dxtalent.core.interviews.project import (
    Case,
    Memo,
    Project,
    TextSource,
    User,
    project_from_qdpx,
    project_to_qdpx,
)

SCHEMA = Path(__file__).resolve().parents[4] / "shared" / "reference" / "refi-qda" / "Project.xsd"


def g(n: int) -> str:
    return f"{n:08X}-0000-4000-8000-{n:012X}"


def _project() -> Project:
    book = shipped_codebook("ja")
    lead = book.codes[0].children[1].guid
    return Project(
        "メモ付き",
        book,
        users=(User(g(1), "ana"),),
        sources=(TextSource(g(2), "A市.txt", "聞き取りの本文"),),
        cases=(Case(g(3), "A市", description="人口5万人未満、DX担当は1人"),),
        memos=(
            Memo(g(4), "異動で交渉役が抜ける話が多い", lead, "交渉", g(1), "2026-11-30T10:00:00"),
            Memo(g(5), "A市は外部人材の話が中心", g(2), "A市の印象"),
            Memo(g(6), "全体として研修時間の不足が目立つ"),
        ),
    )


def test_memos_on_codes_sources_cases_and_the_project_round_trip():
    back = project_from_qdpx(project_to_qdpx(_project()))
    assert back.project.memos == _project().memos
    assert back.project.cases[0].description == "人口5万人未満、DX担当は1人"
    assert not any("Notes" in note for note in back.notes)


def test_an_export_with_memos_validates_against_the_standard():
    xmlschema = pytest.importorskip("xmlschema")
    if not SCHEMA.is_file():
        pytest.skip(f"schema not found at {SCHEMA}")
    qde = zipfile.ZipFile(BytesIO(project_to_qdpx(_project()))).read("project.qde").decode()
    xmlschema.XMLSchema(str(SCHEMA)).validate(qde)
