"""The planner's mixed-integer program as plain lists (columns with bounds, cost and
integrality; rows as sparse dicts), solved by HiGHS (highspy) without touching the process's
file descriptors."""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping
from dataclasses import dataclass, field

import highspy
import numpy as np
import numpy.typing as npt

# No type stubs are installed for SciPy.
import scipy.sparse as sp  # type: ignore[import-untyped]
from highspy._core import _Highs

from dxtalent.core.planning.plan import PlanStatus
from dxtalent.core.planning.pooling import pooled
from dxtalent.core.planning.reduce import implied_rows, useless_columns

MIP_REL_GAP = 1e-6


def _new_highs() -> _Highs:
    """A silent solver, made without touching the process's file descriptors (safe in a
    threaded server). highspy's `Highs()` wrapper calls into HiGHS while it is constructed
    (it registers its callback), and HiGHS prints its banner to stdout on the first call
    an instance gets while `output_flag` is on: that would corrupt `--json` output. HiGHS's
    own object (`_Highs`, the class the wrapper extends, with the same solving methods)
    makes no call when built, so `output_flag` is switched off before anything can print.
    The wrapper's extras (callbacks, keyboard interrupts, the modelling API) are unused here."""
    h = _Highs()
    h.setOptionValue("output_flag", False)
    return h


