"""Structure files beside an export: LimeSurvey .lss and KoboToolbox/ODK XLSForm."""

from __future__ import annotations

from pathlib import Path

import pytest

from dxtalent.core.surveys.imports import read_survey_file
from dxtalent.core.surveys.structure import read_lss, read_xlsform
from dxtalent.core.tabular import TableFormatError, TableValidationError

FIXTURES = Path(__file__).resolve().parents[4] / "shared" / "fixtures"
LSS = FIXTURES / "limesurvey" / "survey_616667_answers.lss"
FORM = FIXTURES / "kobo" / "kobo_sample_xlsform.xlsx"
EXPORT = FIXTURES / "kobo" / "kobo_sample_dataset_export.xlsx"
R_DATA = FIXTURES / "limesurvey" / "survey_998192_R_data_file.csv"


def _need(*paths: Path) -> None:
    for path in paths:
        if not path.is_file():
            pytest.skip(f"fixture not found at {path}")


META = '"Response ID","Date submitted","Last page","Start language","Seed","Date started","Date last action"'


def _r_data_for_the_lss(second_answer: str = "AO03") -> bytes:
    """An R data file as LimeSurvey exports one for survey 616667: question texts as headers,
    subquestions in brackets, multiple choice as 1/0 columns, array answers as codes."""
    header = [
        "This is the first question [First option]",
        "This is the first question [Second option]",
        "This is the first question [Third option]",
        *(
            f"This is the second question [{s}]"
            for s in ("Color", "Milkiness", "Creaminess", "Mouthfeel", "Aftertaste")
        ),
    ]
    rows = [
        [
            "1",
            "2026-10-01 10:00:00",
            "1",
            "en",
            "1",
            "",
            "",
            "1",
            "0",
            "1",
            "AO01",
            second_answer,
            "AO05",
            "",
            "AO02",
        ],
        [
            "2",
            "2026-10-01 11:00:00",
            "1",
            "en",
            "2",
            "",
            "",
            "0",
            "0",
            "1",
            "AO02",
            "AO02",
            "AO02",
            "AO02",
            "AO02",
        ],
    ]
    lines = [META + "," + ",".join(f'"{h}"' for h in header)]
    lines += [",".join(f'"{v}"' for v in row) for row in rows]
    return ("\ufeff" + "\n".join(lines) + "\n").encode("utf-8")


def test_the_lss_gives_question_codes_texts_and_answer_options():
    _need(LSS)
    structure = read_lss(LSS.read_bytes())
    assert structure.title == "Survey with Question Answers"
    first, second = structure.questions
    assert (first.code, first.kind.value) == ("Q01", "multiple")
    assert [o.code for o in first.options] == ["SQ001", "SQ002", "SQ003"]
    assert second.code == "Q02" and next(o.label.en for o in second.options) == "Too much"
    assert [s for s, _t in second.subquestions] == ["SQ001", "SQ002", "SQ003", "SQ004", "SQ005"]


def test_an_r_data_file_with_its_lss_imports_with_question_codes_and_labels():
    _need(LSS)
    data = read_survey_file(
        _r_data_for_the_lss(),
        "survey_616667_R_data_file.csv",
        structure=LSS.read_bytes(),
        structure_name=LSS.name,
    )
    codes = [v.code for v in data.variables]
    assert codes == ["Q01", "Q02_SQ001", "Q02_SQ002", "Q02_SQ003", "Q02_SQ004", "Q02_SQ005"]
    first = data.variable("Q01")
    assert [o.label.en for o in first.options] == ["First option", "Second option", "Third option"]
    assert data.rows[0]["Q01"] == frozenset({"SQ001", "SQ003"})
    color = data.variable("Q02_SQ001")
    assert color.kind.value == "single" and color.label == "This is the second question [Color]"
    assert data.rows[0]["Q02_SQ001"] == "AO01" and data.rows[0]["Q02_SQ004"] is None


def test_an_answer_the_lss_does_not_offer_is_refused_naming_row_column_and_value():
    _need(LSS)
    with pytest.raises(TableValidationError) as caught:
        read_survey_file(
            _r_data_for_the_lss("AO09"), "d.csv", structure=LSS.read_bytes(), structure_name="s.lss"
        )
    [error] = caught.value.errors
    assert (error.row, error.column, error.value) == (2, "Q02_SQ002", "AO09")
    assert "AO01" in str(error)


def test_a_structure_of_another_survey_is_refused_as_such():
    _need(LSS, R_DATA)
    with pytest.raises(TableFormatError, match="describes another survey"):
        read_survey_file(
            R_DATA.read_bytes(), R_DATA.name, structure=LSS.read_bytes(), structure_name="s.lss"
        )


def test_an_xlsform_given_as_data_is_refused_saying_what_it_is():
    _need(FORM)
    with pytest.raises(TableFormatError, match="is an XLSForm, a form definition"):
        read_survey_file(FORM.read_bytes(), FORM.name)


def test_an_xlsform_beside_its_export_labels_questions_and_choices_and_lists_the_repeat_group():
    _need(FORM, EXPORT)
    structure = read_xlsform(FORM.read_bytes(), FORM.name)
    assert structure.title == "Sample Dataset KoboloadeR"
    assert {q.code for q in structure.questions if q.repeat == "members"} == {"age", "sex"}
    data = read_survey_file(
        EXPORT.read_bytes(), EXPORT.name, structure=FORM.read_bytes(), structure_name=FORM.name
    )
    location = data.variable("location")
    assert (
        location.kind.value == "single" and location.label == "Where is the interview taking place"
    )
    assert [o.code for o in location.options] == ["home", "subcenter", "private_facility"]
    reason = data.variable("profile.reason")
    assert reason.kind.value == "multiple" and len(reason.options) == 9
    assert any(s.startswith("sheet members (12 rows") for s in data.skipped)
    assert "repeat group members (its own table in the export)" in data.skipped


def test_without_a_form_the_repeat_group_sheet_is_listed_not_dropped():
    _need(EXPORT)
    data = read_survey_file(EXPORT.read_bytes(), EXPORT.name)
    assert any(s.startswith("sheet members (12 rows") for s in data.skipped)


def test_hostile_xml_in_an_lss_is_refused():
    bomb = b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><document>&b;</document>'
    with pytest.raises(TableFormatError, match="not a LimeSurvey structure file"):
        read_lss(bomb)
