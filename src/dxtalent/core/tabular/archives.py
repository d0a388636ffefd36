"""Reading zip archives (.xlsx, .docx, .qdpx) without being exhausted by a zip bomb.

A zip member of 1 GB of zeros compresses to about 1 MB; a reader that trusts it fills the
memory of the server. Every archive dxtalent reads goes through this module first:

- `check_archive` inspects the central directory and refuses an archive with too many
  members, a member whose declared uncompressed size is over the limit, declared sizes whose
  sum is over the limit, or a member over `ratio_floor_bytes` that expands more than `ratio`
  times; then it decompresses every member once in chunks of `_CHUNK` bytes (never more in
  memory) to check that the bytes actually produced stay within the declared size and the
  limit. Use it before handing the bytes to openpyxl or python-docx.
- `read_members` does the same checks and returns the members' bytes, each read with a
  bounded reader (never `.read()` of a member of unknown size).
- `check_directory` and `iter_member` are the same checks for an archive too large to hold in
  memory (a backup, `dxtalent restore`): the directory first, then a member's bytes chunk by
  chunk.

Refusals raise `ArchiveRefused`, whose message names the file, the member, the size found and
the limit; `detail` is the same as a translatable `Message`.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from dxtalent.core.tabular import messages as m
from dxtalent.core.tabular.messages import Message

MIB = 1 << 20

# The limits (also in the README, "Limits"). A staff workbook of 5,000 rows holds a sheet of
# about 3 MB uncompressed; a transcript .docx of a two-hour interview about 1 MB; a .qdpx with
# its sources tens of MB. The limits leave room above those and stop well below the memory of
# a small server.
MAX_MEMBER_BYTES = 100 * MIB
MAX_TOTAL_BYTES = 200 * MIB
MAX_MEMBERS = 10_000
# XML compresses 10-20 times; 100 times is only reached by runs of one byte (a bomb).
MAX_RATIO = 100
# The ratio is only judged for members larger than this: a small member of blanks may
# legitimately compress more than 100 times, and cannot exhaust anything.
RATIO_FLOOR_BYTES = 1 * MIB

_CHUNK = 64 * 1024


@dataclass(frozen=True, slots=True)
class ArchiveLimits:
    """What an archive may hold. member_bytes: the largest uncompressed member (bytes);
    total_bytes: the sum of the uncompressed members (bytes); members: the number of entries
    (directories included); ratio: uncompressed/compressed size allowed for members larger
    than ratio_floor_bytes."""

    member_bytes: int = MAX_MEMBER_BYTES
    total_bytes: int = MAX_TOTAL_BYTES
    members: int = MAX_MEMBERS
    ratio: int = MAX_RATIO
    ratio_floor_bytes: int = RATIO_FLOOR_BYTES


DEFAULT_LIMITS = ArchiveLimits()


class ArchiveRefused(ValueError):
    """An archive over one of the limits; nothing of it was used.

    filename: the uploaded file's name; member: the member at fault ("" for the archive as a
    whole); found and limit: the size (bytes), count or ratio found and the limit it passed.
    """

    def __init__(self, detail: Message, filename: str, member: str, found: int, limit: int):
        super().__init__(detail.render())
        self.detail = detail
        self.filename = filename
        self.member = member
        self.found = found
        self.limit = limit


def _refuse(template: str, filename: str, member: str, found: int, limit: int) -> ArchiveRefused:
    detail = Message(template, {"file": filename, "member": member, "found": found, "limit": limit})
    return ArchiveRefused(detail, filename, member, found, limit)


def _open(data: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(data))


def check_directory(
    archive: zipfile.ZipFile, filename: str, limits: ArchiveLimits = DEFAULT_LIMITS
) -> list[zipfile.ZipInfo]:
    """The archive's entries, after refusing (ArchiveRefused) too many members, a declared
    member size over the limit, declared sizes whose sum is over it, or a ratio over it."""
    infos = archive.infolist()
    if len(infos) > limits.members:
        raise _refuse(m.ARCHIVE_TOO_MANY_MEMBERS, filename, "", len(infos), limits.members)
    total = 0
    for info in infos:
        if info.file_size > limits.member_bytes:
            raise _refuse(
                m.ARCHIVE_MEMBER_TOO_LARGE,
                filename,
                info.filename,
                info.file_size,
                limits.member_bytes,
            )
        if info.file_size > limits.ratio_floor_bytes:
            ratio = info.file_size // max(info.compress_size, 1)
            if ratio > limits.ratio:
                raise _refuse(
                    m.ARCHIVE_RATIO_TOO_HIGH, filename, info.filename, ratio, limits.ratio
                )
        total += info.file_size
        if total > limits.total_bytes:
            raise _refuse(
                m.ARCHIVE_TOTAL_TOO_LARGE, filename, info.filename, total, limits.total_bytes
            )
    return infos


def _stream(
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    filename: str,
    limits: ArchiveLimits,
    keep: bool,
) -> bytes:
    """The member's bytes (b"" unless keep), read _CHUNK bytes at a time; refused as soon as
    more come out than the member declares or than the limit."""
    parts: list[bytes] = []
    for chunk in iter_member(archive, info, filename, limits):
        if keep:
            parts.append(chunk)
    return b"".join(parts)


def iter_member(
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    filename: str,
    limits: ArchiveLimits = DEFAULT_LIMITS,
) -> Iterator[bytes]:
    """The member's bytes in chunks of at most 64 KiB; refused (ArchiveRefused) as soon as
    more come out than the member declares or than the limit."""
    allowed = min(info.file_size, limits.member_bytes)
    produced = 0
    with archive.open(info) as member:
        while chunk := member.read(_CHUNK):
            produced += len(chunk)
            if produced > allowed:
                raise _refuse(
                    m.ARCHIVE_MEMBER_TOO_LARGE, filename, info.filename, produced, allowed
                )
            yield chunk


def check_archive(data: bytes, filename: str, limits: ArchiveLimits = DEFAULT_LIMITS) -> None:
    """Refuse (ArchiveRefused) a zip archive over `limits`; see the module notes. Raises
    zipfile.BadZipFile (or zlib.error) for bytes that are not a readable zip archive."""
    with _open(data) as archive:
        for info in check_directory(archive, filename, limits):
            if not info.is_dir():
                _stream(archive, info, filename, limits, keep=False)


def read_members(
    data: bytes, filename: str, limits: ArchiveLimits = DEFAULT_LIMITS
) -> dict[str, bytes]:
    """Every file member's name → bytes, after the checks of `check_archive`; directories are
    left out. Raises ArchiveRefused, or zipfile.BadZipFile for bytes that are not a zip."""
    with _open(data) as archive:
        infos = check_directory(archive, filename, limits)
        return {
            info.filename: _stream(archive, info, filename, limits, keep=True)
            for info in infos
            if not info.is_dir()
        }
