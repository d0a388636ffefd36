"""The national list in the database: loaded by migrate from the shipped file, replaced whole
by a newer edition, refused whole when a row is wrong."""

import datetime as dt

import pytest
from typer.testing import CliRunner

from dxtalent.cli import app
from dxtalent.core.standardization.national import StandardizationDataError
from dxtalent.web.standardization.models import NationalEdition, NationalListing
from dxtalent.web.standardization.services import load_file, load_shipped, national_summary

pytestmark = pytest.mark.django_db

HEADER = "code,name,prefecture,category,tokutei_system_count,businesses,as_of\n"
NEWER = (
    HEADER
    + "012025,函館市,北海道,中核市,2,就学;戸籍,2026-03-31\n"
    + "342122,東広島市,広島県,一般市,1,介護保険,2026-03-31\n"
)


def test_migrate_loads_the_shipped_list_with_its_published_totals():
    edition = NationalEdition.objects.get(current=True)
    assert edition.shipped
    assert edition.as_of == dt.date(2025, 12, 31)
    assert (edition.governments, edition.systems) == (935, 8956)
    listings = NationalListing.objects.filter(edition=edition)
    assert listings.count() == 935
    assert sum(1 for row in listings if row.code[2:5] == "000") == 37
    assert sum(len(row.businesses) for row in listings) == 8956
    assert len(listings.get(code="011002").businesses) == 18  # 札幌市


def test_the_summary_reproduces_the_list_over_all_1788_governments():
    _edition, summary = national_summary()
    assert summary.total.governments == 1788
    assert summary.total.listed == 935
    assert summary.total.systems == 8956
    prefectures = next(row for row in summary.by_kind if row.code == "prefecture")
    assert (prefectures.governments, prefectures.listed) == (47, 37)
    assert sum(row.listed for row in summary.by_kind) == 935


def test_a_newer_edition_replaces_the_current_one_and_the_old_is_kept():
    old = NationalEdition.objects.get(current=True)
    new = load_file(NEWER.encode("cp932"), "list-2026-03.csv")
    assert NationalEdition.objects.get(current=True) == new
    assert new.as_of == dt.date(2026, 3, 31)
    assert (new.governments, new.systems) == (2, 3)
    old.refresh_from_db()
    assert not old.current and old.listings.count() == 935
    _edition, summary = national_summary()
    assert summary.total.listed == 2


def test_migrate_again_keeps_a_newer_edition_that_was_loaded():
    new = load_file(NEWER.encode(), "list-2026-03.csv")
    assert load_shipped() is None
    assert NationalEdition.objects.get(current=True) == new


def test_a_bad_edition_is_refused_whole_and_nothing_is_written():
    bad = NEWER + "012033,小樽市,北海道,一般市,1,上下水道,2026-03-31\n"
    before = NationalListing.objects.count()
    with pytest.raises(StandardizationDataError, match=r'row 4, column "businesses"'):
        load_file(bad.encode(), "bad.csv")
    assert NationalListing.objects.count() == before
    assert NationalEdition.objects.get(current=True).shipped


def test_the_command_loads_a_newer_edition(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text(NEWER, encoding="utf-8")
    result = CliRunner().invoke(app, ["data", "load", "standardization", str(path)])
    assert result.exit_code == 0, result.output
    assert "2026-03-31" in result.output
    assert NationalEdition.objects.get(current=True).file_name == "list.csv"


def test_the_command_names_the_bad_row_and_exits_2(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text(HEADER + "999999,x,x,町,1,就学,2026-03-31\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["data", "load", "standardization", str(path)])
    assert result.exit_code == 2
    assert 'row 2, column "code"' in result.output
    assert NationalEdition.objects.get(current=True).shipped
