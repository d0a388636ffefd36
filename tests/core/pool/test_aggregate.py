import pytest

from dxtalent.core.pool.aggregate import Contribution, Suppressed, aggregate


def _c(name, people, departures):
    return Contribution(name, people, {"departures": departures})


def test_a_town_with_one_dx_staff_member_is_never_shown_nor_recoverable_by_differencing():
    town = _c("town", 1, 1)
    result = aggregate([town, _c("city", 10, 2), _c("big", 30, 5), _c("mid", 6, 0)])
    rows = {r.municipality: r for r in result.rows}
    assert rows["town"].figures is None
    assert rows["town"].suppressed is Suppressed.FEW_PEOPLE
    # The total is shown, so one more municipality is hidden: total minus the shown rows is
    # then the sum of two, not the town's own figure.
    assert rows["mid"].suppressed is Suppressed.DIFFERENCING
    assert result.total == {"departures": 8}
    shown = sum(r.figures["departures"] for r in result.rows if r.figures is not None)
    hidden = [r for r in result.rows if r.figures is None]
    assert len(hidden) >= 2 and result.total["departures"] - shown == 1 + 0


def test_the_total_is_suppressed_when_fewer_municipalities_than_the_threshold_contribute():
    result = aggregate([_c("a", 10, 1), _c("b", 12, 2)])
    assert result.total is None
    assert all(r.figures is not None for r in result.rows)


def test_the_total_is_suppressed_when_the_only_other_municipality_is_already_hidden():
    result = aggregate([_c("a", 1, 1), _c("b", 2, 0), _c("c", 1, 0)])
    assert result.total is not None  # three municipalities, four people: shown
    assert all(r.figures is None for r in result.rows)


def test_nothing_is_suppressed_when_every_municipality_reaches_the_threshold():
    result = aggregate([_c("a", 3, 1), _c("b", 4, 2), _c("c", 5, 0)])
    assert [r.suppressed for r in result.rows] == [None, None, None]
    assert result.total == {"departures": 3}


def test_the_threshold_is_a_setting():
    result = aggregate([_c("a", 3, 1), _c("b", 4, 2), _c("c", 5, 0)], threshold=5)
    assert [r.suppressed for r in result.rows] == [
        Suppressed.FEW_PEOPLE,
        Suppressed.FEW_PEOPLE,
        None,
    ]
    with pytest.raises(ValueError, match="threshold 0"):
        aggregate([], threshold=0)


def test_a_town_that_begins_sharing_is_not_identifiable_by_the_difference_from_last_month():
    last_month = [_c("a", 4, 1), _c("b", 5, 0), _c("c", 6, 2)]
    shown = aggregate(last_month)
    assert shown.total == {"departures": 3}
    published = [{c.municipality: c.people for c in last_month}]
    # This month the town shares too: its one DX staff member is leaving. This month's total
    # minus last month's would be the town's departure.
    this_month = aggregate([*last_month, _c("town", 1, 1)], published=published)
    assert this_month.total is None
    assert this_month.total_suppressed is Suppressed.VIEWS_DIFFER
    assert this_month.differs_by == ("town",)
    # Without last month's view, the total alone would have been shown.
    assert aggregate([*last_month, _c("town", 1, 1)]).total == {"departures": 4}


def test_two_overlapping_groups_differing_by_fewer_municipalities_than_the_threshold():
    group = [_c("a", 4, 1), _c("b", 5, 0), _c("c", 6, 2), _c("d", 7, 0)]
    wider = [*group, _c("e", 8, 1), _c("f", 3, 1)]
    published = [{c.municipality: c.people for c in group}]
    assert aggregate(wider, published=published).total is None  # differs by two
    wide = [*wider, _c("g", 5, 0)]
    assert aggregate(wide, published=published).total == {"departures": 5}  # by three


def test_views_differing_by_enough_municipalities_but_too_few_people_are_suppressed():
    base = [_c("a", 4, 1), _c("b", 5, 0), _c("c", 6, 2)]
    empty_towns = [_c("x", 0, 0), _c("y", 1, 1), _c("z", 0, 0)]
    published = [{c.municipality: c.people for c in base}]
    found = aggregate([*base, *empty_towns], published=published)
    assert found.total is None and found.differs_by == ("x", "y", "z")


def test_the_same_municipalities_as_a_published_view_keep_the_total_shown():
    base = [_c("a", 4, 1), _c("b", 5, 0), _c("c", 6, 2)]
    published = [{c.municipality: c.people for c in base}]
    assert aggregate(base, published=published).total == {"departures": 3}
    assert aggregate(base, published=published).total_suppressed is None
