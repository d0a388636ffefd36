"""Reading an uploaded file after checking its size against dxtalent.core.uploads."""

from __future__ import annotations

from typing import Any

from dxtalent.core.uploads import check_upload_size


def read_upload(upload: Any, kind: str) -> bytes:
    """The bytes of a Django UploadedFile; UploadTooLarge (a TableFormatError) before reading
    when it is over the limit of `kind` (a key of dxtalent.core.uploads.UPLOAD_LIMITS)."""
    check_upload_size(kind, upload.size or 0, upload.name or "upload")
    return bytes(upload.read())
