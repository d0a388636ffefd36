"""Issue #13: days read as the page's language writes them (2027年4月1日), not ISO, in Japanese."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from dxtalent.web.dashboard.templatetags.dxtalent import day


@pytest.mark.parametrize(
    ("language", "value", "shown"),
    [
        ("ja", dt.date(2027, 4, 1), "2027年4月1日"),
        ("ja", "2027-03-31", "2027年3月31日"),
        ("en", "2027-03-31", "2027-03-31"),
        ("ja", None, ""),
        ("ja", "not a day", ""),
    ],
)
def test_the_day_filter_writes_a_day_in_the_readers_language(language, value, shown):
    with translation.override(language):
        assert day(value) == shown
