"""How findings list people: every one up to NAMED_AT_MOST, then the first ones and a count."""

from __future__ import annotations

from dxtalent.core.diagnostics.wording import NAMED_AT_MOST, listed


def test_a_short_list_names_everyone():
    names = [f"P{i}" for i in range(NAMED_AT_MOST)]
    assert listed(names) == ", ".join(names[:-1]) + " and " + names[-1]


def test_a_long_list_of_people_names_the_first_ones_and_counts_the_others():
    names = [f"P{i}" for i in range(NAMED_AT_MOST + 15)]
    text = listed(names, of_people=True)
    assert text == ", ".join(names[:NAMED_AT_MOST]) + " and 15 others"
    assert f"P{NAMED_AT_MOST}" not in text.split(", ")


def test_one_more_item_is_counted_in_the_singular():
    names = [f"S{i}" for i in range(NAMED_AT_MOST + 1)]
    assert listed(names, of_people=True).endswith(" and 1 other")
    assert listed(names).endswith(" and 1 more")


def test_items_not_written_are_counted_with_those_beyond_the_first_ones():
    names = [f"P{i}" for i in range(NAMED_AT_MOST)]
    assert listed(names, of_people=True, more=5).endswith("P9 and 5 others")
    assert listed(names[:3], more=0) == "P0, P1 and P2"
