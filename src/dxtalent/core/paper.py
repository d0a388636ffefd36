"""The source paper, Nakagawa (2025), as far as citations need it: its sections.

A citation such as `Nakagawa 2025, "Method"` names one of SECTIONS; any other name is a wrong
citation. tests/core/test_paper_citations.py checks SECTIONS against the headings of the paper
itself (../shared/seed) and every citation in src/, docs/ and the README against SECTIONS.
"""

from __future__ import annotations

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
