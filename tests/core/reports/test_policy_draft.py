"""The policy draft as an officer edits it: sections split from the generated chapter, prose kept
across regeneration, differences per section, storage and the exported document."""

from __future__ import annotations

import datetime as dt

import pytest

from dxtalent.core.reports import Audience, Document, Heading, Paragraph, Table
from dxtalent.core.reports.policy_draft import (
    PROSE_MAX_CHARS,
    PolicyDraftFormatError,
    ProseTooLongError,
    Section,
    UnknownPolicySectionError,
    diff_lines,
    diff_sections,
    draft_document,
    draft_sections,
    edit,
    regenerate,
    sections_from_json,
    sections_to_json,
    split_source,
)


def chapter(now: int = 2, findings: int = 5) -> Document:
    return Document(
        title="人材育成・確保基本方針（デジタル人材）案",
        organisation="広島市",
        audience=Audience.COUNCIL,
        generated=dt.date(2026, 12, 6),
        data_as_of=dt.date(2026, 12, 1),
        language="ja",
        blocks=(
            Paragraph("総務省の指針の構成による。", note=True),
            Heading("1 求められるデジタル人材像"),
            Paragraph("司令塔となる中心人物を1人置く。（出典: 論文 §4.2）"),
            Heading("2 現状"),
            Paragraph(f"課題は{findings}件（うち重大1件）。（出典: チーム診断（2026-12-01時点））"),
            Table(
                header=("能力", "目標", "現在"),
                rows=(("中心人物", "1", str(now)),),
                numeric=(1, 2),
                caption="チーム診断",
            ),
        ),
        sources=("総務省の指針",),
    )


def test_a_generated_chapter_splits_into_sections_by_its_numbered_headings():
    meta, sections = draft_sections(chapter())
    assert [s.key for s in sections] == ["1", "2"]
    assert sections[1].title == "2 現状"
    assert meta.preamble == (Paragraph("総務省の指針の構成による。", note=True),)
    assert meta.data_as_of == dt.date(2026, 12, 1)
    assert all(section.prose == "" for section in sections)


def test_a_statement_keeps_its_source_apart_in_japanese_and_in_english():
    ja = split_source(Paragraph("課題は5件。（出典：チーム診断）"))
    kept_before = split_source(Paragraph("課題は5件。（出典: チーム診断）"))
    en = split_source(Paragraph("5 findings. (Source: the team diagnosis)"))
    assert (ja.text, ja.source) == ("課題は5件。", "チーム診断")
    # A draft stored before labels took a full-width colon reads the same.
    assert (kept_before.text, kept_before.source) == ("課題は5件。", "チーム診断")
    assert (en.text, en.source) == ("5 findings.", "the team diagnosis")
    assert split_source(Paragraph("a note", note=True)).note


def test_an_edit_survives_regeneration_and_the_new_figures_replace_the_old():
    _, first = draft_sections(chapter(now=2))
    edited = edit(first, {"2": "当市は中心人物の育成を急ぐ。\n\n二段落目。"})
    _, again = draft_sections(chapter(now=3))
    kept = regenerate(edited, again)
    assert kept[1].prose == "当市は中心人物の育成を急ぐ。\n\n二段落目。"
    assert "中心人物 | 1 | 3" in kept[1].figure_lines()
    assert "中心人物 | 1 | 2" not in kept[1].figure_lines()


def test_prose_of_a_section_the_new_draft_lacks_is_kept_rather_than_lost():
    old = (Section("9", "9 その他", (), prose="残す文章"),)
    kept = regenerate(old, draft_sections(chapter())[1])
    assert kept[-1] == Section("9", "9 その他", (), prose="残す文章")


def test_a_changed_figure_is_shown_as_removed_and_added_and_the_prose_as_unchanged():
    _, first = draft_sections(chapter(now=2, findings=5))
    first = edit(first, {"2": "文章"})
    _, again = draft_sections(chapter(now=3, findings=5))
    diffs = {d.key: d for d in diff_sections(first, regenerate(first, again))}
    assert not diffs["1"].changed
    assert diffs["2"].figures_changed and not diffs["2"].prose_changed
    changes = [(line.change, line.text) for line in diffs["2"].figures if line.change != "same"]
    assert changes == [("removed", "中心人物 | 1 | 2"), ("added", "中心人物 | 1 | 3")]


def test_a_prose_diff_marks_the_lines_removed_and_added_in_order():
    lines = diff_lines(["a", "b", "c"], ["a", "B", "c", "d"])
    assert [(line.change, line.text) for line in lines] == [
        ("same", "a"),
        ("removed", "b"),
        ("added", "B"),
        ("same", "c"),
        ("added", "d"),
    ]


def test_editing_an_unknown_section_or_too_long_a_text_is_refused_naming_it():
    _, sections = draft_sections(chapter())
    with pytest.raises(UnknownPolicySectionError, match='"7"'):
        edit(sections, {"7": "x"})
    with pytest.raises(ProseTooLongError, match="Section 1"):
        edit(sections, {"1": "あ" * (PROSE_MAX_CHARS + 1)})


def test_edited_prose_has_its_line_ends_made_plain_and_trailing_spaces_taken_off():
    _, sections = draft_sections(chapter())
    assert edit(sections, {"1": "一行目  \r\n二行目\r\n\r\n"})[0].prose == "一行目\n二行目"


def test_a_version_reads_back_as_it_was_stored():
    meta, sections = draft_sections(chapter())
    sections = edit(sections, {"1": "文章"})
    assert sections_from_json(sections_to_json(meta, sections)) == (meta, sections)


def test_a_stored_version_of_another_shape_is_refused_naming_what_is_missing():
    with pytest.raises(PolicyDraftFormatError, match="title"):
        sections_from_json({"sections": []})
    meta, sections = draft_sections(chapter())
    data = sections_to_json(meta, sections)
    data["sections"][0]["generated"] = [{"kind": "poem"}]
    with pytest.raises(PolicyDraftFormatError, match='"poem"'):
        sections_from_json(data)


def test_the_exported_version_puts_the_prose_before_the_generated_statements():
    meta, sections = draft_sections(chapter())
    sections = edit(sections, {"2": "第一段落。\n\n第二段落。"})
    document = draft_document(
        meta, sections, organisation="広島市", generated=dt.date(2026, 12, 6), number=3
    )
    texts = [block.text for block in document.blocks if isinstance(block, Heading | Paragraph)]
    assert texts[0] == "第3版"
    at = texts.index("2 現状")
    assert texts[at + 1 : at + 4] == [
        "第一段落。",
        "第二段落。",
        "課題は5件（うち重大1件）。（出典: チーム診断（2026-12-01時点））",
    ]
    assert document.audience is Audience.COUNCIL and document.sources == ("総務省の指針",)
