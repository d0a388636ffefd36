"""Every file the app hands out (exports, templates, reports, projects) goes out one way."""

from __future__ import annotations

from pathlib import PurePosixPath

from django.http import HttpResponse
from django.utils.http import content_disposition_header

# By the file name's extension.
CONTENT_TYPES = {
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pdf": "application/pdf",
    ".csv": "text/csv; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".qdpx": "application/zip",
}


def download(content: bytes | str, filename: str, content_type: str | None = None) -> HttpResponse:
    """`content` as a download named `filename` (a name outside ASCII is sent as RFC 6266
    says, e.g. a Japanese title). content_type: from the name's extension unless given;
    KeyError for an extension the app does not hand out."""
    kind = content_type or CONTENT_TYPES[PurePosixPath(filename).suffix.lower()]
    response = HttpResponse(content, content_type=kind)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
