"""The largest file accepted for each kind of upload, checked before the file is read.

One table for the web (forms and views), the API and the CLI; Django's
DATA_UPLOAD_MAX_MEMORY_SIZE (request bodies that are not files, such as a scenario posted as
JSON to the API) is set from it too. The values are also in the README ("Limits"). A
refusal is an `UploadTooLarge` (a TableFormatError, so every import's error path shows it):
the message names the file, its size, the limit and the kind.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from dxtalent.core.tabular import messages as m
from dxtalent.core.tabular.errors import TableFormatError
from dxtalent.core.tabular.messages import Message

MIB = 1 << 20

# kind → the largest file in bytes. A staff or assessments file of 5,000 rows is about 1 MB;
# a survey export of 2,000 respondents a few MB; a .qdpx carries its transcripts.
UPLOAD_LIMITS: Mapping[str, int] = MappingProxyType(
    {
        "staff": 10 * MIB,
        "candidates": 10 * MIB,
        "assessments": 10 * MIB,
        "published-tables": 5 * MIB,
        "survey-export": 20 * MIB,
        "survey-answers": 20 * MIB,
        "questionnaire": 1 * MIB,
        "qdpx": 50 * MIB,
        "qdc": 5 * MIB,
        "transcript": 10 * MIB,
        "scenario": 5 * MIB,
        "plan": 5 * MIB,
        "standardization": 5 * MIB,
        "systems": 10 * MIB,
        "contracts": 10 * MIB,
    }
)


class UploadTooLarge(TableFormatError):
    """A file over its kind's limit; nothing of it was read. filename, size and limit (bytes)
    and kind are kept for callers."""

    def __init__(self, filename: str, size: int, limit: int, kind: str) -> None:
        super().__init__(
            Message(
                m.UPLOAD_TOO_LARGE, {"file": filename, "size": size, "limit": limit, "kind": kind}
            )
        )
        self.filename, self.size, self.limit, self.kind = filename, size, limit, kind


def check_upload_size(
    kind: str, size: int, filename: str, limits: Mapping[str, int] | None = None
) -> None:
    """Raise UploadTooLarge when `size` (bytes) is over the limit of `kind` in `limits`
    (default UPLOAD_LIMITS, read at each call; KeyError for a kind it does not have)."""
    limit = (UPLOAD_LIMITS if limits is None else limits)[kind]
    if size > limit:
        raise UploadTooLarge(filename, size, limit, kind)
