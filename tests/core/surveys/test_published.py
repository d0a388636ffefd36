"""The paper's Tables 1–9 as printed, and the audit of their rates."""

from __future__ import annotations

import pytest

from dxtalent.core.surveys import (
    PublishedTablesError,
    audit,
    read_tables_csv,
    recomputed,
    shipped_tables,
    tables_from_dict,
)
from dxtalent.core.tabular import TableValidationError

SEED = "nakagawa-2025-digital-talent-local-governments.txt"


def test_the_shipped_tables_hold_the_paper_item_for_item():
    from pathlib import Path

    # The paper sits in ../shared/seed beside the project's root (see the brief).
    source = Path(__file__).resolve().parents[3].parent / "shared" / "seed" / SEED
    if not source.is_file():
        pytest.skip(f"the paper is not at {source}")
    paper = source.read_text(encoding="utf-8")
    tables = shipped_tables()
    assert [t.number for t in tables.tables] == list(range(1, 10))
    for table in tables.tables:
        assert len(table.rows) == (2 if table.number == 1 else 5)
        for row in table.rows:
            # Each row as it reads in the paper: item, count and rate separated by tabs.
            assert f"{row.item.en}\t{row.count}\t{row.percent}%" in paper, (table.number, row)
        assert f"Table {table.number}." in paper
    assert tables.table(4).denominator == 233 and tables.table(5).denominator == 237
    assert tables.table(4).row(2).percent == "35.0"  # trailing zero kept


def test_each_consistent_row_reproduces_its_rate_from_count_and_denominator():
    for verdict in audit(shipped_tables()):
        if verdict.consistent:
            assert verdict.recomputed == verdict.percent


def test_the_audit_finds_table_6_rates_shifted_by_two_rows():
    verdicts = {(v.table, v.row): v for v in audit(shipped_tables(), 6)}
    assert not any(v.consistent for v in verdicts.values())
    # Each count's own rate is printed two rows further down.
    assert verdicts[6, 1].count_on_rows == (3,) and verdicts[6, 2].count_on_rows == (4,)
    assert verdicts[6, 3].rate_of_rows == (1,) and verdicts[6, 5].rate_of_rows == (3,)
    assert "shifted" in verdicts[6, 3].reason.en and "行のずれ" in verdicts[6, 3].reason.ja
    assert verdicts[6, 1].denominators == (199,)


def test_the_audit_flags_table_4_row_2_whose_rate_no_base_up_to_233_gives():
    verdict = next(v for v in audit(shipped_tables(), 4) if v.row == 2)
    assert not verdict.consistent and verdict.recomputed == "35.2"
    assert verdict.denominators == () and verdict.beyond == (234,)
    assert [v.consistent for v in audit(shipped_tables(), 4)] == [True, False, True, True, True]


def test_every_other_table_is_consistent():
    bad = {(v.table, v.row) for v in audit(shipped_tables()) if not v.consistent}
    assert bad == {(4, 2)} | {(6, r) for r in range(1, 6)}


def _one_table(denominator, rows):
    return tables_from_dict(
        {
            "kind": "published_tables",
            "departments": {},
            "tables": [
                {
                    "number": 1,
                    "title": {"ja": "t", "en": "t"},
                    "measure": {"ja": "m", "en": "m"},
                    "count_label": {"ja": "n", "en": "n"},
                    "denominator": denominator,
                    "rows": [
                        {"item": {"ja": f"r{i}"}, "count": count, "percent": percent}
                        for i, (count, percent) in enumerate(rows)
                    ],
                }
            ],
        }
    )


@pytest.mark.parametrize(
    ("rows", "rule"),
    [
        ([(1, "13"), (3, "38")], "half_up"),  # 12.5 → 13, 37.5 → 38
        ([(1, "12"), (3, "38")], "half_even"),  # 12.5 → 12, 37.5 → 38
        ([(1, "12"), (3, "37")], "truncate"),  # 12.5 → 12, 37.5 → 37
    ],
)
def test_an_exact_half_passes_under_the_rule_its_table_is_rounded_with(rows, rule):
    verdicts = audit(_one_table(8, rows))
    assert all(v.consistent for v in verdicts) and {v.rounding.value for v in verdicts} == {rule}


def test_a_table_whose_rows_need_different_rules_flags_the_odd_row_and_says_why():
    # 1/8 = 12.5 % printed 13 (half up), 5/8 = 62.5 % printed 62 (half to even), 1/4 = 25 %.
    verdicts = audit(_one_table(8, [(1, "13"), (5, "62"), (2, "25")]))
    assert [v.consistent for v in verdicts] == [True, False, True]
    odd = verdicts[1]
    assert odd.rounding.value == "half_up"
    assert [r.value for r in odd.only_under] == ["half_even", "truncate"]
    assert "rounded unlike the rest of its table" in odd.reason.en
    assert "偶数丸め" in odd.reason.ja and "四捨五入" in odd.reason.ja
    assert recomputed(1, 8, 0) == "13"


def test_a_bad_pack_is_refused_naming_the_field():
    pack = {
        "kind": "published_tables",
        "tables": [{"number": 1, "denominator": 10, "rows": [{"count": 1, "percent": 35.0}]}],
    }
    with pytest.raises(PublishedTablesError, match=r"tables\[0\].title"):
        tables_from_dict(pack)
    pack["tables"][0].update(title={"ja": "t"}, measure={"ja": "m"}, count_label={"ja": "n"})
    with pytest.raises(PublishedTablesError, match=r"rows\[0\].item"):
        tables_from_dict(pack)
    pack["tables"][0]["rows"][0]["item"] = {"ja": "a"}
    with pytest.raises(
        PublishedTablesError, match=r"rows\[0\].percent: 35.0; the rate as printed, in quotes"
    ):
        tables_from_dict(pack)


def test_a_users_csv_is_audited_like_the_shipped_tables():
    csv = "table,item,count,percent,denominator\n1,A,10,50.0,20\n1,B,5,30.0,20\n"
    verdicts = audit(read_tables_csv(csv.encode()))
    assert [(v.row, v.consistent) for v in verdicts] == [(1, True), (2, False)]
    assert verdicts[1].reason.en.startswith("5/20 = 25.000% is 25.0% under the table's rounding")


def test_a_bad_csv_names_each_row_and_field_and_nothing_is_audited():
    csv = "table,item,count,percent,denominator\n1,A,ten,50.0,20\n1,B,5,300,20\n1,C,5,30.0,21\n"
    with pytest.raises(TableValidationError) as caught:
        read_tables_csv(csv.encode())
    text = str(caught.value)
    assert 'Row 2, column "count"' in text and '"ten"' in text
    assert 'Row 3, column "percent"' in text and '"300"' in text
    csv = "table,item,count,percent,denominator\n1,A,10,50.0,20\n1,C,5,30.0,21\n"
    with pytest.raises(TableValidationError, match=r'Row 3, column "denominator".*states 20'):
        read_tables_csv(csv.encode())
