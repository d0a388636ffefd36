"""The print stylesheet of the diagnosis and plan pages: no navigation, tables not cut."""

from __future__ import annotations

import re
from pathlib import Path

import dxtalent

CSS = Path(dxtalent.__file__).parent / "web" / "static" / "dxtalent" / "app.css"


def print_rules() -> str:
    text = CSS.read_text(encoding="utf-8")
    start = text.index("@media print {")
    depth, end = 0, start
    for index in range(start, len(text)):
        depth += {"{": 1, "}": -1}.get(text[index], 0)
        if depth == 0 and text[index] == "}":
            end = index
            break
    return text[start:end]


def test_printing_hides_the_navigation_and_the_report_buttons():
    rules = print_rules()
    hidden = rules[: rules.index("display: none")]
    for selector in (".main-nav", ".org-nav ul", ".no-print", ".site-footer"):
        assert selector in hidden


def test_printing_keeps_each_table_row_whole_and_repeats_the_header():
    rules = print_rules()
    assert re.search(r"tr,\s*th,\s*td,[^{]*\{\s*break-inside: avoid;", rules)
    assert "display: table-header-group" in rules
    assert re.search(r"\.table-wrap,[^{]*\{\s*overflow: visible !important;", rules)
