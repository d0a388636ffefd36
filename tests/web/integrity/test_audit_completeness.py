"""Every model of dxtalent's apps is audited: creating, changing and deleting a row of it puts
an event in its organisation's trail, unless the model is on the allow-list below, each with
the reason it is not user data (or not the organisation's). A new model fails this test until
it is audited or listed here with its reason."""

from __future__ import annotations

import datetime as dt
import decimal
import itertools
from typing import Any

import pytest
from django.apps import apps
from django.db import models
from django.utils import timezone

from dxtalent.web.audit.actor import Actor, acting_as
from dxtalent.web.audit.models import AuditEvent

ALL = frozenset({"create", "update", "delete"})

# model label → the actions that are not audited, and why.
NOT_AUDITED: dict[str, tuple[frozenset[str], str]] = {
    # The trail itself: an event about an event would never end.
    "audit.AuditEvent": (ALL, "the audit trail's own rows"),
    # Security bookkeeping kept for a throttle window, not anybody's data.
    "accounts.LoginFailure": (ALL, "login throttle bookkeeping, deleted after its window"),
    "accounts.PasswordResetRequest": (ALL, "rate-limit bookkeeping, deleted after an hour"),
    # The job queue's and the mailer's rows: the outbox of the system, not user data.
    "accounts.QueuedMail": (ALL, "the outgoing mail queue; its body is a credential"),
    # API tokens are recorded on create and delete (accounts.signals); their only update is
    # last_used_at, written with update() at every request.
    "accounts.ApiToken": (frozenset({"update"}), "the only change is last_used_at, by the system"),
    # Derived data, rebuilt from the ratings at any time (services.refresh_current_levels).
    "people.CurrentLevel": (ALL, "derived from the ratings, which are audited"),
    # Ratings are never changed (Rating.save refuses); a new assessment adds new ratings.
    "people.Rating": (frozenset({"update"}), "ratings are immutable; there is no update"),
    # Shipped frameworks belong to no organisation; an organisation's copy's skills and roles
    # are copied with it (its Framework create event records the copy) and never edited:
    # only the targets are, and RoleTarget is audited.
    "people.Skill": (ALL, "copied with a framework, never edited"),
    "people.Role": (ALL, "copied with a framework, never edited"),
    # The respondent's answers on their private link: the respondent's, not the owner's,
    # saved as often as they like (surveys.models.Answer).
    "surveys.Answer": (ALL, "the respondent's own answers, not the owner's records"),
    # The Digital Agency's national list of 特定移行支援システム: public data belonging to no
    # organisation, loaded by migrate or `dxtalent data load standardization` (which keeps
    # every edition, so the data itself is the record of what was loaded when).
    "standardization.NationalEdition": (ALL, "a public data edition, kept whole"),
    "standardization.NationalListing": (ALL, "a row of a public data edition"),
    # Disclosure-control bookkeeping the system writes when it shows an aggregate total: which
    # municipalities it was built from, so that a later total differing too little is
    # suppressed (web.pool.figures.record_view). No one's data; never edited.
    "pool.PublishedView": (ALL, "the system's record of totals shown, for differencing"),
    # Deleting an organisation deletes its trail with it; there is nowhere to record it.
    "organisations.Organisation": (frozenset({"delete"}), "its trail goes with it"),
}

_numbers = itertools.count(1)


def _value(field: models.Field, context: dict[str, Any]) -> Any:
    n = next(_numbers)
    if field.choices:
        return field.choices[0][0]
    if isinstance(field, models.ForeignKey | models.OneToOneField):
        return _make(field.related_model, context)
    if isinstance(field, models.EmailField):
        return f"user{n}@example.jp"
    if isinstance(field, models.GenericIPAddressField):
        return "192.0.2.1"
    if isinstance(field, models.CharField | models.TextField):
        return f"v{n}"[: field.max_length or 20]
    if isinstance(field, models.BooleanField):
        return False
    if isinstance(field, models.DateTimeField):
        return timezone.now()
    if isinstance(field, models.DateField):
        return dt.date(2026, 4, 1)
    if isinstance(field, models.DecimalField):
        return decimal.Decimal(1)
    if isinstance(field, models.FloatField):
        return 0.5
    if isinstance(field, models.IntegerField):
        return 1
    if isinstance(field, models.JSONField):
        return {}
    raise AssertionError(f"the test cannot fill {field!r}; teach _value")


