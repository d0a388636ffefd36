"""Intercoder agreement on coded text, with the unit stated.

Unit: the character (a Unicode code point), as NVivo computes its coding comparison: for a code
and a source, each character is coded or not by each of two coders. From the 2 × 2 table of
those characters:
- percent agreement = (both + neither) / characters;
- Cohen's kappa, the textbook formula κ = (p_o − p_e) / (1 − p_e), with p_e from each coder's
  own share of coded characters (undefined, None, when p_e = 1: both coders code all or none
  of the text, as in NVivo's "1" for agreement without variation; we say so instead);
- Krippendorff's alpha for nominal data, from the coincidence matrix of the same units
  (two coders, no missing values): α = 1 − D_o / D_e.
Per code the characters of every source are pooled (each source counted by its length);
overall, the codes' 2 × 2 tables are pooled too (NVivo averages per source weighted by size,
which gives the same percent agreement).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy

from dxtalent.core.interviews.positions import PassagePositionError, check_passage
from dxtalent.core.interviews.reliability import (
    Alpha,
    Metric,
    ReliabilityError,
    fleiss_kappa,
    krippendorff_alpha,
)


class AgreementError(ValueError):
    """Codings that cannot be compared; the message names the value."""


@dataclass(frozen=True)
class Segment:
    """A coded span: characters start (included) to end (excluded), code points from 0."""

    source: str
    start: int
    end: int
    code: str
    coder: str


@dataclass(frozen=True)
class Table2x2:
    """Characters coded by both coders, by the first only, by the second only, by neither."""

    both: int
    first_only: int
    second_only: int
    neither: int

    @property
    def units(self) -> int:
        return self.both + self.first_only + self.second_only + self.neither

    def __add__(self, other: Table2x2) -> Table2x2:
        return Table2x2(
            self.both + other.both,
            self.first_only + other.first_only,
            self.second_only + other.second_only,
            self.neither + other.neither,
        )


@dataclass(frozen=True)
class Agreement:
    """Agreement on one code (or overall, code None) between two coders."""

    code: str | None
    table: Table2x2
    percent: float | None
    kappa: float | None
    alpha: float | None
    unit: str = "character"


def _covered(segments: Iterable[Segment], length: int) -> list[bool]:
    marks = [False] * length
    for segment in segments:
        for index in range(max(0, segment.start), min(length, segment.end)):
            marks[index] = True
    return marks


def table_for(
    segments: Sequence[Segment], lengths: Mapping[str, int], code: str, first: str, second: str
) -> Table2x2:
    """The 2 × 2 table of characters for `code`, over every source in `lengths`."""
    total = Table2x2(0, 0, 0, 0)
    for source, length in lengths.items():
        one = _covered(
            (s for s in segments if s.source == source and s.code == code and s.coder == first),
            length,
        )
        two = _covered(
            (s for s in segments if s.source == source and s.code == code and s.coder == second),
            length,
        )
        both = sum(a and b for a, b in zip(one, two, strict=True))
        first_only = sum(a and not b for a, b in zip(one, two, strict=True))
        second_only = sum(b and not a for a, b in zip(one, two, strict=True))
        total = total + Table2x2(
            both, first_only, second_only, length - both - first_only - second_only
        )
    return total


def kappa(table: Table2x2) -> float | None:
    """Cohen's kappa from a 2 × 2 table; None when chance agreement is 1."""
    n = table.units
    if n == 0:
        return None
    observed = (table.both + table.neither) / n
    first_yes = (table.both + table.first_only) / n
    second_yes = (table.both + table.second_only) / n
    expected = first_yes * second_yes + (1 - first_yes) * (1 - second_yes)
    if expected == 1:
        return None
    return (observed - expected) / (1 - expected)


def alpha(table: Table2x2) -> float | None:
    """Krippendorff's alpha (nominal, two coders, every unit coded by both) from a 2 × 2
    table; None when there is no variation (D_e = 0)."""
    n = table.units
    if n == 0:
        return None
    # Coincidences: each unit contributes its ordered pairs of values (2 pairs).
    o_yy = 2 * table.both
    o_nn = 2 * table.neither
    o_yn = table.first_only + table.second_only  # = o_ny
    n_y = o_yy + o_yn
    n_n = o_nn + o_yn
    total = n_y + n_n  # 2n
    disagreement_observed = 2 * o_yn / total
    disagreement_expected = 2 * n_y * n_n / (total * (total - 1)) if total > 1 else 0
    if disagreement_expected == 0:
        return None
    return 1 - disagreement_observed / disagreement_expected


def agreement(
    segments: Sequence[Segment],
    lengths: Mapping[str, int],
    first: str,
    second: str,
    codes: Sequence[str] | None = None,
) -> list[Agreement]:
    """Agreement between coders `first` and `second` on each code (default: every code either
    used), then overall (code None). `lengths`: each source's length in characters; a segment
    outside its source raises AgreementError."""
    for segment in segments:
        length = lengths.get(segment.source)
        if length is None:
            raise AgreementError(f"segment of {segment.code!r}: no source {segment.source!r}")
        try:
            check_passage(segment.start, segment.end, length)
        except PassagePositionError:
            raise AgreementError(
                f"segment {segment.start}–{segment.end} of {segment.code!r} lies outside "
                f"{segment.source!r} (0–{length})"
            ) from None
    chosen = (
        list(codes)
        if codes is not None
        else sorted({s.code for s in segments if s.coder in (first, second)})
    )
    found = []
    overall = Table2x2(0, 0, 0, 0)
    for code in chosen:
        table = table_for(segments, lengths, code, first, second)
        overall = overall + table
        found.append(_result(code, table))
    found.append(_result(None, overall))
    return found


