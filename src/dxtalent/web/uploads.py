"""Reading an uploaded file after checking its size against dxtalent.core.uploads, and the
import forms' one way of taking a file."""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

from django.contrib import messages
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

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
    from dxtalent.core.tabular import TableFormatError
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
        problem, problems = rejected(error, name)
        return {"problem": problem, "errors": problems}, 400, None
    messages.success(request, imported(result, name))
    return {}, 200, kind


def rejected(error: Any, name: str) -> tuple[str, list[str]]:
    """What a rejected import says (the web page and the command line alike), in the reader's
    language: that nothing was written, then each problem with its row, column and value, and
    how many more there are beyond those listed. error: an ImportRejectedError."""
    from dxtalent.core.tabular import Message
    from dxtalent.core.tabular.messages import VALIDATION_MORE

    problems = [e.render() for e in error.errors]
    if error.total > len(error.errors):
        problems.append(
            Message(VALIDATION_MORE, {"more": error.total - len(error.errors)}).render()
        )
    problem = _(
        "{name} was not imported; nothing was written. Correct these {count} problems and try again:"
    ).format(name=name, count=error.total)
    return problem, problems


def imported(result: Any, name: str) -> str:
    """What a good import says: its rows, added and updated (an ImportResult)."""
    return ngettext(
        "{name}: {rows} row, {created} added, {updated} updated.",
        "{name}: {rows} rows, {created} added, {updated} updated.",
        result.rows,
    ).format(name=name, rows=result.rows, created=result.created, updated=result.updated)