@dataclass
class _Model:
    """A MILP under construction: columns with bounds, cost and integrality; rows as
    sparse dicts with bounds and a label."""

    cost: list[float] = field(default_factory=list)
    lower: list[float] = field(default_factory=list)
    upper: list[float] = field(default_factory=list)
    integer: list[bool] = field(default_factory=list)
    column_labels: list[str] = field(default_factory=list)
    rows: list[dict[int, float]] = field(default_factory=list)
    row_lower: list[float] = field(default_factory=list)
    row_upper: list[float] = field(default_factory=list)
    row_labels: list[str] = field(default_factory=list)
    # Columns of a choice made at most once per person (a trainee's programme and start):
    # column → (programme, person, the person's "once" row or -1); pooling.py pools the
    # people interchangeable for a programme before solving.
    choices: dict[int, tuple[str, str, int]] = field(default_factory=dict)

    def column(self, cost: float, lower: float, upper: float, integer: bool, label: str) -> int:
        self.cost.append(cost)
        self.lower.append(lower)
        self.upper.append(upper)
        self.integer.append(integer)
        self.column_labels.append(label)
        return len(self.cost) - 1

    def row(
        self,
        entries: Mapping[int, float],
        lower: float,
        upper: float,
        label: str,
        nonzero: bool = False,
    ) -> int:
        """Add a row; `nonzero`: `entries` is a dict of its own with no zero value, kept as
        it is rather than copied without the zeros."""
        if nonzero and isinstance(entries, dict):
            self.rows.append(entries)
        else:
            self.rows.append({k: v for k, v in entries.items() if v != 0})
        self.row_lower.append(lower)
        self.row_upper.append(upper)
        self.row_labels.append(label)
        return len(self.rows) - 1

    def matrix(
        self,
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.float64]]:
        """The rows as a compressed sparse row matrix: (starts, column indexes, values)."""
        lengths = np.fromiter((len(row) for row in self.rows), dtype=np.int64, count=len(self.rows))
        starts = np.zeros(len(self.rows) + 1, dtype=np.int64)
        np.cumsum(lengths, out=starts[1:])
        index = np.fromiter(
            itertools.chain.from_iterable(self.rows), dtype=np.int64, count=int(starts[-1])
        )
        value = np.fromiter(
            itertools.chain.from_iterable(row.values() for row in self.rows),
            dtype=np.float64,
            count=int(starts[-1]),
        )
        return starts, index, value

    def row_values(self, columns: list[float]) -> list[float]:
        """Every row's value at the column values `columns` (the rows the solver's model
        left out too)."""
        starts, index, value = self.matrix()
        matrix = sp.csr_matrix((value, index, starts), shape=(len(self.rows), len(columns)))
        found: list[float] = (matrix @ np.asarray(columns, dtype=np.float64)).tolist()
        return found

    def solve(
        self, time_limit: float, gap: float = MIP_REL_GAP, reduce: bool = True
    ) -> tuple[str, list[float] | None, list[float], float, float | None]:
        """(status, column values, row values, objective, gap); no values without a
        solution. reduce: leave out the rows other rows imply and fix the columns that can
        only hurt (reduce.py), and pool the people interchangeable for a programme (pooling.py);
        the optimum's value is the same."""
        if not self.cost:
            # HiGHS refuses a model without columns; its rows hold or fail at 0.
            holds = all(
                lo <= 1e-9 and up >= -1e-9
                for lo, up in zip(self.row_lower, self.row_upper, strict=True)
            )
            if holds:
                return PlanStatus.OPTIMAL.value, [], [0.0] * len(self.rows), 0.0, 0.0
            return PlanStatus.INFEASIBLE.value, None, [], math.nan, None
        if reduce:
            pooling = pooled(self)
            if pooling is not None:
                smaller, original = pooling
                name, found, _rows, objective, found_gap = smaller.solve(time_limit, gap, reduce)
                if found is None:
                    return name, None, [], objective, found_gap
                values = original(found)
                return name, values, self.row_values(values), objective, found_gap
        starts, index, value = self.matrix()
        row_lower = np.array(self.row_lower, dtype=np.float64)
        row_upper = np.array(self.row_upper, dtype=np.float64)
        cost = np.array(self.cost, dtype=np.float64)
        upper = np.array(self.upper, dtype=np.float64)
        kept = np.ones(len(self.rows), dtype=bool)
        lower = np.array(self.lower, dtype=np.float64)
        # The reductions hold for columns ≥ 0, as every column of the planner's model is.
        if reduce and (lower >= 0).all():
            kept = ~implied_rows(starts, index, value, row_lower, row_upper, self.row_labels)
            useless = useless_columns(
                starts, index, value, row_lower, row_upper, kept, cost, len(self.cost)
            )
            upper[useless] = 0.0
        h = _new_highs()
        h.setOptionValue("time_limit", max(0.01, float(time_limit)))
        h.setOptionValue("mip_rel_gap", gap)
        h.setOptionValue("random_seed", 0)
        inf = highspy.kHighsInf
        chosen = np.flatnonzero(kept)
        lengths = np.diff(starts)[chosen]
        take = np.repeat(kept, np.diff(starts))
        lp = highspy.HighsLp()
        lp.num_col_ = len(self.cost)
        lp.num_row_ = len(chosen)
        lp.col_cost_ = cost
        lp.col_lower_ = lower
        lp.col_upper_ = np.where(np.isinf(upper), inf, upper)
        lp.row_lower_ = np.where(np.isinf(row_lower[chosen]), -inf, row_lower[chosen])
        lp.row_upper_ = np.where(np.isinf(row_upper[chosen]), inf, row_upper[chosen])
        lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
        lp.a_matrix_.start_ = np.concatenate(([0], np.cumsum(lengths))).astype(np.int32)
        lp.a_matrix_.index_ = index[take].astype(np.int32)
        lp.a_matrix_.value_ = value[take]
        lp.a_matrix_.num_col_ = lp.num_col_
        lp.a_matrix_.num_row_ = lp.num_row_
        if any(self.integer):
            lp.integrality_ = [
                highspy.HighsVarType.kInteger if flag else highspy.HighsVarType.kContinuous
                for flag in self.integer
            ]
        h.passModel(lp)
        h.run()
        status = h.getModelStatus()
        info = h.getInfo()
        has_solution = info.primal_solution_status == 2
        if status == highspy.HighsModelStatus.kOptimal:
            name = PlanStatus.OPTIMAL.value
        elif status in (
            highspy.HighsModelStatus.kInfeasible,
            highspy.HighsModelStatus.kUnboundedOrInfeasible,
        ):
            name = PlanStatus.INFEASIBLE.value
        elif status == highspy.HighsModelStatus.kTimeLimit:
            name = PlanStatus.TIME_LIMIT.value
        else:
            name = PlanStatus.ERROR.value
        if not has_solution:
            return name, None, [], math.nan, None
        solution = h.getSolution()
        gap = float(info.mip_gap) if any(self.integer) else 0.0
        if name == PlanStatus.OPTIMAL.value and not math.isfinite(gap):
            gap = 0.0
        columns: list[float] = np.asarray(solution.col_value, dtype=np.float64).tolist()
        return (
            name,
            columns,
            self.row_values(columns),
            float(info.objective_function_value),
            gap,
        )
