"""The audit trail as an administrator reads it: record types and fields by their labels,
choices by their names, times in local time, filtered by person, kind and date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.db.models import (
    DateTimeField,
    DecimalField,
    Field,
    FloatField,
    IntegerField,
    Model,
    QuerySet,
)
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from dxtalent.core.calendar import format_moment
from dxtalent.web.audit.models import AuditEvent
from dxtalent.web.organisations.models import Organisation


@dataclass(frozen=True)
class Change:
    """One field of an event: its label and the old and new values as text."""

    field: str
    old: str
    new: str


@dataclass(frozen=True)
class ReadableEvent:
    """An audit event in words: when (local time), who, what happened to which record."""

    event: AuditEvent
    at: dt.datetime
    kind: str
    changes: tuple[Change, ...]
    who: str = ""


def actor_name(actor: str) -> str:
    """Who acted, in the reader's language: a username as is; the actors that are not people
    (the system, the demo loader, the command line, someone not signed in) by their names."""
    names = {
        "system": _("the system"),
        "demo": _("the demo loader"),
        "cli": _("the command line"),
        "anonymous": _("someone not signed in"),
    }
    return names.get(actor, actor)


def model_of(label: str) -> type[Model] | None:
    """The model class of an event's "app_label.ModelName", or None when it is gone."""
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


# Events that record an action on many rows rather than one record (people/imports.py).
EVENT_KINDS = {
    "import.staff": gettext_lazy("import of staff"),
    "import.candidates": gettext_lazy("import of candidates"),
    "import.assessments": gettext_lazy("import of assessments"),
}


def kind_label(label: str) -> str:
    """A record type by its verbose name in the reader's language ("職員"), an import by
    what it imported, else the label."""
    if label in EVENT_KINDS:
        return str(EVENT_KINDS[label])
    model = model_of(label)
    return str(model._meta.verbose_name) if model is not None else label


# Records named in a page of events: (model, primary key as text) → name.
Names = dict[tuple[type[Model], str], str]


def _meta_field(model: type[Model] | None, field: str) -> Any:
    """The field named `field` of `model`, or None (no model, or a field since removed)."""
    if model is None:
        return None
    try:
        return model._meta.get_field(field)
    except Exception:
        return None


def _related(model: type[Model] | None, field: str) -> type[Model] | None:
    """The model `field` of `model` points to, when it is a foreign key or one-to-one."""
    meta_field = _meta_field(model, field)
    related = getattr(meta_field, "related_model", None)
    if related is not None and (
        getattr(meta_field, "many_to_one", False) or getattr(meta_field, "one_to_one", False)
    ):
        return related  # type: ignore[no-any-return]
    return None


def _names(events: list[AuditEvent]) -> Names:
    """The names of every record the events' changes point to: one query per kind of
    record, however many events."""
    wanted: dict[type[Model], set[Any]] = {}
    for event in events:
        model = model_of(event.model)
        for field, values in (event.changes or {}).items():
            related = _related(model, field)
            if related is None or not isinstance(values, list):
                continue
            wanted.setdefault(related, set()).update(
                v for v in values[:2] if v is not None and v != "" and not isinstance(v, bool)
            )
    names: Names = {}
    for related, keys in wanted.items():
        # The keys come from JSON: each is looked up as the primary key's type.
        pk = related._meta.pk
        assert pk is not None
        valid = set()
        for key in keys:
            try:
                valid.add(pk.to_python(key))
            except Exception:  # noqa: S112 - a value that is no key names nothing
                continue
        for found in related._default_manager.filter(pk__in=valid):
            names[(related, str(found.pk))] = str(found)
    return names


# A value longer than this (a survey's questionnaire, a framework's definition) is shortened
# on the page: a page of 50 events stays small.
LONGEST_VALUE = 200


def _shorten(text: str) -> str:
    if len(text) <= LONGEST_VALUE:
        return text
    return _("{start}… ({count} characters in all)").format(
        start=text[:LONGEST_VALUE], count=len(text)
    )


def _value(model: type[Model] | None, field: str, value: Any, names: Names) -> str:
    return _shorten(_full_value(model, field, value, names))


