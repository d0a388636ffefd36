"""Reports for the mayor and the council: a Document built once (diagnosis_document,
plan_document) and rendered to PDF (Typst) and to .docx (python-docx)."""

from dxtalent.core.reports.diagnosis import diagnosis_document
from dxtalent.core.reports.document import (
    Audience,
    BarChart,
    Document,
    Heading,
    Paragraph,
    Table,
    UnknownAudienceError,
    audience_of,
)
from dxtalent.core.reports.fonts import ReportFontMissingError, font_dir
from dxtalent.core.reports.plan import funding_table, plan_document
from dxtalent.core.reports.policy import PolicyFacts, policy_document, uncited
from dxtalent.core.reports.typst_pdf import render_pdf
from dxtalent.core.reports.word import render_docx

__all__ = [
    "Audience",
    "BarChart",
    "Document",
    "Heading",
    "Paragraph",
    "PolicyFacts",
    "ReportFontMissingError",
    "Table",
    "UnknownAudienceError",
    "audience_of",
    "diagnosis_document",
    "font_dir",
    "funding_table",
    "plan_document",
    "policy_document",
    "render_docx",
    "render_pdf",
    "uncited",
]
