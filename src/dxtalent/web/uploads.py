"""Reading an uploaded file after checking its size against dxtalent.core.uploads, and the
import forms' one way of taking a file."""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

from django.contrib import messages
from django.http import HttpRequest
from django.utils.translation import gettext as _

from dxtalent.core.uploads import check_upload_size


def read_upload(upload: Any, kind: str) -> bytes:
    """The bytes of a Django UploadedFile; UploadTooLarge (a TableFormatError) before reading
    when it is over the limit of `kind` (a key of dxtalent.core.uploads.UPLOAD_LIMITS)."""
    check_upload_size(kind, upload.size or 0, upload.name or "upload")
    return bytes(upload.read())


def take_import(
    request: HttpRequest,
    kinds: Collection[str],
    choose_kind: str,
    run: Callable[[str, bytes, str], Any],
) -> tuple[dict[str, Any], int, str | None]:
    """An import form's POST (fields `kind` and `file`): the kind checked against `kinds`
    (`choose_kind` says which are accepted), the file read within its limit, then
    `run(kind, data, file name)`, which imports all or nothing and returns counts (`rows`,
    `created`, `updated`). Returns what the page shows (`problem`, `errors`), the status
    (200, or 400 with nothing written) and the kind imported (None when refused); on success
    the counts are added to the user's messages."""
    from dxtalent.core.tabular import Message, TableFormatError
    from dxtalent.core.tabular.messages import VALIDATION_MORE
    from dxtalent.web.people.imports import ImportRejectedError

    upload = request.FILES.get("file")
    kind = request.POST.get("kind", "")
    if kind not in kinds:
        return {"problem": choose_kind}, 400, None
    if upload is None:
        return {"problem": _("Choose a file to import.")}, 400, None
    name = upload.name or "upload"
    try:
        result = run(kind, read_upload(upload, kind), name)
    except TableFormatError as error:
        return {"problem": error.render()}, 400, None
    except ImportRejectedError as error:
        problems = [e.render() for e in error.errors]
        if error.total > len(error.errors):
            more = Message(VALIDATION_MORE, {"more": error.total - len(error.errors)})
            problems.append(more.render())
        problem = _(
            "{name} was not imported; nothing was written. Correct these {count} problems and try again:"
        ).format(name=name, count=error.total)
        return {"problem": problem, "errors": problems}, 400, None
    messages.success(
        request,
        _("{name}: {rows} rows, {created} added, {updated} updated.").format(
            name=name, rows=result.rows, created=result.created, updated=result.updated
        ),
    )
    return {}, 200, kind
