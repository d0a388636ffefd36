"""When a survey's private links take answers."""

from __future__ import annotations

import datetime


def link_open(is_open: bool, expires_on: datetime.date | None, today: datetime.date) -> bool:
    """Whether a private link takes answers on `today` (the local date, Japan time by
    default): the survey is open and the owner's last day (`expires_on`, included) has not
    passed. No last day: open until the owner closes the survey."""
    return is_open and (expires_on is None or today <= expires_on)
