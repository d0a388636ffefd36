"""Who is acting: the request's user in the web and API, a named actor in the CLI."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Actor:
    user: Any | None  # a User, or None for the command line and the system
    label: str


_current: ContextVar[Any] = ContextVar("dxtalent_audit_actor", default=None)


def current_actor() -> Actor:
    """The actor of the change being saved; the request's user is read when needed, so an
    API token that authenticates after the middleware has run is seen too."""
    value = _current.get()
    if value is None:
        return Actor(user=None, label="system")
    if isinstance(value, Actor):
        return value
    user = getattr(value, "user", None)  # an HttpRequest
    if user is not None and getattr(user, "is_authenticated", False):
        return Actor(user=user, label=user.get_username())
    return Actor(user=None, label="anonymous")


@contextlib.contextmanager
def acting_as(value: Any) -> Iterator[None]:
    """Within the block, changes are recorded as made by `value` (a request or an Actor)."""
    token = _current.set(value)
    try:
        yield
    finally:
        _current.reset(token)
