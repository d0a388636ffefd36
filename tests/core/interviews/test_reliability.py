"""Krippendorff's alpha against Krippendorff's own worked examples and against the
`krippendorff` package (GPL, used in the tests only); Fleiss' kappa against statsmodels."""

import random

import pytest

from dxtalent.core.interviews.reliability import (
    Metric,
    ReliabilityError,
    fleiss_kappa,
    krippendorff_alpha,
)

krippendorff = pytest.importorskip("krippendorff")

# Krippendorff (2011) "Computing Krippendorff's Alpha-Reliability", section C: four observers,
# twelve units, missing values (None). Rows here are units, one value per observer A–D.
_A = [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None]
_B = [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3]
_C = [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None]
_D = [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None]
SECTION_C = [list(unit) for unit in zip(_A, _B, _C, _D, strict=True)]


@pytest.mark.parametrize(
    ("metric", "published"),
    [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849), ("ratio", 0.797)],
)
def test_alpha_reproduces_krippendorffs_worked_example_with_missing_values(metric, published):
    result = krippendorff_alpha(SECTION_C, metric)
    assert round(result.alpha, 3) == published
    # Unit 12 has one value only: not pairable. Section C: n = 40 pairable values.
    assert (result.units, result.pairable_values) == (11, 40)


def test_alpha_reproduces_the_binary_example_of_two_observers():
    # Section A: two observers, ten units, binary values; alpha = 0.095.
    first = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    second = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    assert (
        round(krippendorff_alpha(list(zip(first, second, strict=True)), "nominal").alpha, 3)
        == 0.095
    )


def test_alpha_reproduces_the_nominal_example_of_two_observers():
    # Section B: two observers, twelve units, categories a–e; alpha = 0.692.
    first = "aabbdcccedda"
    second = "babbbccceddd"
    assert (
        round(krippendorff_alpha(list(zip(first, second, strict=True)), "nominal").alpha, 3)
        == 0.692
    )


@pytest.mark.parametrize("metric", list(Metric))
@pytest.mark.parametrize("seed", range(8))
def test_alpha_matches_the_krippendorff_package_on_random_data(metric, seed):
    rng = random.Random(seed)
    coders, units = rng.randint(2, 6), rng.randint(5, 40)
    categories = rng.randint(2, 6)
    matrix = [
        [None if rng.random() < 0.2 else rng.randint(1, categories) for _ in range(coders)]
        for _ in range(units)
    ]
    try:
        ours = krippendorff_alpha(matrix, metric).alpha
    except ReliabilityError:
        pytest.skip("no pairable unit drawn")
    reliability_data = [
        [float("nan") if matrix[u][c] is None else matrix[u][c] for u in range(units)]
        for c in range(coders)
    ]
    theirs = krippendorff.alpha(
        reliability_data=reliability_data, level_of_measurement=metric.value
    )
    if ours is None:
        assert theirs != theirs or theirs == pytest.approx(1.0)  # nan or no variation
    else:
        assert ours == pytest.approx(theirs, abs=1e-12)


def test_the_bootstrap_interval_contains_alpha_and_is_reproducible():
    first = krippendorff_alpha(SECTION_C, "interval", resamples=500, seed=3)
    again = krippendorff_alpha(SECTION_C, "interval", resamples=500, seed=3)
    low, high = first.interval
    assert low <= first.alpha <= high < 1.0000001
    assert first.interval == again.interval and first.resamples == 500


def test_alpha_without_any_pairable_unit_is_refused_with_a_reason():
    with pytest.raises(ReliabilityError, match="pairable"):
        krippendorff_alpha([[1, None], [None, 2]])


def test_interval_data_must_be_numbers():
    with pytest.raises(ReliabilityError, match="interval data must be numbers; found 'a'"):
        krippendorff_alpha([["a", "b"]], "interval")


def test_alpha_is_none_when_every_value_is_the_same():
    assert krippendorff_alpha([[1, 1], [1, 1]]).alpha is None


def test_fleiss_kappa_matches_statsmodels():
    inter_rater = pytest.importorskip("statsmodels.stats.inter_rater")
    rng = random.Random(5)
    matrix = [[rng.randint(1, 4) for _ in range(5)] for _ in range(30)]
    table, _categories = inter_rater.aggregate_raters(matrix)
    assert fleiss_kappa(matrix) == pytest.approx(inter_rater.fleiss_kappa(table), abs=1e-12)


def test_fleiss_kappa_does_not_apply_with_missing_values():
    assert fleiss_kappa(SECTION_C) is None


# --- units of coded text ------------------------------------------------------------------

from dxtalent.core.interviews.agreement import (  # noqa: E402
    Segment,
    agreement,
    coding_units,
    paragraph_spans,
)


def _segments():
    return [
        Segment("s1", 0, 10, "A", "ann"),
        Segment("s1", 5, 15, "A", "ben"),
        Segment("s1", 20, 30, "B", "ann"),
        Segment("s1", 22, 30, "B", "ben"),
        Segment("s1", 12, 18, "B", "cai"),
        Segment("s2", 0, 4, "A", "ann"),
        Segment("s2", 2, 6, "A", "ben"),
    ]


def test_on_characters_with_two_coders_alpha_is_the_two_by_two_alpha():
    lengths = {"s1": 40, "s2": 10}
    two = {r.code: r.alpha for r in agreement(_segments(), lengths, "ann", "ben")}
    for code in ("A", "B"):
        units = coding_units(_segments(), lengths, ["ann", "ben"], code=code)
        assert krippendorff_alpha(units).alpha == pytest.approx(two[code], abs=1e-12)
        assert sum(units.values()) == 50  # every character a unit


def test_a_coder_who_coded_nothing_in_a_source_gives_no_value_there():
    units = coding_units(_segments(), {"s1": 40, "s2": 10}, ["ann", "cai"], code="A")
    # cai coded nothing in s2: its ten characters carry ann's value only.
    assert sum(w for unit, w in units.items() if unit[1] is None) == 10


def test_without_a_code_each_unit_holds_the_set_of_codes_applied_as_one_nominal_value():
    lengths = {"s1": 40}
    units = coding_units(_segments(), lengths, ["ann", "ben", "cai"])
    # Character 13: ann nothing, ben A, cai B.
    assert units[(frozenset(), frozenset({"A"}), frozenset({"B"}))] >= 1
    names = {frozenset(): 0, frozenset({"A"}): 1, frozenset({"B"}): 2}
    matrix = [[None] * 40 for _ in range(3)]
    expanded = [unit for unit, weight in units.items() for _ in range(weight)]
    for u, unit in enumerate(expanded):
        for c, value in enumerate(unit):
            matrix[c][u] = float("nan") if value is None else names[value]
    theirs = krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal")
    assert krippendorff_alpha(units).alpha == pytest.approx(theirs, abs=1e-12)


def test_paragraph_units_count_a_code_applied_anywhere_in_the_paragraph():
    text = "first line\n\nsecond one\nthird"
    spans = paragraph_spans(text)
    assert [text[a:b] for a, b in spans] == ["first line", "second one", "third"]
    segments = [Segment("s", 2, 4, "A", "ann"), Segment("s", 8, 14, "A", "ben")]
    units = coding_units(segments, {"s": len(text)}, ["ann", "ben"], code="A", spans={"s": spans})
    assert units == {(True, True): 1, (False, True): 1, (False, False): 1}


def test_a_project_without_codings_gives_units_without_pairable_values():
    units = coding_units([], {"s": 5}, ["ann", "ben"])
    assert units == {(None, None): 5}
    with pytest.raises(ReliabilityError):
        krippendorff_alpha(units)
