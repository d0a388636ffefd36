"""Optimistic concurrency for every editable record: two editors of one person, and the
second is told instead of silently overwriting the first.

Each editable model derives from `Versioned`: a `version` counting its saves from 1. A writer
says which version it read: an edit form carries it in a hidden field (`VersionedForm`), an
API client sends it as `If-Match: "<version>"` (the ETag of the record's GET) or as `version`
in the body. `save_versioned` then moves the record from that version to the next in one
conditional UPDATE, so that of two writers who read the same version exactly one wins, on
SQLite and PostgreSQL alike; the other gets core.records.StaleRecordError and nothing of
theirs is written. The rule itself is core.records.check_version.

- a form is re-shown with the writer's values kept, an error naming each field with their
  value and the current one, and the current version in its hidden field, so that saving
  again deliberately keeps theirs;
- the API answers 412 (If-Match) or 409 (version in the body) in the one error shape.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from django import forms
from django.db import models, transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dxtalent.core.diagnostics.wording import sentences
from dxtalent.core.records import StaleRecordError, check_version


class Versioned(models.Model):
    """Base of every record people edit: `version` counts its saves (1 when created)."""

    version = models.PositiveIntegerField(
        gettext_lazy("version"), default=1, editable=False, help_text="Saves so far, from 1."
    )

    class Meta:
        abstract = True


def _label(instance: models.Model) -> str:
    return f"{instance._meta.verbose_name} {instance}"


def claim(instance: models.Model, read: int | None, field: str = "version") -> int:
    """Move `instance`'s row from version `read` to the next (None: from whatever it is) in one
    conditional UPDATE and return the new version; StaleRecordError when it is no longer at
    `read`. Call inside the transaction that writes the change."""
    row = type(instance)._default_manager.filter(pk=instance.pk)
    bump = {field: F(field) + 1}
    if read is None:
        row.update(**bump)
    elif not row.filter(**{field: read}).update(**bump):
        current = row.values_list(field, flat=True).first() or 0
        check_version(_label(instance), read, current)
    version: int = row.values_list(field, flat=True).get()
    return version


def save_versioned(
    instance: Versioned, read: int | None, update_fields: list[str] | None = None
) -> None:
    """Save `instance`, which its writer read at version `read` (None: not said, saved as
    before). Raises StaleRecordError, saving nothing, when someone saved it in between. A
    record not stored yet (e.g. settings shown with their defaults) is simply created."""
    if instance._state.adding:
        instance.save()
        return
    with transaction.atomic():
        instance.version = claim(instance, read)
        if update_fields is not None:
            update_fields = [*update_fields, "version"]
        instance.save(update_fields=update_fields)


# Forms ------------------------------------------------------------------------------------------


class VersionedForm(forms.ModelForm):  # type: ignore[type-arg]
    """A ModelForm of a Versioned model carrying the version it was read at."""

    # 0: the record was not stored yet when the form was shown (its defaults were), so a
    # writer who finds it stored by someone else meanwhile is told, as for any later version.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version if self.instance.pk else 0


def _shown(field: forms.Field | None, value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    choices = getattr(field, "choices", None)
    if choices is not None and not isinstance(field, forms.ModelChoiceField):
        names = {str(key): str(label) for key, label in choices}
        return names.get(str(value), str(value))
    return str(value)


def conflicts(form: forms.ModelForm, current: models.Model) -> list[tuple[str, str, str]]:  # type: ignore[type-arg]
    """(field label, the writer's value, the current value) of each field of `form` where
    they differ."""
    found = []
    for name, field in form.fields.items():
        if name == "version" or name not in form.cleaned_data:
            continue
        if name not in {f.name for f in current._meta.concrete_fields}:
            continue  # a form field with no column of its own: not compared
        model_field = current._meta.get_field(name)
        now = getattr(current, model_field.name)
        theirs = form.cleaned_data[name]
        if isinstance(model_field, models.ForeignKey):
            now_pk = getattr(current, model_field.attname)
            theirs_pk = getattr(theirs, "pk", theirs)
            if now_pk != theirs_pk:
                found.append((str(field.label), _shown(field, theirs), _shown(field, now)))
            continue
        if (now in (None, "") and theirs in (None, "")) or now == theirs:
            continue
        found.append((str(field.label), _shown(field, theirs), _shown(field, now)))
    return found


def stale_message(record: str, changes: list[tuple[str, str, str]], in_form: bool = True) -> str:
    """The error: who won, what differs (the writer's value and the current one), and what to
    do. in_form: the writer's values are still in the form shown (else: listed here only)."""
    if in_form:
        head = _(
            "Someone else saved {record} while you were editing it; nothing of yours was "
            "saved. Your values are still in the form."
        ).format(record=record)
        tail = _("Save again to replace the current values with yours, or cancel to keep them.")
    else:
        head = _(
            "Someone else saved {record} while you were editing it; nothing of yours was "
            "saved. Your values and the current ones:"
        ).format(record=record)
        tail = _("Enter yours again on the page as it is now to replace the current values.")
    lines = [
        _("{field}: yours “{yours}”, now “{current}”.").format(
            field=label, yours=yours, current=now
        )
        for label, yours, now in changes
    ]
    return sentences([head, *lines, tail])


def save_form(form: forms.ModelForm, **save_kwargs: Any) -> bool:  # type: ignore[type-arg]
    """Save a valid VersionedForm unless its record changed since the form was shown: then
    add the error (both values of each field that differs), put the current version in the
    hidden field so that saving again keeps the writer's values, and return False."""
    instance = form.instance
    read = form.cleaned_data.get("version")
    try:
        with transaction.atomic():
            obj = form.save(commit=False)
            save_versioned(obj, read)
            form.save_m2m()
    except StaleRecordError as error:
        current = type(instance)._default_manager.get(pk=instance.pk)
        form.add_error(None, stale_message(str(current), conflicts(form, current)))
        data = form.data.copy()  # type: ignore[attr-defined]  # a QueryDict when bound
        data[form.add_prefix("version")] = str(error.current)
        form.data = data
        return False
    return True


# The API ----------------------------------------------------------------------------------------


class StaleWriteError(Exception):
    """An API write refused by the rule: status 412 (If-Match) or 409 (body version)."""

    def __init__(self, status: int, loc: list[str], message: str) -> None:
        self.status = status
        self.loc = loc
        super().__init__(message)


def etag(instance: Versioned) -> str:
    """The record's ETag: its version, quoted."""
    return f'"{instance.version}"'


def set_etag(response: HttpResponse, instance: Versioned) -> None:
    response["ETag"] = etag(instance)


def _if_match(request: HttpRequest) -> int | str | None:
    raw = request.headers.get("If-Match")
    if raw is None or raw.strip() == "*":
        return None
    text = raw.strip().removeprefix("W/").strip('"')
    return int(text) if text.isdigit() else raw


@contextlib.contextmanager
def api_write(request: HttpRequest, body_version: int | None = None) -> Iterator[int | None]:
    """The version an API client read: If-Match (its ETag), else `body_version` (the body's
    `version`), else None (not said: saved without a check). Within the block, a
    StaleRecordError becomes StaleWriteError: 412 for If-Match, 409 for the body."""
    header = _if_match(request)
    if isinstance(header, str):
        raise StaleWriteError(
            400,
            ["header", "If-Match"],
            f'If-Match: {header!r} is not a version; send the ETag of the record, e.g. "3"',
        )
    read, loc, status = header, ["header", "If-Match"], 412
    if read is None and body_version is not None:
        read, loc, status = body_version, ["body", "version"], 409
    try:
        yield read
    except StaleRecordError as error:
        raise StaleWriteError(
            status,
            loc,
            f"{error}; read it again (ETag {error.current}), apply your change and send it "
            f'with If-Match: "{error.current}"',
        ) from None


def api_save(request: HttpRequest, instance: Versioned, body_version: int | None = None) -> None:
    """Save `instance` for an API client (see api_write)."""
    with api_write(request, body_version) as read:
        save_versioned(instance, read)
