"""The audit trail as an administrator reads it: record types and fields by their labels,
choices by their names, times in local time, filtered by person, kind and date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db.models import Field, Model, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dxtalent.core.calendar import era_year
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


def _value(model: type[Model] | None, field: str, value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if model is not None:
        try:
            meta_field = model._meta.get_field(field)
        except Exception:
            meta_field = None
        related = getattr(meta_field, "related_model", None)
        if related is not None and (
            getattr(meta_field, "many_to_one", False) or getattr(meta_field, "one_to_one", False)
        ):
            # A record is named, not shown by its database id.
            found = related._default_manager.filter(pk=value).first()
            return str(found) if found is not None else _("(deleted)")
        choices = getattr(meta_field, "flatchoices", None)
        if choices:
            names = {str(key): str(name) for key, name in choices}
            if str(value) in names:
                return names[str(value)]
    return str(value)


def _field_label(model: type[Model] | None, field: str) -> str:
    if model is None:
        return field
    try:
        found = model._meta.get_field(field)
    except Exception:
        return field
    # A reverse relation has no verbose name; its field name is the label.
    return str(found.verbose_name) if isinstance(found, Field) else field


def readable(event: AuditEvent) -> ReadableEvent:
    """The event with labels, choice names and local time."""
    model = model_of(event.model)
    changes = tuple(
        Change(
            _field_label(model, field),
            _value(model, field, values[0] if isinstance(values, list) and values else None),
            _value(
                model, field, values[1] if isinstance(values, list) and len(values) > 1 else None
            ),
        )
        for field, values in (event.changes or {}).items()
    )
    return ReadableEvent(
        event,
        timezone.localtime(event.at),
        kind_label(event.model),
        changes,
        actor_name(event.actor),
    )


def format_when(at: dt.datetime, language: str) -> str:
    """Local time as the language prefers: "令和8年12月5日 22:30" in Japanese (和暦),
    "2026-12-05 22:30" otherwise."""
    if language.lower().startswith("ja"):
        era, number = era_year(at.year)
        year = "元" if number == 1 else str(number)
        return f"{era.name_ja}{year}年{at.month}月{at.day}日 {at:%H:%M}"
    return f"{at:%Y-%m-%d %H:%M}"


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
    base = AuditEvent.objects.filter(organisation=organisation)
    actors = sorted(set(base.values_list("actor", flat=True)))
    kinds = sorted(set(base.values_list("model", flat=True)))
    return (
        [(actor, actor_name(actor)) for actor in actors],
        sorted(((kind, kind_label(kind)) for kind in kinds), key=lambda pair: pair[1]),
    )
