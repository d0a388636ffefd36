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
