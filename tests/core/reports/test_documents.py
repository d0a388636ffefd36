"""The report documents built in core, and their two renderers: what the council version
leaves out, the budget table's sums, and text that reaches the PDF and .docx as written."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

import pytest
from docx import Document as read_docx
from pypdf import PdfReader

from dxtalent.core.planning import Advice, plan_staffing
from dxtalent.core.reports import (
    Audience,
    BarChart,
    Document,
    Heading,
    Paragraph,
    Table,
    UnknownAudienceError,
    audience_of,
    font_dir,
    funding_table,
    plan_document,
    render_docx,
    render_pdf,
)
from tests.core.planning.builders import hire, person, scenario, training
from tests.core.reports.glyphs import missing_glyphs, pdf_fonts, tofu

DAY = dt.date(2026, 12, 6)


def plans_of(chosen):
    return {name: plan_staffing(chosen, strategy=name) for name in ("acquire", "develop", "mix")}


def named_scenario():
    # A candidate (a named person) who can be hired, and a trainee named 山田 花子; nothing
    # is wanted in the first year, so that training (which counts a year later) can do it.
    return scenario(
        (hire("C-1", 6_000_000, name="鈴木 一郎（地域活性化起業人）", candidate="1"), training()),
        team=(person("山田 花子", PM=1),),
        years=3,
        targets={"PM": {2025: 0}},
    )


def document_for(audience: Audience, language: str = "ja") -> Document:
    chosen = named_scenario()
    return plan_document(
        chosen,
        plans_of(chosen),
        organisation="テスト市",
        audience=audience,
        language=language,
        generated=DAY,
        data_as_of=DAY,
    )


def test_the_council_plan_calls_a_candidate_by_kind_and_counts_trainees_without_names():
    text = document_for(Audience.COUNCIL).text()
    assert "鈴木" not in text and "山田" not in text
    assert "職員1名が「T-PM」を受講" in text
    assert "採用（候補者）" in text


def test_the_internal_plan_names_the_candidate_and_the_trainee():
    text = document_for(Audience.INTERNAL).text()
    assert "鈴木 一郎" in text and "山田 花子" in text


def test_the_funding_table_lists_every_fiscal_year_and_totals_each_source():
    chosen = named_scenario()
    plans = plans_of(chosen)
    table = funding_table(plans, "ja")
    assert table.header[2:] == (
        "総事業費",
        "特別交付税措置等（見込み）",
        "その他の補助",
        "一般財源（実質負担）",
    )
    mix = plans["mix"]
    years = [row for row in table.rows if row[1].startswith("2025年度（令和7年度）")]
    assert len(years) == 3  # one per strategy
    totals = [row for row in table.rows if row[1] == "合計"]
    assert f"{mix.total_cost(net=False):,}円" in totals[-1][2]
    assert totals[-1][5] == f"{mix.total_cost():,}円"


def test_a_strategy_without_a_plan_has_one_row_saying_so_and_no_costs():
    chosen = scenario((training(),), team=(), years=2)  # nobody to train: develop fails
    plans = plans_of(chosen)
    assert plans["develop"].status.value == "infeasible"
    table = funding_table(plans, "en")
    rows = [row for row in table.rows if row[0] == "Strategy 2: develop"]
    assert rows == [("Strategy 2: develop", "no plan meets every target", "—", "—", "—", "—")]


def test_an_unknown_audience_is_refused_naming_what_is_accepted():
    assert audience_of("internal") is Audience.INTERNAL
    with pytest.raises(UnknownAudienceError, match=r'"press".*"council" or "internal"'):
        audience_of("press")


MARKUP = Document(
    title="記号の確認",
    organisation="テスト町",
    audience=Audience.COUNCIL,
    generated=DAY,
    data_as_of=dt.date(2026, 12, 1),
    language="ja",
    blocks=(
        Heading("見出し"),
        Paragraph("#set page(width: 1cm) $x$ [a] *b* _c_ <d> @e \\ 令和9年度"),
        Table(("年度", "金額"), (("2027年度（令和9年度）", "1,234,567円"),), numeric=(1,)),
        BarChart("年度別", ("R9", "R10"), (("総額", (1.5, 2.0)),), "千円"),
    ),
    sources=("総務省",),
)


def test_text_with_typst_markup_reaches_the_pdf_as_written_in_the_embedded_font():
    content = render_pdf(MARKUP)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    assert "#set page(width: 1cm) $x$ [a] *b* _c_ <d> @e \\ 令和9年度" in text
    assert "データ時点：2026年12月1日" in text and "1 / 1" in text
    assert pdf_fonts(content) and all("NotoSansJP" in font for font in pdf_fonts(content))
    assert missing_glyphs(MARKUP.text(), font_dir() / "NotoSansJP_400Regular.ttf") == []
    assert tofu(content) == []


def test_the_glyph_check_finds_characters_the_japanese_font_lacks():
    assert missing_glyphs("令和한🙂", font_dir() / "NotoSansJP_400Regular.ttf") == sorted("한🙂")


def test_the_rendered_pages_show_tofu_where_the_font_lacks_a_character_and_nowhere_else():
    assert tofu(render_pdf(MARKUP)) == []
    korean = dataclasses.replace(
        MARKUP, blocks=(*MARKUP.blocks, Paragraph("令和9年度 국어 テスト 口 回 図"))
    )
    found = tofu(render_pdf(korean))
    assert len(found) == 2 and "어" in found


def test_the_docx_holds_the_same_text_a_chart_image_and_a_page_number_field():
    document = read_docx(io.BytesIO(render_docx(MARKUP)))
    paragraphs = [p.text for p in document.paragraphs]
    assert (
        "記号の確認" in paragraphs
        and "版：議会・首長向け版（個人名・個人の評価を含みません）" in paragraphs
    )
    assert [c.text for c in document.tables[0].rows[1].cells] == [
        "2027年度（令和9年度）",
        "1,234,567円",
    ]
    assert len(document.inline_shapes) == 1
    footer = document.sections[0].footer.paragraphs[0]._p.xml
    assert "PAGE" in footer and "テスト町" in footer


@pytest.mark.parametrize("audience", list(Audience))
def test_the_plan_report_gives_the_support_facts_without_how_to_edit_a_scenario(audience):
    """A secondee where the organisation's location is not known, and a hire without a cap:
    the report says no support is counted and why, not which switch or scenario field the
    planner's user would change (the plan page and the command line say that)."""
    from dxtalent.core.planning import Secondee

    secondee = Secondee(
        "K-1", "出向者", {"PM": 3}, 6_000_000, duration_years=1.0, lead_time_years=0
    )
    chosen = scenario((secondee, hire("H-1", 9_000_000)), years=1)
    plans = {"mix": plan_staffing(chosen), "acquire": plan_staffing(chosen, strategy="acquire")}
    assert any(action.lever == "K-1" for action in plans["mix"].actions)
    for language in ("ja", "en"):
        document = plan_document(
            chosen,
            plans,
            organisation="テスト市",
            audience=audience,
            language=language,
            generated=DAY,
            data_as_of=DAY,
        )
        notes = " ".join(document.sources)
        for technical in ("location.code", "state_support_per_person_year", "firm_in_metropolitan"):
            assert technical not in notes, (language, notes)
        if language == "ja":
            assert "地域活性化起業人の国の支援を計上していません" in notes
            assert "シナリオ" not in notes and "計画画面" not in notes
    # The command line's note keeps the remedy in a scenario file's terms; the page has none
    # to give (the location comes from the organisation's registration).
    assert "location.code" in secondee.support_note(Advice.FILE).en
    assert "location.code" not in secondee.support_note(Advice.PAGE).en
    assert "location.code" not in secondee.support_note(advice=None).en
