"""Personas shared by the web and browser tests (STYLE.md): alice edits city A, bob views city
A, charlie edits city B, dana administers city A. City A is Higashi-Hiroshima, city B Kobe."""

from __future__ import annotations

import pytest

CITY_A = "342122"  # 東広島市
CITY_B = "281000"  # 神戸市
PASSWORD = "correct horse battery staple"


@pytest.fixture
def city_a(db):
    from dxtalent.web.organisations.models import Organisation

    return Organisation.objects.get(code=CITY_A)


@pytest.fixture
def city_b(db):
    from dxtalent.web.organisations.models import Organisation

    return Organisation.objects.get(code=CITY_B)


def _member(username, organisation, role):
    from django.contrib.auth import get_user_model

    from dxtalent.web.organisations.models import Membership

    user = get_user_model().objects.create_user(username, f"{username}@example.jp", PASSWORD)
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


@pytest.fixture
def alice(city_a):
    from dxtalent.web.organisations.models import Role

    return _member("alice", city_a, Role.EDITOR)


@pytest.fixture
def bob(city_a):
    from dxtalent.web.organisations.models import Role

    return _member("bob", city_a, Role.VIEWER)


@pytest.fixture
def charlie(city_b):
    from dxtalent.web.organisations.models import Role

    return _member("charlie", city_b, Role.EDITOR)


@pytest.fixture
def dana(city_a):
    from dxtalent.web.organisations.models import Role

    return _member("dana", city_a, Role.ADMIN)


@pytest.fixture
def personas(alice, bob, charlie, dana):
    return {"alice": alice, "bob": bob, "charlie": charlie, "dana": dana}


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Argon2 is slow on purpose; the tests do not test it."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def plan_runs_inline(request, settings):
    """A test's transaction never commits, so a worker could not see its plan runs: they are
    solved in the test's thread (the immediate task backend) unless the test is marked
    `background` (and is transactional, or a browser test): then the runs are queued in the
    database and a worker thread of the test process does them, as in production."""
    if not (
        request.node.get_closest_marker("background") or request.node.get_closest_marker("browser")
    ):
        settings.TASKS = {
            "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
        }
        yield
        return
    from dxtalent.web import jobs

    request.getfixturevalue("transactional_db")  # the worker reads the test database
    worker = jobs.WorkerThread(interval=0.05).start()
    yield
    worker.stop(timeout=120)


@pytest.fixture(autouse=True)
def nothing_kept_from_another_test():
    """Results kept per data version (web/versions.py) are per process; a test's rolled-back
    database reuses ids and audit events, so a version could name another test's data."""
    from dxtalent.web import versions

    versions.forget()
    yield
    versions.forget()
