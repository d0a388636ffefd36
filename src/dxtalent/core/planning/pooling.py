"""Interchangeable trainees pooled before the planner's model is solved: an exact
reformulation with the same optimum and a fraction of the columns (issue #15).

In the staffing model each trainee has one binary column per programme and start year
(build.py), and at most one of a person's columns is chosen ("once"). At a large city's
scale many people are interchangeable for a programme: their columns for it have the same
starts, the same cost and the same entries in every row but their own "once" row (the same
capabilities gained, in post the same years in every rotation scenario). For each such pool
of two or more people and each start, one integer column counts the pool's people starting
then (its entries the shared ones); each member gets one binary column, "chosen", under their
"once" row; and a row says the pool starts no more people than it chose.

Exact both ways: a plan of the original model gives pool counts and chosen members that meet
every row; a solution of the pooled model gives a plan of the original one by starting the
chosen members of each pool at the pool's starts, one member per start, any member for any
start (they are interchangeable). A pooled column may start as many people as its pool
has where each member's column may start one (none where theirs is fixed at 0). HiGHS proves
the bench's instances at 1×, 2× and 4× about twice as fast over five seeds
(docs/architecture.md)."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dxtalent.core.planning.milp import _Model

Entries = tuple[tuple[int, float], ...]


def pooled(model: _Model) -> tuple[_Model, Callable[[list[float]], list[float]]] | None:
    """The pooled model and the function that turns its column values back into the original
    model's; None when no two people are interchangeable. Uses `model.choices` (column →
    (programme, person, once row or -1)), set by build.py."""
    from dxtalent.core.planning.milp import _Model

    if not model.choices:
        return None
    own_row = {column: once for column, (_p, _person, once) in model.choices.items()}
    entries: dict[int, list[tuple[int, float]]] = {column: [] for column in model.choices}
    for r, row in enumerate(model.rows):
        for column, value in row.items():
            if column in entries and r != own_row[column]:
                entries[column].append((r, value))
    # (programme, person) → the person's columns for the programme, in the order built.
    taken: dict[tuple[str, str], list[int]] = defaultdict(list)
    # In column order: the pools' columns come in the order of their first members' columns.
    for column in sorted(model.choices):
        programme, person, _once = model.choices[column]
        taken[programme, person].append(column)
    pools: dict[tuple[str, tuple[tuple[float, float, Entries], ...]], list[list[int]]]
    pools = defaultdict(list)
    for (programme, _person), columns in taken.items():
        profile = tuple(
            (model.cost[c], model.upper[c], tuple(entries[c]))
            for c in columns
            if model.integer[c] and model.lower[c] == 0 and model.upper[c] in (0, 1)
        )
        if len(profile) != len(columns):
            continue
        pools[programme, profile].append(columns)
    shared = [(key, members) for key, members in pools.items() if len(members) > 1]
    if not shared:
        return None
    dropped = {column for _key, members in shared for columns in members for column in columns}
    new = _Model()
    kept = [c for c in range(len(model.cost)) if c not in dropped]
    place = {
        c: new.column(
            model.cost[c], model.lower[c], model.upper[c], model.integer[c], model.column_labels[c]
        )
        for c in kept
    }
    rows: list[dict[int, float]] = [
        {place[c]: v for c, v in row.items() if c in place} for row in model.rows
    ]
    links: list[dict[int, float]] = []
    # Per pool: its count columns (one per start, in start order) with each member's
    # original columns in the same order, and each member's "chosen" column.
    layout: list[tuple[list[int], list[tuple[int, list[int]]]]] = []
    for (programme, profile), members in shared:
        first = members[0]
        counts = []
        for k, (cost, upper, found) in enumerate(profile):
            label = model.column_labels[first[k]]
            column = new.column(
                cost, 0, upper * len(members), True, f"pool of {len(members)}: {label}"
            )
            counts.append(column)
            for r, value in found:
                rows[r][column] = value
        link = dict.fromkeys(counts, 1.0)
        chosen = []
        for columns in members:
            _p, person, once = model.choices[columns[0]]
            column = new.column(0.0, 0, 1, True, f"chosen {person} {programme}")
            if once >= 0:
                rows[once][column] = 1.0
            link[column] = -1.0
            chosen.append((column, columns))
        links.append(link)
        layout.append((counts, chosen))
    for r, row in enumerate(rows):
        new.row(row, model.row_lower[r], model.row_upper[r], model.row_labels[r], nonzero=True)
    for link in links:
        new.row(link, -math.inf, 0, "pool starts at most the chosen")

    def original(values: list[float]) -> list[float]:
        """The original model's column values from the pooled model's."""
        found = [0.0] * len(model.cost)
        for c in kept:
            found[c] = values[place[c]]
        for counts, chosen in layout:
            people = [columns for column, columns in chosen if values[column] > 0.5]
            starts = [k for k, column in enumerate(counts) for _n in range(round(values[column]))]
            for columns, k in zip(people, starts, strict=False):
                found[columns[k]] = 1.0
        return found

    return new, original
