"""Records every create, update and delete of a model that belongs to an organisation (one
with an audit_organisation() method) in the audit trail, inside the same transaction."""

from __future__ import annotations

import contextlib
import datetime as dt
import decimal
import uuid
from collections import Counter
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from dxtalent.web.audit.actor import current_actor

if TYPE_CHECKING:
    from dxtalent.web.organisations.models import Organisation

SECRET_FIELDS = frozenset({"password", "token_hash", "key_hash"})

# Inside bulk_change(): (organisation, model label, action) → rows changed, instead of one
# event per row.
_bulk: ContextVar[Counter[tuple[int, str, str]] | None] = ContextVar("audit_bulk", default=None)


@contextlib.contextmanager
def bulk_change(what: str) -> Iterator[None]:
    """Audit a bulk change (a reset, a cascade of thousands of ratings) as one event per
    organisation, record type and action, with the number of rows and `what` was done,
    instead of one event per row (300,000 ratings took minutes). Nothing is recorded if
    the block raises; the caller's transaction rolls the change back."""
    counts: Counter[tuple[int, str, str]] = Counter()
    token = _bulk.set(counts)
    try:
        yield
    finally:
        _bulk.reset(token)
    from dxtalent.web.audit.models import AuditEvent
    from dxtalent.web.organisations.models import Organisation

    actor = current_actor()
    # An organisation deleted in the block takes its trail with it.
    alive = set(
        Organisation.objects.filter(pk__in={key[0] for key in counts}).values_list("pk", flat=True)
    )
    AuditEvent.objects.bulk_create(
        AuditEvent(
            organisation_id=organisation,
            user=actor.user,
            actor=actor.label,
            action=action,
            model=label,
            object_id="bulk",
            object_repr=f"{what}: {count} rows"[:300],
            changes={"rows": [None, count]} if action == "create" else {"rows": [count, None]},
        )
        for (organisation, label, action), count in counts.items()
        if organisation in alive
    )


def record_deleted(model: type[models.Model], counts: Mapping[int, int], what: str) -> None:
    """Rows of `model` deleted in bulk without signals (a DELETE statement): `counts` is the
    number deleted per organisation id. Counted toward the bulk change in progress, if any;
    else recorded at once as one event per organisation, as bulk_change records them."""
    bulk = _bulk.get()
    if bulk is None:
        with bulk_change(what):
            record_deleted(model, counts, what)
        return
    for organisation_id, count in counts.items():
        bulk[organisation_id, model._meta.label, "delete"] += count


def _count(instance: models.Model, action: str) -> bool:
    """Count the change toward the bulk change in progress, if any."""
    counts = _bulk.get()
    if counts is None:
        return False
    # The id where the row has one: audit_organisation() would load each row's organisation.
    organisation_id = getattr(instance, "organisation_id", None)
    if organisation_id is None:
        organisation = instance.audit_organisation()  # type: ignore[attr-defined]
        if organisation is None or organisation is instance:
            return True  # shared data, or the organisation itself
        organisation_id = organisation.pk
    counts[organisation_id, instance._meta.label, action] += 1
    return True


def _audited(sender: type[models.Model]) -> bool:
    return hasattr(sender, "audit_organisation") and sender._meta.app_label != "audit"


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time | decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    return value


def snapshot(instance: models.Model) -> dict[str, Any]:
    """The record's fields as JSON values, without secrets and without the fields its model
    names in `audit_exclude` (bulky copies, such as a plan run's scenario and result)."""
    values: dict[str, Any] = {}
    excluded: frozenset[str] = getattr(type(instance), "audit_exclude", frozenset())
    for field in instance._meta.concrete_fields:
        if field.name in SECRET_FIELDS or field.primary_key or field.name in excluded:
            continue
        values[field.attname] = _json_value(getattr(instance, field.attname))
    return values


@receiver(pre_save)
def remember_previous_values(
    sender: type[models.Model], instance: models.Model, raw: bool = False, **kwargs: Any
) -> None:
    if raw or not _audited(sender) or instance.pk is None:
        return
    previous = sender._default_manager.filter(pk=instance.pk).first()
    # Kept on the instance until post_save (record_save) reads it; no model declares it.
    instance._audit_previous = snapshot(previous) if previous is not None else None  # type: ignore[attr-defined]


def _record(instance: models.Model, action: str, changes: dict[str, list[Any]]) -> None:
    # Every audited model has audit_organisation() (see _audited); models.Model does not.
    organisation = instance.audit_organisation()  # type: ignore[attr-defined]
    if organisation is None:
        return  # shared data (a shipped framework) belongs to no organisation
    record(organisation, instance, action, changes)


def record(
    organisation: Organisation, instance: models.Model, action: str, changes: dict[str, list[Any]]
) -> None:
    """One event in `organisation`'s trail: the current actor did `action` ("create",
    "update" or "delete") to `instance`; `changes` as in AuditEvent.changes."""
    from dxtalent.web.audit.models import AuditEvent

    actor = current_actor()
    AuditEvent.objects.create(
        organisation=organisation,
        user=actor.user,
        actor=actor.label,
        action=action,
        model=instance._meta.label,
        object_id=str(instance.pk),
        object_repr=str(instance)[:300],
        changes=changes,
    )


def record_bulk(
    organisation: Organisation,
    model: type[models.Model],
    action: str,
    object_id: str,
    object_repr: str,
    changes: dict[str, list[Any]],
) -> None:
    """One event for many rows written at once (bulk_create skips the per-row signals): an
    import's file and counts, e.g. record_bulk(org, Coding, "create", "project 3",
    "interviews.qdpx (120 codings)", {"codings": [None, 120]})."""
    from dxtalent.web.audit.models import AuditEvent

    actor = current_actor()
    AuditEvent.objects.create(
        organisation=organisation,
        user=actor.user,
        actor=actor.label,
        action=action,
        model=model._meta.label,
        object_id=object_id[:64],
        object_repr=object_repr[:300],
        changes=changes,
    )


@receiver(post_save)
def record_save(
    sender: type[models.Model],
    instance: models.Model,
    created: bool,
    raw: bool = False,
    **kwargs: Any,
) -> None:
    if raw or not _audited(sender):
        return
    if _count(instance, "create" if created else "update"):
        return
    after = snapshot(instance)
    before = None if created else getattr(instance, "_audit_previous", None)
    if before is None:
        _record(instance, "create", {k: [None, v] for k, v in after.items()})
        return
    changes = {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}
    if changes:
        _record(instance, "update", changes)


@receiver(post_delete)
def record_delete(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if not _audited(sender) or _count(instance, "delete"):
        return
    # Every audited model has audit_organisation() (see _audited); models.Model does not.
    organisation = instance.audit_organisation()  # type: ignore[attr-defined]
    if organisation is None or (organisation is instance):
        return  # the organisation itself is gone, and its trail with it
    from dxtalent.web.organisations.models import Organisation

    if not Organisation.objects.filter(pk=organisation.pk).exists():
        return  # cascade from deleting the organisation
    _record(instance, "delete", {k: [v, None] for k, v in snapshot(instance).items()})
