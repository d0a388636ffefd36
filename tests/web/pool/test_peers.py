"""Peers by size and kind: an organisation beside the governments of its kind and band that
chose to count, small groups suppressed."""

from __future__ import annotations

import pytest

from dxtalent.web.audit.models import AuditEvent
from dxtalent.web.organisations.models import Organisation, Role
from dxtalent.web.pool import figures
from tests.conftest import _member
from tests.web.pool.test_pool import _staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def towns(hiroshima_towns):
    """Towns of Hiroshima of one kind and band (under 50,000, over 10,000), smallest first."""
    found = [
        t
        for t in Organisation.objects.filter(
            kind="town", population__gte=10_000, population__lt=50_000
        ).order_by("population")
    ]
    assert len(found) >= 5
    return found


def test_a_town_compares_itself_with_towns_of_its_band_that_share(client, towns):
    own, *others = towns[:5]
    _staff(own, 2, "自")
    for i, town in enumerate(others):
        _staff(town, 3 + i, f"他{i}")
        figures.set_peer_sharing(town, True)
    user = _member("tami", own, Role.VIEWER)
    client.force_login(user)
    data = client.get(f"/api/organisations/{own.code}/pool/peers").json()
    assert data["band"] == "10k-50k" and data["peers"] == 4
    assert data["own"]["people"] == 2
    assert data["total"]["people"] == 3 + 4 + 5 + 6
    assert data["mean"]["people"] == pytest.approx(4.5)
    page = client.get(f"/o/{own.code}/pool/peers/").content.decode()
    assert 'id="suppression-rule"' in page and "3" in page
    assert "他0姓0" not in page and others[0].name not in page  # no peer by name
    # The group's published figure cites MIC in the reader's language.
    assert "人口規模別の情報主管課の平均職員数" in page and "slides of June 2020" not in page
    assert "domain-facts" not in data["published"]["information_staff_source"]


def test_a_small_group_and_a_group_one_town_larger_than_before_are_suppressed(client, towns):
    own, first, second, third, single = towns[:5]
    user = _member("tami", own, Role.VIEWER)
    client.force_login(user)
    url = f"/api/organisations/{own.code}/pool/peers"
    for i, town in enumerate((first, second)):
        _staff(town, 4, f"他{i}")
        figures.set_peer_sharing(town, True)
    small = client.get(url).json()
    assert small["total"] is None and small["suppressed"] == "few_municipalities"
    _staff(third, 5, "三")
    figures.set_peer_sharing(third, True)
    assert client.get(url).json()["total"]["people"] == 13
    # A town whose single DX staff member is leaving begins to count: the difference from
    # the group shown before would be that person.
    _staff(single, 1, "唯一", leaving=True)
    figures.set_peer_sharing(single, True)
    data = client.get(url).json()
    assert data["total"] is None and data["suppressed"] == "views_differ"
    page = client.get(f"/o/{own.code}/pool/peers/").content.decode()
    assert 'id="group-suppressed"' in page


def test_counting_in_peers_is_the_administrators_choice_and_audited(client, dana, alice, city_a):
    client.force_login(alice)
    assert (
        client.post(f"/o/{city_a.code}/pool/peers/sharing/", {"with_peers": "on"}).status_code
        == 403
    )
    client.force_login(dana)
    client.post(f"/o/{city_a.code}/pool/peers/sharing/", {"with_peers": "on"})
    assert figures.peer_sharing_of(city_a)
    assert AuditEvent.objects.filter(organisation=city_a, model="pool.Sharing", user=dana).exists()