def _make(model: type[models.Model], context: dict[str, Any], top: bool = False) -> models.Model:
    """A saved row of `model` with every required field filled (foreign keys: the context's
    row of that model, else one made too)."""
    label = model._meta.label
    if label in context and not top:
        return context[label]
    values: dict[str, Any] = {}
    for field in model._meta.concrete_fields:
        if isinstance(field, models.ForeignKey) and field.related_model._meta.label in context:
            values[field.name] = context[field.related_model._meta.label]
            continue
        if (
            field.primary_key
            or field.null
            or field.has_default()
            or getattr(field, "auto_now_add", False)
            or getattr(field, "auto_now", False)
        ):
            continue
        values[field.name] = _value(field, context)
    return model._default_manager.create(**values)


def _change(instance: models.Model) -> str | None:
    """Change one editable field of `instance` (not a key, not the version); its name, or None
    when it has none."""
    for field in instance._meta.concrete_fields:
        if (
            field.primary_key
            or not field.editable
            or field.name == "version"
            or isinstance(field, models.ForeignKey | models.JSONField)
        ):
            continue
        current = getattr(instance, field.attname)
        if field.choices:
            others = [key for key, _label in field.choices if key != current]
            if not others:
                continue
            new: Any = others[0]
        elif isinstance(field, models.BooleanField):
            new = not current
        elif isinstance(field, models.CharField | models.TextField):
            new = f"{current}x"[-(field.max_length or 50) :]
        elif isinstance(field, models.DateTimeField):
            new = (current or timezone.now()) + dt.timedelta(days=1)
        elif isinstance(field, models.DateField):
            new = (current or dt.date(2026, 4, 1)) + dt.timedelta(days=1)
        elif isinstance(field, models.IntegerField | models.FloatField | models.DecimalField):
            new = (current or 0) + 1
        else:
            continue
        setattr(instance, field.attname, new)
        return field.name
    return None


def _project_models() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if m.__module__.startswith("dxtalent.")]


def test_the_allow_list_names_only_models_that_exist():
    labels = {m._meta.label for m in _project_models()}
    assert set(NOT_AUDITED) <= labels


@pytest.mark.parametrize("model", _project_models(), ids=lambda m: m._meta.label)
def test_creating_changing_and_deleting_each_model_is_audited(model, city_a, city_b, dana):
    from django.contrib.auth import get_user_model

    from dxtalent.web.organisations.models import Membership, Organisation, Role
    from dxtalent.web.people.models import Framework

    skipped, _reason = NOT_AUDITED.get(model._meta.label, (frozenset(), ""))
    if skipped == ALL:
        pytest.skip(f"not audited: {_reason}")
    # Rows of an organisation's own copy of a framework (a shipped one is no organisation's).
    walker = get_user_model().objects.create_user("walker", "walker@example.jp", "x")
    # A member elsewhere: an API token's events go to its user's organisations' trails.
    Membership.objects.create(user=walker, organisation=city_b, role=Role.VIEWER)
    context: dict[str, Any] = {
        "organisations.Organisation": city_a,
        "auth.User": walker,
        "people.Framework": Framework.objects.create(
            organisation=city_a, code="COPY", version="1", name_ja="写し", name_en="Copy"
        ),
    }
    if model is Organisation:
        context = {}
    label = model._meta.label
    with acting_as(Actor(user=dana, label="dana")):
        last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
        instance = _make(model, context, top=True)
        if "create" not in skipped:
            assert AuditEvent.objects.filter(id__gt=last, action="create", model=label).exists(), (
                f"creating a {label} is not audited"
            )
        if "update" not in skipped:
            last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
            assert _change(instance) is not None, f"the test finds no field of {label} to change"
            instance.save()
            assert AuditEvent.objects.filter(id__gt=last, action="update", model=label).exists(), (
                f"changing a {label} is not audited"
            )
        if "delete" not in skipped:
            last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
            instance.delete()
            assert AuditEvent.objects.filter(id__gt=last, action="delete", model=label).exists(), (
                f"deleting a {label} is not audited"
            )
