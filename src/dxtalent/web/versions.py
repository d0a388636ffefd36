"""What a page computes from an organisation's data, kept in the process per data version.

An organisation's data version is what its audit trail last recorded: every create, change
and delete of an organisation's records is written to its trail in the same transaction
(audit/signals.py; bulk changes as one event per record type, imports included), so the trail's
last event (its id and time) changes with any change to the organisation's data. The version
also holds its prefecture's last event (an accepted pool allocation counts in the diagnosis),
the organisation's own row (its census population is public data, loaded without audit) and,
where a result depends on it, the day. Reading the version is one or two indexed queries, where the inputs
themselves are thousands of rows in a large city.

Kept per process, least recently used dropped first; values kept must be immutable (frozen
dataclasses, tuples), as threads of one process share them.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from typing import Any, TypeVar

from dxtalent.web.organisations.models import Organisation

T = TypeVar("T")

KEPT = 256
_kept: OrderedDict[Hashable, Any] = OrderedDict()
_lock = threading.Lock()


def _last_event(organisation_id: int) -> tuple[int, str] | None:
    from dxtalent.web.audit.models import AuditEvent

    found = (
        AuditEvent.objects.filter(organisation_id=organisation_id)
        .order_by("-id")
        .values_list("id", "at")
        .first()
    )
    return (found[0], found[1].isoformat()) if found else None


def _last_events(organisation_ids: set[int]) -> dict[int, tuple[int, str]]:
    """The last event (id, time) of each organisation's trail, in two queries."""
    from django.db.models import Max

    from dxtalent.web.audit.models import AuditEvent

    last = dict(
        AuditEvent.objects.filter(organisation_id__in=organisation_ids)
        .values("organisation_id")
        .annotate(last=Max("id"))
        .values_list("organisation_id", "last")
    )
    times = dict(AuditEvent.objects.filter(id__in=last.values()).values_list("id", "at"))
    return {organisation: (pk, times[pk].isoformat()) for organisation, pk in last.items()}


def _version(
    organisation: Organisation, events: dict[int, tuple[int, str]]
) -> tuple[Hashable, ...]:
    prefecture = organisation.prefecture_id
    return (
        organisation.pk,
        events.get(organisation.pk),
        events.get(prefecture) if prefecture is not None else None,
        # The organisation's own row: its census population (public data, loaded without
        # audit), name, kind and prefecture.
        tuple(getattr(organisation, f.attname) for f in organisation._meta.concrete_fields),
    )


def data_version(organisation: Organisation) -> tuple[Hashable, ...]:
    """The organisation's data version (see the module's description)."""
    events = {}
    for pk in (organisation.pk, organisation.prefecture_id):
        if pk is not None and (found := _last_event(pk)) is not None:
            events[pk] = found
    return _version(organisation, events)


def data_versions(organisations: Sequence[Organisation]) -> dict[int, tuple[Hashable, ...]]:
    """data_version() of each of `organisations` by primary key, in two queries however
    many they are."""
    ids = {o.pk for o in organisations} | {
        o.prefecture_id for o in organisations if o.prefecture_id is not None
    }
    events = _last_events(ids) if ids else {}
    return {o.pk: _version(o, events) for o in organisations}


def kept(key: Hashable, compute: Callable[[], T]) -> T:
    """The value kept under `key` (a kind of result, a data version and its parameters), or
    `compute()`'s, then kept."""
    with _lock:
        if key in _kept:
            _kept.move_to_end(key)
            return _kept[key]  # type: ignore[no-any-return]
    value = compute()
    with _lock:
        _kept[key] = value
        while len(_kept) > KEPT:
            _kept.popitem(last=False)
    return value


def forget() -> None:
    """Drop everything kept (tests; a restored backup)."""
    with _lock:
        _kept.clear()
