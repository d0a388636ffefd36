"""The solve limits of core.planning.solve_limits as the web and the API apply them: the size
of a scenario, and how many solves one user may have queued or running at once.

A user's active solves are their plan runs queued or running (rows, seen by every process)
plus the solves this process is computing for them right now in a request (the API's
/plans/solve, /plans/risk and the organisation's plan; requests are atomic, so a row written
for those would be seen by no other request until the solve is over). Each of those is bounded
by the time limit.
"""

from __future__ import annotations

import contextlib
import threading
from collections import Counter
from collections.abc import Iterator
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from dxtalent.core.planning import Scenario
from dxtalent.core.planning.solve_limits import (
    DEFAULT_LIMITS,
    SolveTooLargeError,
    check_active_solves,
    check_solve_size,
)
from dxtalent.web.planning.models import PlanRun

LIMITS = DEFAULT_LIMITS

_lock = threading.Lock()
_in_requests: Counter[int] = Counter()


def active_solves(user: Any) -> int:
    """The user's plan runs queued or running (not given up as interrupted), and the solves
    this process computes for them in requests now."""
    from dxtalent.web.planning.runs import STALE_AFTER

    runs = PlanRun.objects.filter(
        created_by_id=user.pk,
        status__in=(PlanRun.Status.QUEUED, PlanRun.Status.RUNNING),
        created_at__gte=timezone.now() - STALE_AFTER,
    ).count()
    return runs + _in_requests[user.pk]


def check_can_start(user: Any) -> None:
    """TooManySolvesError when the user already has LIMITS.active_per_user solves."""
    check_active_solves(active_solves(user), LIMITS)


@contextlib.contextmanager
def solving(user: Any, scenario: Scenario, rotations: int = 0, runs: int = 0) -> Iterator[None]:
    """Within the block the user is solving `scenario`: refused first when it is too large
    (SolveTooLargeError) or the user has too many solves already (TooManySolvesError)."""
    check_solve_size(scenario, rotations, runs, LIMITS)
    with _lock:
        check_can_start(user)
        _in_requests[user.pk] += 1
    try:
        yield
    finally:
        with _lock:
            _in_requests[user.pk] -= 1


def too_large_message(error: SolveTooLargeError) -> str:
    """The refusal in the reader's language, each limit with the value found."""
    names = {
        "staff": _("people in the team"),
        "levers": _("levers"),
        "years": _("fiscal years"),
        "rotations": _("rotation scenarios"),
        "runs": _("Monte Carlo runs"),
        "cells": _("size of the model ((people + levers) × years × (1 + rotation scenarios))"),
    }
    parts = [
        _("{what}: {found} is more than the limit of {limit}").format(
            what=names.get(e.what, e.what), found=f"{e.found:,}", limit=f"{e.limit:,}"
        )
        for e in error.excesses
    ]
    return _("This plan is too large to solve on the server: {parts}.").format(
        parts="; ".join(parts)
    )


def too_many_message() -> str:
    return _(
        "You already have {limit} plans being solved; wait for one to finish, then start another."
    ).format(limit=LIMITS.active_per_user)
