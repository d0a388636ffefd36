"""Personas of the prefecture side: pam administers Hiroshima prefecture (city A's), pete edits
it, pia views it; Hyogo prefecture (city B's) has its own editor, hugo."""

from __future__ import annotations

import pytest

from tests.conftest import _member

HIROSHIMA = "340006"
HYOGO = "280003"


@pytest.fixture
def hiroshima(db):
    from dxtalent.web.organisations.models import Organisation

    return Organisation.objects.get(code=HIROSHIMA)


@pytest.fixture
def hyogo(db):
    from dxtalent.web.organisations.models import Organisation

    return Organisation.objects.get(code=HYOGO)


@pytest.fixture
def pam(hiroshima):
    from dxtalent.web.organisations.models import Role

    return _member("pam", hiroshima, Role.ADMIN)


@pytest.fixture
def pete(hiroshima):
    from dxtalent.web.organisations.models import Role

    return _member("pete", hiroshima, Role.EDITOR)


@pytest.fixture
def pia(hiroshima):
    from dxtalent.web.organisations.models import Role

    return _member("pia", hiroshima, Role.VIEWER)


@pytest.fixture
def hugo(hyogo):
    from dxtalent.web.organisations.models import Role

    return _member("hugo", hyogo, Role.EDITOR)


@pytest.fixture
def hiroshima_towns(hiroshima):
    """Municipalities of Hiroshima prefecture other than city A, smallest first."""
    from dxtalent.web.organisations.models import Organisation

    return list(
        Organisation.objects.filter(prefecture=hiroshima, population__isnull=False)
        .exclude(code="342122")
        .order_by("population")
    )
