"""Checks of a PDF's typography shared by the report tests: characters the font cannot draw
(tofu) and the fonts a PDF embeds."""

from __future__ import annotations

import io
from pathlib import Path

from fontTools.ttLib import TTFont
from pypdf import PdfReader


def missing_glyphs(text: str, font: Path) -> list[str]:
    """The characters of `text` (other than whitespace) that the font's cmap lacks."""
    cmap = TTFont(font).getBestCmap()
    return sorted({ch for ch in text if not ch.isspace() and ord(ch) not in cmap})


def pdf_fonts(content: bytes) -> set[str]:
    """The BaseFont names of every font the PDF's pages use."""
    found = set()
    for page in PdfReader(io.BytesIO(content)).pages:
        fonts = page["/Resources"].get("/Font", {})
        for ref in fonts.values():
            found.add(str(ref.get_object()["/BaseFont"]))
    return found
