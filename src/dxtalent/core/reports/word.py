"""A Document as .docx (python-docx), the format municipal offices edit: the same content as the
PDF, the charts as PNG images drawn by Typst, page numbers in the footer."""

from __future__ import annotations

import io

from docx import Document as new_docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph as DocxParagraph

from dxtalent.core.i18n import in_language, pgettext
from dxtalent.core.reports.document import BarChart, Document, Heading, Paragraph, Table
from dxtalent.core.reports.fonts import FONT_FAMILY
from dxtalent.core.reports.typst_pdf import render_chart_png


def _page_number(paragraph: DocxParagraph) -> None:
    # A PAGE field: Word fills in the number on every page.
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def render_docx(document: Document) -> bytes:
    """The report as a Word document (A4; East Asian text set in Noto Sans JP where installed,
    else Word's own fallback)."""
    out = new_docx()
    section = out.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    style = out.styles["Normal"]
    style.font.name = FONT_FAMILY
    style.font.size = Pt(10.5)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), FONT_FAMILY)
    footer = section.footer.paragraphs[0]
    footer.text = f"{document.organisation} · {document.title} · "
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_number(footer)
    out.core_properties.title = document.title
    out.core_properties.author = document.organisation
    out.add_heading(document.title, level=0)
    for line in document.front_matter():
        out.add_paragraph(line)
    for block in document.blocks:
        if isinstance(block, Heading):
            out.add_heading(block.text, level=block.level)
        elif isinstance(block, Paragraph):
            paragraph = out.add_paragraph(block.text)
            if block.note:
                for run in paragraph.runs:
                    run.font.size = Pt(8)
        elif isinstance(block, Table):
            if block.caption:
                out.add_paragraph(block.caption).runs[0].bold = True
            table = out.add_table(rows=1, cols=len(block.header))
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, block.header, strict=True):
                cell.text = text
                cell.paragraphs[0].runs[0].bold = True
            for row in block.rows:
                cells = table.add_row().cells
                for index, text in enumerate(row):
                    cells[index].text = text
                    if index in block.numeric:
                        cells[index].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
            out.add_paragraph()
        elif isinstance(block, BarChart):
            out.add_picture(io.BytesIO(render_chart_png(document, block)), width=Mm(160))
    if document.sources:
        with in_language(document.language):
            out.add_heading(pgettext("report", "Sources"), level=1)
        for source in document.sources:
            out.add_paragraph(source, style="List Bullet")
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()
