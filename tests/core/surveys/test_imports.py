"""Imports of real exports from LimeSurvey, KoboToolbox and SPSS (../shared/fixtures, see its
SOURCES.md for what each holds), and of broken files."""

from __future__ import annotations

from pathlib import Path

import pytest

from dxtalent.core.surveys import tabulate
from dxtalent.core.surveys.imports import read_kobo, read_survey_file
from dxtalent.core.tabular import TableFormatError, TableValidationError

FIXTURES = Path(__file__).resolve().parents[3].parent / "shared" / "fixtures"


def fixture(name: str) -> Path:
    path = FIXTURES / name
    if not path.is_file():
        pytest.skip(f"fixture not found at {path}")
    return path


def read(name: str):
    path = fixture(name)
    return read_survey_file(path.read_bytes(), path.name)


def test_limesurvey_r_export_responses_and_multiple_choice_columns():
    data = read("limesurvey/survey_998192_R_data_file.csv")
    assert data.format == "limesurvey" and len(data.respondents) == 7
    [school] = [v for v in data.variables if v.kind == "multiple"]
    assert [o.code for o in school.options] == [
        "Primary School",
        "Secondary School",
        "Tertairy School",
        "Quartiary School",
    ]
    # Three states: a set (possibly empty) when shown, None when every column is empty.
    states = [row[school.code] for row in data.rows]
    assert any(s is None for s in states) and any(s for s in states)
    assert data.skipped[0] == "Response ID"


def test_limesurvey_other_columns_are_free_text_beside_the_choices():
    data = read("limesurvey/survey_100001_R_data_file.csv")
    assert len(data.respondents) == 3
    choices = [v for v in data.variables if v.kind == "multiple"]
    assert sum(len(v.options) for v in choices) == 24
    assert [v.code for v in data.variables if v.code.endswith("_other")] == ["Q6_other", "Q7_other"]
    bar = next(v for v in choices if "Bar" in [o.code for o in v.options])
    assert bar.label.startswith("In your next visit to Amsterdam")


def test_kobo_export_select_multiple_packed_and_split_agree():
    data = read("kobo/kobo_sample_dataset_export.xlsx")
    assert data.format == "kobo" and len(data.respondents) == 5
    assert [v.code for v in data.variables] == [
        "location",
        "profile.country",
        "profile.occupation",
        "profile.reason",
        "profile.HHSize",
    ]
    reason = data.variable("profile.reason")
    assert len(reason.options) == 9 and reason.kind == "multiple"
    assert data.rows[0]["profile.reason"] == frozenset(
        {"accomodation", "employment", "education", "community"}
    )
    assert data.variable("profile.HHSize").kind == "number"
    assert "_uuid" in data.skipped and "start" in data.skipped
    assert data.respondents[0] == "48cc75b7-3d86-4c3e-a99b-24b4032b7b9c"
    tables = tabulate(data.instrument(), data.responses())
    assert next(t for t in tables if t.question == "profile.reason").base == 5


def test_kobo_packed_choices_that_disagree_with_the_split_columns_are_refused():
    csv = "q.reason,q.reason.a,q.reason.b,_uuid\na b,1,1,u1\na,0,1,u2\n,,,u3\n"
    with pytest.raises(TableValidationError) as caught:
        read_kobo(csv.encode(), "export.csv")
    [error] = caught.value.errors
    assert error.row == 3 and error.column == "q.reason" and error.value == "a"
    ok = read_kobo(csv.replace("a,0,1", "b,0,1").encode(), "export.csv")
    assert [row["q.reason"] for row in ok.rows] == [frozenset("ab"), frozenset("b"), None]


def test_spss_multiple_response_sets_and_user_missing_values():
    data = read("spss/simple_alltypes.sav")
    assert len(data.respondents) == 6
    sets = {v.code: v for v in data.variables if v.kind == "multiple"}
    assert set(sets) == {"mymrset", "categorical_array"}
    assert sets["mymrset"].label == "My multiple response set"
    assert [o.code for o in sets["mymrset"].options] == ["bool1", "bool2", "bool3"]
    assert data.rows[0]["mymrset"] == frozenset({"bool1", "bool2"})
    assert [o.code for o in sets["categorical_array"].options] == ["a", "b", "c", "d"]
    # x: user-missing 7, 8, 99 (one case); z: −999…0 and 999 (two cases) plus two system-missing.
    assert sum(row["x"] is None for row in data.rows) == 1
    assert sum(row["z"] is None for row in data.rows) == 4
    assert data.missing[3, "z"] == "skipped"  # the label of 999
    assert [o.code for o in data.variable("x").options] == ["1", "2", "3", "4", "9"]
    assert data.variable("z").kind == "number"  # its only label is for a missing code
    x = next(t for t in tabulate(data.instrument(), data.responses()) if t.question == "x")
    assert x.base == 5 and [row.count for row in x.rows] == [1, 1, 1, 1, 1]


def test_spss_user_missing_codes_keep_their_labels_as_reasons():
    data = read("spss/sample_missing.sav")
    assert len(data.respondents) == 7
    assert data.missing[5, "mylabl"] == "undetermined" and data.missing[5, "myord"] == "missing"
    assert data.rows[6]["mynum"] is None  # 2500 lies in the missing range 2000–3000
    strings = read("spss/missing_char.sav")
    assert [row["mychar"] for row in strings.rows] == [None, "a"]
    assert strings.missing[0, "mychar"] == "user-missing Z"


def test_broken_files_are_refused_whole():
    with pytest.raises(TableFormatError, match="not a readable SPSS"):
        read_survey_file(b"not spss", "x.sav")
    with pytest.raises(TableFormatError, match="the format is not known"):
        read_survey_file(b"x", "answers.pdf")
    header = '"Response ID","Date submitted","Last page","Start language","Seed","Date started","Date last action","Q [A]"\n'
    with pytest.raises(TableValidationError, match="Row 3"):
        read_survey_file((header + '"1","","","","","","","1"\n"2","",""\n').encode(), "r.csv")
