"""Citations of the paper: the sections core.paper names are the paper's own headings, and
every `Nakagawa 2025, "X"` in dxtalent's code, data, templates and docs names a section the
paper has; where a citation quotes the paper or names a table or a footnote after a section,
the words, the table and the footnote are in that section."""

from __future__ import annotations

import pytest

from dxtalent.core.paper import FOOTNOTES, SECTION_NAMES_JA, SECTIONS, cite
from tests.paper import Citation, all_citations, citations_in, parse, the_paper


def test_the_sections_dxtalent_cites_are_the_headings_of_the_paper():
    paper = the_paper()
    assert tuple(paper.headings) == SECTIONS
    assert "Theoretical Framework" not in paper.headings
    # Subsection headings of the literature review stay in its text.
    assert "Digital talent in the public sector" in paper.section("Literature Review")


def test_the_parser_keeps_a_paragraph_split_by_a_page_break_and_its_footnotes_whole():
    paper = the_paper()
    method = paper.section("Method")
    assert "last for 200 hours over seven months. Participation" in method
    assert "to secure and develop digital talent." in method  # footnotes 4-7 cut it in the text
    assert paper.footnotes[8].startswith("The participants are generally adults")
    assert paper.footnote_sections[8] == "Method"
    assert paper.table_sections[7] == "Data and Empirics"
    assert paper.table_sections[8] == "Discussion"


def test_the_citation_reader_finds_a_section_the_paper_does_not_have():
    text = 'source: Nakagawa 2025, "Discussion" and "Theoretical Framework" (control towers)'
    (citation,) = citations_in(text, "example")
    assert [c.text for c in citation.claims() if c.kind == "section"] == [
        "Discussion",
        "Theoretical Framework",
    ]
    bare = next(iter(citations_in("Nakagawa 2025, abstract and Table 1", "example")))
    claims = [(c.kind, c.text, c.where) for c in bare.claims()]
    assert claims == [("section", "abstract", ""), ("table", "1", "abstract")]


def test_the_citation_reader_ties_a_quoted_passage_to_the_section_named_before_it():
    text = (
        'Nakagawa 2025, "Conclusion": professionals "lack an understanding"; "Method", footnote 8'
    )
    (citation,) = citations_in(text, "example")
    assert [(c.kind, c.text, c.where) for c in citation.claims()] == [
        ("section", "Conclusion", ""),
        ("passage", "lack an understanding", "Conclusion"),
        ("section", "Method", ""),
        ("footnote", "8", "Method"),
    ]


def test_the_sources_cite_the_paper_in_many_places():
    citations = all_citations()
    origins = {c.origin for c in citations}
    assert len(citations) > 50
    for expected in (
        "src/dxtalent/data/interviews/nakagawa-2025-codebook.yaml",
        "src/dxtalent/data/frameworks/nakagawa-2025-coordination.yaml",
        "src/dxtalent/data/programmes/nakagawa-2025-kanazawa.yaml",
        "src/dxtalent/core/diagnostics/rules/sources.py",
        "src/dxtalent/core/planning/defaults.py",
        "docs/scenario-format.md",
    ):
        assert expected in origins


def test_every_cited_section_is_a_section_of_the_paper():
    wrong = [
        f"{citation.origin}: {claim.text!r} in {citation.tail[:100]!r}"
        for citation in all_citations()
        for claim in citation.claims()
        if claim.kind == "section" and claim.text not in SECTIONS
    ]
    assert wrong == []


def test_every_cited_footnote_and_table_exists():
    wrong = [
        f"{citation.origin}: {claim.kind} {claim.text} in {citation.tail[:100]!r}"
        for citation in all_citations()
        for claim in citation.claims()
        if (claim.kind == "footnote" and int(claim.text) not in FOOTNOTES)
        or (claim.kind == "table" and not 1 <= int(claim.text) <= 9)
    ]
    assert wrong == []


def _misplaced(citation: Citation) -> list[str]:
    paper = the_paper()
    problems = []
    for claim in citation.claims():
        where = f"{citation.origin}: {citation.tail[:80]!r}"
        if claim.kind == "footnote":
            number = int(claim.text)
            if claim.where in SECTIONS and paper.footnote_sections.get(number) != claim.where:
                problems.append(f'{where}: footnote {number} is not in "{claim.where}"')
        elif claim.kind == "table":
            number = int(claim.text)
            if claim.where in SECTIONS and paper.table_sections.get(number) != claim.where:
                problems.append(f'{where}: Table {number} is not in "{claim.where}"')
        elif claim.kind == "passage" and claim.where:
            # A quotation may leave words out ("…"): each part must be there.
            if claim.where.startswith("footnote "):
                text = paper.footnotes.get(int(claim.where.split()[1]), "")
            else:
                text = paper.texts.get(claim.where, "")
            for part in claim.text.replace("…", "...").split("..."):
                if part.strip() and part.strip() not in text:
                    problems.append(f'{where}: "{part.strip()}" is not in {claim.where}')
    return problems


def test_each_quoted_passage_table_and_footnote_is_in_the_section_cited_before_it():
    the_paper()
    problems = [p for citation in all_citations() for p in _misplaced(citation)]
    assert problems == []


def test_the_placement_check_catches_a_passage_in_the_wrong_section():
    the_paper()
    (citation,) = citations_in(
        'Nakagawa 2025, "Discussion": "the appeal of such positions is greatly influenced by the '
        'overall living environment"; "Data and Empirics", Table 8; "Discussion", footnote 8',
        "example",
    )
    problems = _misplaced(citation)
    assert len(problems) == 3
    assert "is not in Discussion" in problems[0] and "Table 8" in problems[1]
    assert 'footnote 8 is not in "Discussion"' in problems[2]


def test_a_heading_is_a_title_case_line_standing_alone():
    paper = parse(
        "Title\n\nAbstract\n\nText.\n\nTable 1.\nCaption\n\nShort list of things\n\n"
        "Method\n\nMore text.¹\n\n¹A footnote.\n\nReferences\n\nA. (2020).\n"
    )
    assert paper.headings == ["Abstract", "Method"]
    assert paper.texts["Abstract"] == "Text. Table 1. Caption Short list of things"
    assert paper.footnotes == {1: "A footnote."} and paper.footnote_sections == {1: "Method"}
    assert paper.table_sections == {1: "Abstract"}


def test_a_citation_is_written_in_the_readers_language_with_the_sections_japanese_name():
    assert cite("Method", "ja", 8) == "Nakagawa（2025）「方法」、脚注8"
    assert cite("Data and Empirics", "ja-JP") == "Nakagawa（2025）「データと実証」"
    assert cite("Method", "en", 8) == 'Nakagawa (2025), "Method", footnote 8'
    assert cite("Discussion", "en_GB") == 'Nakagawa (2025), "Discussion"'
    # Where the text has named the paper already, the section alone.
    assert cite("Method", "ja", 8, author=False) == "「方法」、脚注8"
    assert cite("Method", "en", author=False) == '"Method"'
    # Every section has its Japanese name, none shared, and no other key is there.
    assert set(SECTION_NAMES_JA) == set(SECTIONS)
    assert len(set(SECTION_NAMES_JA.values())) == len(SECTIONS)


def test_a_citation_of_a_section_or_footnote_the_paper_does_not_have_is_refused():
    with pytest.raises(ValueError, match=r'"Theoretical Framework" is not a section.*"Method"'):
        cite("Theoretical Framework", "ja")
    with pytest.raises(ValueError, match="footnote 21: the paper's footnotes run from 1 to 20"):
        cite("Method", "ja", 21)
