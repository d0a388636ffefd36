"""Exact reductions of the planner's model before HiGHS sees it: rows another row implies and
columns that can only hurt. The optimum (its objective value) is unchanged; only rows and
columns that cannot change it go.

- A row implies another: in the form a·x ≤ u (a target Σ ≥ need is −Σ ≤ −need), row q implies
  row r when a_q ≥ a_r entry by entry and u_q ≤ u_r, because every column is ≥ 0. Against
  20 rotation scenarios most of a target's rows are implied by the scenario where most people
  leave, and a capability whose criterion is harder to meet implies an easier one with a
  smaller need (planning notes §6.2: the sampled model is mostly copies). The test is exact on
  equal values: q's positive entries must be r's positive entries with the same value, r's
  negative entries q's negative entries with the same value (sufficient, not necessary), so no
  tolerance is involved. Rows are compared within a fiscal year (rows of other years rarely
  imply each other and comparing all pairs would cost more than it saves). Of rows that imply
  each other both ways (equal), the first is kept.
- A column can only hurt when its cost is ≥ 0 and every entry it has in a kept row, in the
  ≤ form, is ≥ 0: setting it to 0 keeps any plan feasible and costs no more, so it is fixed at
  0 (its upper bound, for the solver only).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

# No type stubs are installed for SciPy.
import scipy.sparse as sp  # type: ignore[import-untyped]

_YEAR = re.compile(r" FY(\d+)")

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]
Flags = npt.NDArray[np.bool_]


def row_form(
    starts: Ints, values: Floats, row_lower: Floats, row_upper: Floats
) -> tuple[Floats, Floats, Flags]:
    """(values, upper bound, whether the row takes part) of each row in the form a·x ≤ u:
    a row with only a finite lower bound is negated; a row with both bounds finite (none in the
    planner's model) takes no part."""
    lower_only = np.isfinite(row_lower) & ~np.isfinite(row_upper)
    upper_only = np.isfinite(row_upper) & ~np.isfinite(row_lower)
    sign = np.where(lower_only, -1.0, 1.0)
    per_entry = np.repeat(sign, np.diff(starts))
    bound = np.where(lower_only, -row_lower, row_upper)
    return values * per_entry, bound, lower_only | upper_only


def implied_rows(
    starts: Ints,
    index: Ints,
    values: Floats,
    row_lower: Floats,
    row_upper: Floats,
    labels: Sequence[str],
) -> Flags:
    """Whether each row (CSR: `starts`, `index`, `values`) is implied by another kept row of
    the same fiscal year (the year named " FY<year>" in its label); see the module notes."""
    rows = len(starts) - 1
    implied = np.zeros(rows, dtype=bool)
    if rows < 2 or not len(index):
        return implied
    signed, bound, takes_part = row_form(starts, values, row_lower, row_upper)
    groups: dict[str, list[int]] = defaultdict(list)
    for row, label in enumerate(labels):
        found = _YEAR.search(label)
        if found and takes_part[row]:
            groups[found.group(1)].append(row)
    # One "virtual column" per distinct (column, value): equal virtual columns, equal entries.
    _values, value_id = np.unique(signed, return_inverse=True)
    _keys, virtual = np.unique(
        value_id.reshape(-1).astype(np.int64) * (int(index.max()) + 1) + index,
        return_inverse=True,
    )
    virtual = virtual.reshape(-1)
    width = int(virtual.max()) + 1
    row_of = np.repeat(np.arange(rows), np.diff(starts))
    positive = signed > 0
    negative = signed < 0
    ones = np.ones(len(index), dtype=np.int32)
    plus = sp.csr_matrix(
        (ones[positive], (row_of[positive], virtual[positive])), shape=(rows, width)
    )
    minus = sp.csr_matrix(
        (ones[negative], (row_of[negative], virtual[negative])), shape=(rows, width)
    )
    plus_size = np.diff(plus.indptr)
    minus_size = np.diff(minus.indptr)
    for members in groups.values():
        if len(members) < 2:
            continue
        chosen = np.array(members)
        p, m = plus[chosen], minus[chosen]
        # shared_plus[q, r]: r's positive entries that q has; q ≥ r needs all of them.
        shared_plus = (p @ p.T).toarray()
        shared_minus = (m @ m.T).toarray()
        covers = shared_plus >= plus_size[chosen][np.newaxis, :]
        within = shared_minus >= minus_size[chosen][:, np.newaxis]
        tighter = bound[chosen][:, np.newaxis] <= bound[chosen][np.newaxis, :]
        implies = covers & within & tighter  # implies[q, r]: q implies r
        np.fill_diagonal(implies, False)
        order = np.arange(len(chosen))
        equal = implies & implies.T
        implies &= ~(equal & (order[:, np.newaxis] > order[np.newaxis, :]))
        implied[chosen] = implies.any(axis=0)
    return implied


def useless_columns(
    starts: Ints,
    index: Ints,
    values: Floats,
    row_lower: Floats,
    row_upper: Floats,
    kept: Flags,
    cost: Floats,
    columns: int,
) -> Flags:
    """Whether each column can only hurt: cost ≥ 0 and, in the kept rows' ≤ form, no entry
    below 0 (module notes)."""
    signed, _bound, takes_part = row_form(starts, values, row_lower, row_upper)
    row_of = np.repeat(np.arange(len(starts) - 1), np.diff(starts))
    counted = kept[row_of]
    helps = np.zeros(columns, dtype=bool)
    # An entry in a ranged row (both bounds finite) may help either way.
    either = counted & ~takes_part[row_of]
    helps[index[either & (values != 0)]] = True
    helps[index[counted & takes_part[row_of] & (signed < 0)]] = True
    return (cost >= 0) & ~helps