def _full_value(model: type[Model] | None, field: str, value: Any, names: Names) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if model is not None:
        # A code the model names itself, e.g. a pool request's capability.
        own = getattr(model, "AUDIT_NAMES", {}).get(field)
        if own is not None:
            return str(own(value))
        related = _related(model, field)
        if related is not None:
            # A record is named, not shown by its database id.
            return names.get((related, str(value)), _("(deleted)"))
        meta_field = _meta_field(model, field)
        choices = getattr(meta_field, "flatchoices", None)
        if choices:
            named = {str(key): str(name) for key, name in choices}
            if str(value) in named:
                return named[str(value)]
        if isinstance(meta_field, DateTimeField) and isinstance(value, str):
            return _moment(value)
        if isinstance(meta_field, (IntegerField, DecimalField, FloatField)):
            return _number(value)
    if isinstance(value, list):
        return ", ".join(_full_value(None, field, item, names) for item in value)
    return str(value)


def _number(value: Any) -> str:
    """A number field's value: whole numbers of five digits or more grouped in thousands
    (15,000,000 yen; a fiscal year stays 2027), 4.0 as 4, 2.5 as it is."""
    try:
        number = Decimal(str(value))
    except ArithmeticError:
        return str(value)
    if number != number.to_integral_value():
        return f"{number.normalize():f}"
    whole = int(number)
    return f"{whole:,}" if abs(whole) >= 10_000 else str(whole)


def _moment(value: str) -> str:
    """A time the trail keeps in ISO form, in local time as the reader's language writes it;
    the text as it is when it is not one."""
    try:
        at = dt.datetime.fromisoformat(value)
    except ValueError:
        return value
    if timezone.is_naive(at):
        at = timezone.make_aware(at, dt.UTC)
    return format_moment(timezone.localtime(at), get_language() or "ja")


def _field_label(model: type[Model] | None, field: str) -> str:
    found = _meta_field(model, field)
    # A reverse relation has no verbose name; its field name is the label.
    return str(found.verbose_name) if isinstance(found, Field) else field


def readable(event: AuditEvent, names: Names | None = None) -> ReadableEvent:
    """The event with labels, choice names and local time. names: the records its changes
    point to (_names; looked up here when not given)."""
    if names is None:
        names = _names([event])
    model = model_of(event.model)
    changes = tuple(
        Change(
            _field_label(model, field),
            _value(model, field, values[0] if isinstance(values, list) and values else None, names),
            _value(
                model,
                field,
                values[1] if isinstance(values, list) and len(values) > 1 else None,
                names,
            ),
        )
        for field, values in (event.changes or {}).items()
        # The organisation whose trail this is goes without saying on each of its events.
        if not (field == "organisation" and _is_own(event, values))
    )
    return ReadableEvent(
        event,
        timezone.localtime(event.at),
        kind_label(event.model),
        changes,
        actor_name(event.actor),
    )


def _is_own(event: AuditEvent, values: Any) -> bool:
    return isinstance(values, list) and all(v in (None, event.organisation_id) for v in values[:2])


def readable_events(events: Iterable[AuditEvent]) -> list[ReadableEvent]:
    """readable() of each of `events` (e.g. a page), naming the records they point to in one
    query per kind of record."""
    events = list(events)
    names = _names(events)
    return [readable(event, names) for event in events]


@dataclass(frozen=True)
class AuditFilter:
    """What to show: an actor (username, "cli" or "system"), a record type label, dates."""

    actor: str = ""
    kind: str = ""
    since: dt.date | None = None
    until: dt.date | None = None


def events(organisation: Organisation, chosen: AuditFilter) -> QuerySet[AuditEvent]:
    """The organisation's events, newest first, narrowed by `chosen` (dates in local time,
    both ends included)."""
    found = AuditEvent.objects.filter(organisation=organisation).select_related("user")
    if chosen.actor:
        found = found.filter(actor=chosen.actor)
    if chosen.kind:
        found = found.filter(model=chosen.kind)
    zone = timezone.get_current_timezone()
    if chosen.since:
        found = found.filter(at__gte=dt.datetime.combine(chosen.since, dt.time.min, zone))
    if chosen.until:
        found = found.filter(
            at__lt=dt.datetime.combine(chosen.until + dt.timedelta(days=1), dt.time.min, zone)
        )
    return found


def choices(organisation: Organisation) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(actors, record types) seen in the organisation's trail, for the filter's lists."""
    base = AuditEvent.objects.filter(organisation=organisation).order_by()
    actors = sorted(base.values_list("actor", flat=True).distinct())
    kinds = sorted(base.values_list("model", flat=True).distinct())
    return (
        [(actor, actor_name(actor)) for actor in actors],
        sorted(((kind, kind_label(kind)) for kind in kinds), key=lambda pair: pair[1]),
    )
