"""The survey statistics agree with statsmodels and scipy to 1e-9."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats as scipy_stats
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint

from dxtalent.core.surveys.stats import (
    StatisticsError,
    adjust,
    compare,
    compare_options,
    newcombe,
    wilson,
)

COUNTS = st.integers(1, 300).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n)))


@settings(max_examples=80, deadline=None)
@given(COUNTS, st.sampled_from((0.9, 0.95, 0.99)))
def test_wilson_matches_statsmodels(counts, confidence):
    count, total = counts
    low, high = proportion_confint(count, total, alpha=1 - confidence, method="wilson")
    found = wilson(count, total, confidence)
    assert found.estimate == count / total
    assert found.low == pytest.approx(low, abs=1e-9)
    assert found.high == pytest.approx(high, abs=1e-9)


def test_wilson_does_not_collapse_at_zero_and_all_as_the_wald_interval_does():
    # methods notes §4.1: 0/12 → [0, 0.242], 12/12 → [0.758, 1].
    assert wilson(0, 12).high == pytest.approx(0.242, abs=5e-4)
    assert wilson(12, 12).low == pytest.approx(0.758, abs=5e-4)
    assert wilson(0, 0) is None


@settings(max_examples=80, deadline=None)
@given(COUNTS, COUNTS)
def test_newcombe_matches_statsmodels(first, second):
    low, high = confint_proportions_2indep(
        first[0], first[1], second[0], second[1], method="newcomb", compare="diff"
    )
    found = newcombe(*first, *second)
    assert found.estimate == pytest.approx(first[0] / first[1] - second[0] / second[1], abs=1e-12)
    assert found.low == pytest.approx(low, abs=1e-9)
    assert found.high == pytest.approx(high, abs=1e-9)


def test_large_counts_use_pearsons_chi_square_without_correction():
    # methods notes §4.2: 18/40 vs 9/35 → χ² 3.013, p 0.0826 without Yates' correction.
    found = compare(18, 40, 9, 35)
    assert found.test == "chi-square"
    assert found.statistic == pytest.approx(3.013, abs=5e-4)
    expected = scipy_stats.chi2_contingency([[18, 22], [9, 26]], correction=False)
    assert found.p_value == pytest.approx(expected.pvalue, abs=1e-12)


def test_small_expected_counts_use_fishers_exact_test():
    found = compare(5, 10, 2, 10)
    assert found.test == "fisher"
    odds, p = scipy_stats.fisher_exact([[5, 5], [2, 8]])
    assert found.p_value == pytest.approx(p, abs=1e-12) and found.statistic == odds


def test_a_table_without_variation_is_not_tested():
    found = compare(0, 10, 0, 12)
    assert found.test == "none" and found.p_value == 1.0 and math.isnan(found.statistic)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.floats(0, 1, allow_nan=False), min_size=1, max_size=12),
    st.sampled_from(("holm", "fdr_bh")),
)
def test_corrections_match_statsmodels(p_values, method):
    _reject, expected, _s, _b = multipletests(p_values, method=method)
    assert adjust(p_values, method) == pytest.approx(list(expected), abs=1e-12)


def test_the_corrections_differ_as_the_methods_notes_show():
    p = [0.01, 0.02, 0.03, 0.04, 0.2]
    assert adjust(p, "holm") == pytest.approx([0.05, 0.08, 0.09, 0.09, 0.2])
    assert adjust(p, "fdr_bh") == pytest.approx([0.05, 0.05, 0.05, 0.05, 0.2])


def test_options_are_compared_and_adjusted_together():
    found = compare_options([127, 82, 77], 233, [131, 76, 40], 237, method="holm")
    assert [c.p_adjusted for c in found] == pytest.approx(
        adjust([c.p_value for c in found], "holm")
    )


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: wilson(5, 4), "count: 5 of 4"),
        (lambda: wilson(-1, 4), "count: -1 of 4"),
        (lambda: wilson(1, 4, confidence=95), "confidence: 95"),
        (lambda: adjust([0.5], "bonferroni"), 'method "bonferroni"'),
        (lambda: adjust([1.5]), "p-value 1.5"),
        (lambda: compare_options([1, 2], 10, [1], 10), "options: 2 counts"),
    ],
)
def test_bad_input_is_refused_naming_the_value(call, message):
    with pytest.raises(StatisticsError, match=message):
        call()
