"""The shipped codebook's sources: each code cites sections the paper has, and quotes the
paper, verbatim, in one of them."""

from __future__ import annotations

from dxtalent.core.interviews.codebook import ShippedCode, shipped_codes
from dxtalent.core.paper import SECTIONS
from tests.paper import citations_in, the_paper


def every_code() -> list[ShippedCode]:
    found: list[ShippedCode] = []

    def visit(codes: tuple[ShippedCode, ...]) -> None:
        for code in codes:
            found.append(code)
            visit(code.children)

    visit(shipped_codes())
    return found


def cited_sections(code: ShippedCode) -> list[str]:
    (citation,) = citations_in(code.source, code.key)
    return [claim.text for claim in citation.claims() if claim.kind == "section"]


def test_every_code_cites_at_least_one_section_and_only_sections_the_paper_has():
    for code in every_code():
        sections = cited_sections(code)
        assert sections, code.key
        assert set(sections) <= set(SECTIONS), (code.key, sections)


def test_every_code_quotes_the_paper_in_a_section_it_cites():
    paper = the_paper()
    misplaced = []
    for code in every_code():
        assert code.passages, f"{code.key} quotes no passage of the paper"
        texts = [paper.section(name) for name in cited_sections(code)]
        misplaced += [
            f"{code.key}: {passage!r} is in none of {cited_sections(code)}"
            for passage in code.passages
            if not any(passage in text for text in texts)
        ]
    assert misplaced == []


def test_the_codes_moved_to_their_sections_cite_where_the_paper_says_it():
    codes = {code.key: code for code in every_code()}
    assert cited_sections(codes["living-environment"]) == ["Method"]
    assert "Method" in cited_sections(codes["strategies"])
    assert "Conclusion" in cited_sections(codes["understanding-local-government"])
    assert "Theoretical Framework" not in cited_sections(codes["central-figure"])
