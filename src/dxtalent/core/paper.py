"""The source paper, Nakagawa (2025), as far as citations need it: its sections.

A citation such as `Nakagawa 2025, "Method"` names one of SECTIONS; any other name is a wrong
citation. tests/core/test_paper_citations.py checks SECTIONS against the headings of the paper
itself (../shared/seed) and every citation in src/, docs/ and the README against SECTIONS.
"""

from __future__ import annotations

from dxtalent.core.frameworks.model import Text

CITATION = (
    "Nakagawa, G. (2025). Accelerated Digital Transformation and Development of Digital Talent "
    "in Local Governments under Japan's Bureaucratic Policies."
)

# The paper's top-level sections in order. "Literature Review" has three subsections (e.g.
# "Digital talent in the public sector"); References follow "Conclusion".
SECTIONS: tuple[str, ...] = (
    "Abstract",
    "Introduction",
    "Literature Review",
    "Method",
    "Data and Empirics",
    "Discussion",
    "Conclusion",
)

# Footnotes are numbered 1 to 20 through the paper.
FOOTNOTES = range(1, 21)

# The sections' names for a Japanese reader, as the pages and reports cite them: Nakagawa（2025）
# 「考察」. The author's name stays in Latin letters, as the paper gives it (Go Nakagawa): the
# paper does not write it in kanji, and a reading would be a guess.
SECTION_NAMES_JA: dict[str, str] = {
    "Abstract": "要旨",
    "Introduction": "序論",
    "Literature Review": "先行研究",
    "Method": "方法",
    "Data and Empirics": "データと実証",
    "Discussion": "考察",
    "Conclusion": "結論",
}


def cite(section: str, language: str, footnote: int | None = None, author: bool = True) -> str:
    """Where in the paper a fact is, in the reader's language: `Nakagawa（2025）「方法」、脚注8`
    or `Nakagawa (2025), "Method", footnote 8`; without the author (`「方法」、脚注8`) where the
    text has already named the paper. ValueError for a section or footnote the paper does not
    have, naming the accepted ones."""
    if section not in SECTIONS:
        accepted = ", ".join(f'"{s}"' for s in SECTIONS)
        raise ValueError(f'"{section}" is not a section of the paper; accepted: {accepted}')
    if footnote is not None and footnote not in FOOTNOTES:
        raise ValueError(
            f"footnote {footnote}: the paper's footnotes run from {FOOTNOTES.start} "
            f"to {FOOTNOTES.stop - 1}"
        )
    english = f'"{section}"'
    japanese = f"「{SECTION_NAMES_JA[section]}」"
    if author:
        english = f"Nakagawa (2025), {english}"
        japanese = f"Nakagawa（2025）{japanese}"
    if footnote is not None:
        english += f", footnote {footnote}"
        japanese += f"、脚注{footnote}"
    return Text(japanese, english).get(language)
