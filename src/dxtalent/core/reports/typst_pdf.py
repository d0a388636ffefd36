"""A Document as PDF through Typst (the `typst` package from PyPI: the compiler in a wheel, no
system library), with the Japanese font given by path and the system's fonts ignored, so that
the PDF is the same on every machine."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from dxtalent.core.i18n import _, in_language, pgettext
from dxtalent.core.reports.document import Audience, BarChart, Document, Heading, Paragraph, Table
from dxtalent.core.reports.fonts import font_dir

TEMPLATE = Path(__file__).with_name("report.typ")


def _number(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"


def _block(block: Heading | Paragraph | Table | BarChart) -> dict[str, Any]:
    if isinstance(block, Heading):
        return {"kind": "heading", "text": block.text, "level": block.level}
    if isinstance(block, Paragraph):
        return {"kind": "paragraph", "text": block.text, "note": block.note}
    if isinstance(block, Table):
        width = len(block.header)
        return {
            "kind": "table",
            "caption": block.caption,
            "header": list(block.header),
            "rows": [list(row) + [""] * (width - len(row)) for row in block.rows],
            "numeric": list(block.numeric),
        }
    return {
        "kind": "chart",
        "title": block.title,
        "unit": block.unit,
        "horizontal": block.horizontal,
        "categories": list(block.categories),
        "series": [
            {"name": name, "values": list(values), "labels": [_number(v) for v in values]}
            for name, values in block.series
        ],
    }


def document_json(document: Document, chart_only: bool = False) -> str:
    """The JSON the Typst template reads."""
    language = "ja" if document.language == "ja" else "en"
    with in_language(language):
        short = (
            _("Council version") if document.audience is Audience.COUNCIL else _("Internal version")
        )
        sources_heading = pgettext("report", "Sources")
    return json.dumps(
        {
            "title": document.title,
            "organisation": document.organisation,
            "language": language,
            "version_short": short,
            "sources_heading": sources_heading,
            "front": list(document.front_matter()),
            "blocks": [_block(block) for block in document.blocks],
            "sources": list(document.sources),
            "chart_only": chart_only,
        },
        ensure_ascii=False,
    )


def _compile(data: str, output_format: Literal["pdf", "png"], ppi: float | None = None) -> bytes:
    import typst

    result: Any = typst.compile(
        str(TEMPLATE),
        root=str(TEMPLATE.parent),
        font_paths=[str(font_dir())],
        ignore_system_fonts=True,
        format=output_format,
        ppi=ppi,
        sys_inputs={"doc": data},
    )
    # A PNG of several pages comes as one image per page; a chart is one page.
    return bytes(result[0] if isinstance(result, list) else result)


def render_pdf(document: Document) -> bytes:
    """The report as PDF (A4, page numbers in the footer, Noto Sans JP embedded)."""
    return _compile(document_json(document), "pdf")


def render_chart_png(document: Document, chart: BarChart, ppi: float = 150) -> bytes:
    """One chart of the report as a PNG image (for the .docx), drawn by the same template."""
    alone = Document(
        title=document.title,
        organisation=document.organisation,
        audience=document.audience,
        generated=document.generated,
        data_as_of=document.data_as_of,
        language=document.language,
        blocks=(chart,),
    )
    return _compile(document_json(alone, chart_only=True), "png", ppi)
