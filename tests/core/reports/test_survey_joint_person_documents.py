"""The survey, joint display and development sheet documents built in core from plain values:
what they compute (totals, gaps), what they say when there is nothing to show, and the
horizontal bar chart that reaches the PDF."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document as read_docx
from pypdf import PdfReader

from dxtalent.core.reports import BarChart, font_dir, render_docx, render_pdf
from dxtalent.core.reports.joint import Evidence, Figure, Theme, joint_document
from dxtalent.core.reports.person import (
    PersonFacts,
    PlannedTraining,
    RoleLine,
    Rotation,
    SkillLine,
    person_document,
)
from dxtalent.core.reports.survey import (
    OptionLine,
    QuestionTable,
    RateLine,
    Share,
    percent,
    survey_document,
    totals,
)
from tests.core.reports.glyphs import missing_glyphs

DAY = dt.date(2026, 12, 6)


def pdf_text(content: bytes) -> str:
    return "".join("".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages).split())


def rates():
    return (
        RateLine("情報政策課", 10, 8, 7, Share(7, 10, 0.7, 0.4, 0.89)),
        RateLine("人事課", 10, 5, 4, Share(4, 10, 0.4, 0.17, 0.69)),
    )


def question(answered=True):
    base = 7 if answered else 0
    return QuestionTable(
        "Q2",
        "重視すること",
        ("情報政策課",),
        (base,),
        (
            OptionLine("業務の効率化", (Share(5 if answered else 0, base, 5 / 7, 0.36, 0.92),)),
            OptionLine("住民サービス", (Share(2 if answered else 0, base, 2 / 7, 0.08, 0.64),)),
        ),
    )


def test_the_survey_totals_add_the_departments_and_the_rate_is_submitted_over_invited():
    assert totals(rates()) == (20, 11, 11 / 20)
    assert totals(()) == (0, 0, None)
    assert percent(11 / 20) == "55.0%" and percent(None) == "–"


def test_the_survey_report_states_the_overall_rate_and_draws_each_answered_question():
    document = survey_document(
        "職員調査",
        rates(),
        (question(), question(answered=False)),
        organisation="テスト市",
        language="ja",
        generated=DAY,
        data_as_of=DAY,
    )
    text = pdf_text(render_pdf(document))
    assert "招待20件のうち11件が回答を提出しました（回答率55.0%）" in text
    assert "71.4%(5;36.0%–92.0%)" in text
    assert "回答はまだありません。" in text
    charts = [block for block in document.blocks if isinstance(block, BarChart)]
    assert len(charts) == 1 and charts[0].horizontal
    assert charts[0].series[0][1] == pytest.approx((100 * 5 / 7, 100 * 2 / 7))
    # The horizontal chart's labels are text of the PDF, in the embedded font.
    assert "業務の効率化" in text and "71.4" in text
    assert missing_glyphs(document.text(), font_dir() / "NotoSansJP_400Regular.ttf") == []
    pictures = read_docx(io.BytesIO(render_docx(document))).inline_shapes
    assert len(pictures) == 1


def test_the_joint_display_without_themes_says_no_code_speaks_to_a_survey_item():
    document = joint_document(
        "聞き取り",
        "職員調査",
        "",
        (),
        organisation="テスト市",
        language="en",
        generated=DAY,
        data_as_of=DAY,
    )
    assert "None of the project's codes speaks to a survey item." in document.text()


def test_the_joint_display_counts_cases_over_the_groups_and_prints_the_fit():
    theme = Theme(
        "交渉力",
        (Figure("Q4", "交渉", "情報政策課", Share(3, 4, 0.75, 0.3, 0.95)),),
        (Evidence("A", 1, 2, 3), Evidence("B", 2, 2, 4)),
        (("ベンダーと話すのが難しい", "A市 課長"),),
        fit="一致",
        note="調査と同じ",
    )
    document = joint_document(
        "聞き取り",
        "職員調査",
        "規模",
        (theme,),
        organisation="テスト市",
        language="ja",
        generated=DAY,
        data_as_of=DAY,
    )
    text = document.text()
    assert "3/4" in text and "適合：一致（調査と同じ）" in text
    summary = next(
        block for block in document.blocks if getattr(block, "caption", "") == "テーマの一覧"
    )
    assert summary.rows == (("交渉力", "1", "3/4", "7", "一致"),)


def facts(**changes):
    base = dict(
        name="山田 花子",
        number="S001",
        department="DX推進課",
        employment="正規職員",
        roles=(
            RoleLine(
                "エンジニア",
                0.75,
                (
                    SkillLine("データ分析", 3, 2, 1, None, 1),
                    SkillLine("情報セキュリティ", 2, 3, 2, 2, 2),
                ),
            ),
        ),
        programmes=(),
        posts=(),
        rotation=Rotation((3, 5), False, (2027, 2029), dt.date(2029, 3, 31), "人事異動"),
        planned=(PlannedTraining(2027, "データ分析研修"),),
        plan="計画 #1 の最適な組み合わせ",
    )
    base.update(changes)
    return PersonFacts(**base)


def test_a_gap_is_the_target_less_the_current_level_and_never_negative():
    assert SkillLine("x", 3, None, None, None, 1).gap == 2
    assert SkillLine("x", 2, None, None, None, 4).gap == 0
    assert SkillLine("x", 2, None, None, None, None).gap == 2


def test_the_development_sheet_is_internal_and_shows_levels_by_source_and_the_window():
    document = person_document(facts(), organisation="テスト市", language="ja", generated=DAY)
    assert document.audience.value == "internal"
    text = pdf_text(render_pdf(document))
    assert "個人別育成計画：山田花子" in text and "内部資料版" in text
    assert "適合度75%。目標に届かないスキルは1件（不足レベルの合計2）です。" in text
    assert "在任期間の幅：3〜5年（団体の設定）" in text
    assert "2029年3月31日まで在任" in text
    assert "データ分析研修" in text and "計画#1の最適な組み合わせ" in text


def test_the_development_sheet_says_when_there_is_no_role_and_no_post():
    document = person_document(
        facts(roles=(), rotation=None, planned=()),
        organisation="テスト市",
        language="en",
        generated=DAY,
    )
    text = document.text()
    assert "No role sets target levels." in text and "No current post." in text
