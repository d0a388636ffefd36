"""Checks of a PDF's typography shared by the report tests: characters the font cannot draw
(tofu), in the font's character map and in the pages rendered to images, and the fonts a PDF
embeds."""

from __future__ import annotations

import functools
import io
from pathlib import Path
from typing import Any

import numpy as np
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


# --- Tofu in the rendered pages --------------------------------------------------------------
# A character the embedded font lacks is drawn as the font's .notdef glyph (Noto Sans JP: a box
# with a cross). The pages are rendered to images by PDFium, an engine independent of Typst, and
# each character's box is compared with the .notdef glyph as the same pipeline draws it.

SCALE = 3  # 216 dpi
MASK = 16  # each glyph compared as a 16 × 16 grid of ink
TOFU_LIKENESS = 0.75  # tofu measures 0.9 or more, 口 回 図 under 0.5  # intersection over union of the ink with the .notdef glyph's


def _mask(image: Any, box: tuple[float, float, float, float]) -> Any:
    left, bottom, right, top = box
    height = image.shape[0]
    rows = slice(max(0, int(height - top * SCALE)), int(height - bottom * SCALE) + 1)
    cols = slice(max(0, int(left * SCALE)), int(right * SCALE) + 1)
    ink = image[rows, cols] < 128
    if ink.shape[0] < 4 or ink.shape[1] < 4:
        return None
    # The share of ink in each cell of the grid, then inked where it is over a quarter.
    ys = np.minimum((np.arange(ink.shape[0]) * MASK) // ink.shape[0], MASK - 1)
    xs = np.minimum((np.arange(ink.shape[1]) * MASK) // ink.shape[1], MASK - 1)
    share = np.zeros((MASK, MASK))
    np.add.at(share, (ys[:, None], xs[None, :]), ink)
    cells = np.zeros((MASK, MASK))
    np.add.at(cells, (ys[:, None], xs[None, :]), 1)
    return share / np.maximum(cells, 1) > 0.25


def glyph_masks(content: bytes) -> list[tuple[str, Any]]:
    """(character, its ink as a MASK × MASK grid) of every drawn character of the PDF, each
    page rendered to an image by PDFium."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    found = []
    document = pdfium.PdfDocument(content)
    for page in document:
        image = page.render(scale=SCALE).to_numpy().mean(axis=2)
        assert (image < 128).any(), "a page rendered blank"
        text = page.get_textpage()
        for index in range(text.count_chars()):
            char = chr(raw.FPDFText_GetUnicode(text, index))
            if char.isspace():
                continue
            mask = _mask(image, text.get_charbox(index))
            if mask is not None:
                found.append((char, mask))
    return found


@functools.cache
def notdef_mask() -> Any:
    """The .notdef glyph's ink, from a page that asks for characters the font lacks (Hangul):
    PDFium's text of such a page names them, though not always each one."""
    import datetime as dt

    from dxtalent.core.reports import Audience, Document, Paragraph, font_dir, render_pdf

    day = dt.date(2026, 12, 1)
    probe = Document("確認", "町", Audience.COUNCIL, day, day, "ja", (Paragraph("국어 테스트"),))
    lacking = set(missing_glyphs("국어테스트", font_dir() / "NotoSansJP_400Regular.ttf"))
    masks = [mask for char, mask in glyph_masks(render_pdf(probe)) if char in lacking]
    assert masks, "PDFium found no character where the missing ones were drawn"
    return masks[0]


def tofu(content: bytes) -> list[str]:
    """Each place of the PDF where its rendered pages show the .notdef glyph (tofu), as the
    character PDFium reads there ("\ufffd" where it reads none)."""
    reference = notdef_mask()
    found = []
    for char, mask in glyph_masks(content):
        union = np.logical_or(mask, reference).sum()
        if union and np.logical_and(mask, reference).sum() / union >= TOFU_LIKENESS:
            found.append(char if char.isprintable() else "\ufffd")
    return found
