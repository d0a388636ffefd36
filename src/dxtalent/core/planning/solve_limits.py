"""How large a solve the server takes on: one scenario posted by anyone may not hold a worker
for minutes (issue #14: a 1 MB scenario held one for 101 s). The web form, the API and the
command line check the same limits here before solving; the command line may lift them
(`--no-limits`), since it runs on the user's own machine.

The limits are stated in docs/scenario-format.md ("Limits of a solve") and the README
("Limits"). Each is about five times what a designated city needs (the bench's 300 staff, 66
levers and 10 years solve in under a second; 20 rotation scenarios in 5 s).
"""

from __future__ import annotations

from dataclasses import dataclass

from dxtalent.core.planning.scenario import Scenario


@dataclass(frozen=True)
class SolveLimits:
    """staff: people in the current team; levers: levers (hires, secondees, training, ...);
    years: fiscal years planned; rotations: sampled rotation scenarios; runs: Monte Carlo runs
    of the risk evaluation; cells: (staff + levers) × years × (1 + rotations), the size of the
    model the solver builds, so that large values of several at once are refused too;
    time_limit: seconds the solver may spend on one strategy; active_per_user: solves one
    user may have queued or running at once (the server's share of each user)."""

    staff: int = 1500
    levers: int = 300
    years: int = 30
    rotations: int = 30
    runs: int = 100_000
    cells: int = 400_000
    time_limit: float = 60.0
    active_per_user: int = 2


DEFAULT_LIMITS = SolveLimits()


@dataclass(frozen=True)
class Excess:
    """One limit a solve goes beyond: what (a SolveLimits field), the value found, the limit."""

    what: str
    found: int
    limit: int


class SolveTooLargeError(ValueError):
    """A solve beyond the limits; `excesses` lists every limit it goes beyond."""

    def __init__(self, excesses: tuple[Excess, ...]) -> None:
        self.excesses = excesses
        super().__init__(
            "; ".join(
                f"{e.what}: {e.found:,} is more than the limit of {e.limit:,}" for e in excesses
            )
        )


class TooManySolvesError(RuntimeError):
    """A user already has `active` solves queued or running; at most `limit` at once."""

    def __init__(self, active: int, limit: int) -> None:
        self.active = active
        self.limit = limit
        super().__init__(
            f"you already have {active} plan runs queued or running; at most {limit} at once "
            "— wait for one to finish"
        )


def check_solve_size(
    scenario: Scenario, rotations: int = 0, runs: int = 0, limits: SolveLimits = DEFAULT_LIMITS
) -> None:
    """Refuse a solve of `scenario` with `rotations` sampled rotation scenarios and `runs`
    Monte Carlo runs beyond `limits`: SolveTooLargeError naming every limit exceeded."""
    staff, levers, years = len(scenario.team), len(scenario.levers), scenario.horizon_years
    cells = (staff + levers) * years * (1 + rotations)
    found = (
        ("staff", staff, limits.staff),
        ("levers", levers, limits.levers),
        ("years", years, limits.years),
        ("rotations", rotations, limits.rotations),
        ("runs", runs, limits.runs),
        ("cells", cells, limits.cells),
    )
    excesses = tuple(Excess(what, value, limit) for what, value, limit in found if value > limit)
    if excesses:
        raise SolveTooLargeError(excesses)


def check_active_solves(active: int, limits: SolveLimits = DEFAULT_LIMITS) -> None:
    """Refuse another solve to a user who has `active` queued or running: TooManySolvesError
    once they reach limits.active_per_user."""
    if active >= limits.active_per_user:
        raise TooManySolvesError(active, limits.active_per_user)
