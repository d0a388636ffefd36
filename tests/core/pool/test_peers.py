"""Peers by size and kind, with small groups suppressed."""

from dxtalent.core.organisations.codes import OrganisationKind
from dxtalent.core.pool.aggregate import Suppressed
from dxtalent.core.pool.peers import Peer, compare_with_peers, view_key

TOWN = OrganisationKind.TOWN


def _town(code, population, people, departures=0.0, kind=TOWN):
    return Peer(code, kind, population, people, {"departures": departures})


def test_an_organisation_is_compared_with_the_others_of_its_kind_and_population_band():
    own = _town("own", 8_000, 2, 1)
    candidates = [
        own,
        _town("a", 9_000, 3, 1),
        _town("b", 5_000, 4, 0),
        _town("c", 2_000, 5, 2),
        _town("bigger", 12_000, 9, 3),  # another band
        _town("village", 6_000, 9, 3, OrganisationKind.VILLAGE),  # another kind
    ]
    found = compare_with_peers(own, candidates)
    assert found.peers == 3 and set(found.members) == {"a", "b", "c"}
    assert found.band is not None and found.band.code == "under-10k"
    assert found.total == {"departures": 3, "people": 12}
    assert found.mean == {"departures": 1, "people": 4}
    assert found.own == {"departures": 1, "people": 2}
    assert found.view == view_key(TOWN, found.band)


def test_a_group_of_fewer_peers_than_the_threshold_is_suppressed():
    own = _town("own", 8_000, 2)
    found = compare_with_peers(own, [_town("a", 9_000, 5, 1), _town("b", 5_000, 4)])
    assert found.total is None and found.mean is None
    assert found.suppressed is Suppressed.FEW_MUNICIPALITIES


def test_a_group_with_one_peer_more_than_a_group_shown_before_is_suppressed():
    own = _town("own", 8_000, 2)
    group = [_town("a", 9_000, 3), _town("b", 5_000, 4), _town("c", 2_000, 5)]
    shown = compare_with_peers(own, group)
    assert shown.total is not None
    # A town with its single DX staff member, leaving, begins to share.
    joined = compare_with_peers(
        own, [*group, _town("single", 3_000, 1, 1)], published=[dict(shown.members)]
    )
    assert joined.total is None and joined.suppressed is Suppressed.VIEWS_DIFFER


def test_an_organisation_without_a_population_has_no_group():
    found = compare_with_peers(_town("own", None, 2), [_town("a", 9_000, 3)])
    assert found.band is None and found.peers == 0 and found.total is None
