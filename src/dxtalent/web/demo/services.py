"""Writes the demo plan from core.demo into the database, with fresh passwords each time."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from dxtalent.core.demo.generator import DemoPlan, generate_demo
from dxtalent.web.audit.actor import Actor, acting_as
from dxtalent.web.organisations.models import Membership, Organisation, Role

ROLES = {"viewer": Role.VIEWER, "editor": Role.EDITOR, "admin": Role.ADMIN}


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    organisation_code: str
    organisation_name: str
    role: str
    purpose: str


def new_password() -> str:
    return secrets.token_urlsafe(12)


@transaction.atomic
def prepare_demo(seed: int = 2025, plan: DemoPlan | None = None) -> list[DemoLogin]:
    """Create or refresh the synthetic organisations and users; every run sets new passwords
    (printed by the caller, stored only as hashes)."""
    plan = plan or generate_demo(seed)
    user_model = get_user_model()
    logins: list[DemoLogin] = []
    with acting_as(Actor(user=None, label="demo")):
        by_code: dict[str, Organisation] = {}
        for demo in plan.organisations:
            organisation, _created = Organisation.objects.update_or_create(
                code=demo.code,
                defaults={
                    "name": demo.name,
                    "name_en": demo.name_en,
                    "kana": demo.kana,
                    "kind": demo.kind.value,
                    "prefecture": by_code.get(demo.prefecture_code or ""),
                    "is_synthetic": True,
                },
            )
            by_code[demo.code] = organisation
        for demo_user in plan.users:
            password = new_password()
            user, _created = user_model.objects.get_or_create(username=demo_user.username)
            user.first_name = demo_user.given_name
            user.last_name = demo_user.family_name
            user.email = f"{demo_user.username}@demo.invalid"
            user.set_password(password)
            user.save()
            organisation = by_code[demo_user.organisation_code]
            Membership.objects.update_or_create(
                user=user, organisation=organisation, defaults={"role": ROLES[demo_user.role]}
            )
            logins.append(
                DemoLogin(
                    username=user.username,
                    password=password,
                    organisation_code=organisation.code,
                    organisation_name=organisation.name,
                    role=demo_user.role,
                    purpose=demo_user.purpose,
                )
            )
    return logins
