"""Agreement figures match scikit-learn's cohen_kappa_score and the krippendorff package on the
same characters."""

from __future__ import annotations

import krippendorff
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import cohen_kappa_score

from dxtalent.core.interviews import AgreementError, Segment, agreement

LENGTHS = {"s1": 60, "s2": 40}


def flags(segments, code, coder):
    out = []
    for source, length in LENGTHS.items():
        marks = [0] * length
        for s in segments:
            if s.source == source and s.code == code and s.coder == coder:
                for i in range(s.start, s.end):
                    marks[i] = 1
        out.extend(marks)
    return out


spans = st.tuples(
    st.sampled_from(("s1", "s2")),
    st.integers(0, 38),
    st.integers(1, 20),
    st.sampled_from(("LEAD", "NEGO")),
    st.sampled_from(("ana", "ben")),
).map(lambda t: Segment(t[0], t[1], min(t[1] + t[2], LENGTHS[t[0]]), t[3], t[4]))


@settings(max_examples=80, deadline=None)
@given(st.lists(spans, min_size=1, max_size=12))
def test_kappa_and_alpha_match_the_reference_implementations(segments):
    for result in agreement(segments, LENGTHS, "ana", "ben", codes=["LEAD", "NEGO"]):
        if result.code is None:
            one = flags(segments, "LEAD", "ana") + flags(segments, "NEGO", "ana")
            two = flags(segments, "LEAD", "ben") + flags(segments, "NEGO", "ben")
        else:
            one, two = flags(segments, result.code, "ana"), flags(segments, result.code, "ben")
        assert result.table.units == len(one)
        assert result.percent == pytest.approx(np.mean(np.array(one) == np.array(two)))
        if len(set(one) | set(two)) == 1:
            assert result.kappa is None and result.alpha is None
            continue
        expected = cohen_kappa_score(one, two)
        if np.isnan(expected):
            assert result.kappa is None
        else:
            assert result.kappa == pytest.approx(expected, abs=1e-9)
        reference = krippendorff.alpha(
            reliability_data=np.array([one, two], dtype=float), level_of_measurement="nominal"
        )
        assert result.alpha == pytest.approx(reference, abs=1e-9)


def test_the_methods_notes_example_of_1000_characters():
    # Coder 1 codes 0–300, coder 2 codes 100–400 of a 1,000-character source.
    segments = [Segment("s", 0, 300, "C", "a"), Segment("s", 100, 400, "C", "b")]
    [code, overall] = agreement(segments, {"s": 1000}, "a", "b")
    assert code.table.both == 200 and code.percent == pytest.approx(0.8)
    assert code.kappa == pytest.approx(0.5238095, abs=1e-6)
    assert overall.kappa == code.kappa and code.unit == "character"


def test_a_segment_outside_its_source_is_refused():
    with pytest.raises(AgreementError, match="lies outside 's'"):
        agreement([Segment("s", 5, 20, "C", "a")], {"s": 10}, "a", "b")
    with pytest.raises(AgreementError, match="no source 'x'"):
        agreement([Segment("x", 0, 2, "C", "a")], {"s": 10}, "a", "b")