def _result(code: str | None, table: Table2x2) -> Agreement:
    percent = (table.both + table.neither) / table.units if table.units else None
    return Agreement(code, table, percent, kappa(table), alpha(table))


# --- any number of coders: units for Krippendorff's alpha --------------------------------


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """The paragraphs of a text as (start, end) character spans: each non-blank line (a
    transcript's turn or paragraph), without its line break."""
    spans = []
    position = 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((position, position + len(line)))
        position += len(line) + 1
    return spans


def coding_units(
    segments: Sequence[Segment],
    lengths: Mapping[str, int],
    coders: Sequence[str],
    *,
    code: str | None = None,
    spans: Mapping[str, Sequence[tuple[int, int]]] | None = None,
) -> Mapping[tuple[object, ...], int]:
    """The reliability data of coded text: distinct units (one value per coder, in the order
    of `coders`) and how many units look like each.

    Units: every character of every source (spans None), or the given spans of each source
    (paragraphs, or units the researcher defines). Value: with `code`, whether the coder
    applied it (to the character, or anywhere in the span); without, the set of codes the
    coder applied there (a frozenset: multi-category nominal data, "none" included as the
    empty set). A coder who coded nothing in a source gave no value (None) for its units: they
    did not code it, which is not the same as finding nothing there.
    """
    chosen = [s for s in segments if s.coder in coders and (code is None or s.code == code)]
    codes = sorted({s.code for s in chosen}) if code is None else [code]
    index = {c: i for i, c in enumerate(codes)}
    coded_sources = {(s.source, s.coder) for s in segments if s.coder in coders}
    patterns: Counter[tuple[object, ...]] = Counter()
    for source, length in lengths.items():
        units = (
            [(i, i + 1) for i in range(length)]
            if spans is None
            else [(a, b) for a, b in spans.get(source, ()) if 0 <= a < b <= length]
        )
        if not units:
            continue
        present = [(source, coder) in coded_sources for coder in coders]
        if not codes:  # nothing coded by anyone: each coder who coded the source found nothing
            empty: object = frozenset() if code is None else False
            patterns[tuple(empty if p else None for p in present)] += len(units)
            continue
        # marks[coder, code, position]: coded or not, per character.
        marks = numpy.zeros((len(coders), len(codes), length + 1), dtype=numpy.int32)
        for s in chosen:
            if s.source == source:
                row = marks[coders.index(s.coder), index[s.code]]
                row[max(0, s.start)] += 1
                row[min(length, s.end)] -= 1
        covered = numpy.cumsum(marks, axis=2)[:, :, :length] > 0
        if spans is None:
            values = covered
        else:
            prefix = numpy.concatenate(
                [numpy.zeros((*covered.shape[:2], 1), dtype=numpy.int64), covered.cumsum(2)],
                axis=2,
            )
            starts = numpy.array([a for a, _b in units])
            ends = numpy.array([b for _a, b in units])
            values = (prefix[:, :, ends] - prefix[:, :, starts]) > 0
        columns, counts = numpy.unique(
            values.reshape(len(coders) * len(codes), -1), axis=1, return_counts=True
        )
        for column, count in zip(columns.T, counts, strict=True):
            by_coder = column.reshape(len(coders), len(codes))
            unit = tuple(
                None
                if not present[i]
                else bool(by_coder[i, 0])
                if code is not None
                else frozenset(c for c, flag in zip(codes, by_coder[i], strict=True) if flag)
                for i in range(len(coders))
            )
            patterns[unit] += int(count)
    return patterns


@dataclass(frozen=True)
class CodeAlpha:
    """Krippendorff's alpha (nominal) for one code, or for every code as one multi-category
    value (code None); result None when no unit is pairable. fleiss: Fleiss' kappa over the
    same units where it applies (every coder gave a value to every unit), else None."""

    code: str | None
    result: Alpha | None
    fleiss: float | None


def alpha_by_code(
    segments: Sequence[Segment],
    lengths: Mapping[str, int],
    coders: Sequence[str],
    *,
    spans: Mapping[str, Sequence[tuple[int, int]]] | None = None,
    resamples: int = 1000,
    level: float = 0.95,
    seed: int = 0,
) -> list[CodeAlpha]:
    """Alpha of `coders` for each code any of them used (sorted), then over all codes; units
    as in coding_units (characters, or the spans given)."""
    if len(set(coders)) < 2:
        raise AgreementError("agreement needs at least two different coders")
    codes = sorted({s.code for s in segments if s.coder in coders})
    found = []
    for code in [*codes, None]:
        units = coding_units(segments, lengths, coders, code=code, spans=spans)
        try:
            result = krippendorff_alpha(
                units, Metric.NOMINAL, resamples=resamples, level=level, seed=seed
            )
        except ReliabilityError:
            result = None
        fleiss = fleiss_kappa([u for u, weight in units.items() for _ in range(weight)])
        found.append(CodeAlpha(code, result, fleiss))
    return found
