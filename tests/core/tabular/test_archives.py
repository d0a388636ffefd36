"""Zip bombs are refused before any reader expands them: .qdpx projects, .xlsx workbooks (staff
imports, KoboToolbox exports) and .docx transcripts all go through dxtalent.core.tabular.archives."""

from __future__ import annotations

import io
import struct
import zipfile

import pytest

from dxtalent.core.interviews.codebook import CodebookError
from dxtalent.core.interviews.project import project_from_qdpx
from dxtalent.core.tabular import TableFormatError, read_table
from dxtalent.core.tabular.archives import (
    ArchiveLimits,
    ArchiveRefused,
    check_archive,
    read_members,
)

BOMB_BYTES = 20 << 20  # 20 MB of zeros compress to about 20 KB


def bomb_zip(base: bytes | None = None, member: str = "bomb.bin", size: int = BOMB_BYTES) -> bytes:
    """`base` (a zip archive) with one more member of `size` zero bytes, or a new archive."""
    buffer = io.BytesIO(base or b"")
    mode = "a" if base else "w"
    with (
        zipfile.ZipFile(buffer, mode, zipfile.ZIP_DEFLATED) as archive,
        archive.open(member, "w") as out,
    ):
        chunk = bytes(1 << 20)
        for _ in range(size >> 20):
            out.write(chunk)
    return buffer.getvalue()


def small_zip(count: int, size: int = 10) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for n in range(count):
            archive.writestr(f"m{n}.txt", b"x" * size)
    return buffer.getvalue()


def workbook() -> bytes:
    from openpyxl import Workbook  # type: ignore[import-untyped]

    book = Workbook()
    book.active.append(["name", "department"])
    book.active.append(["佐藤", "DX推進課"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_member_that_expands_a_thousand_times_is_refused_with_its_name_and_ratio():
    with pytest.raises(ArchiveRefused) as caught:
        check_archive(bomb_zip(), "upload.zip")
    error = caught.value
    assert (error.filename, error.member, error.limit) == ("upload.zip", "bomb.bin", 100)
    assert error.found > 100 and "upload.zip" in str(error) and "bomb.bin" in str(error)


def test_a_member_declared_over_the_size_limit_is_refused_before_it_is_expanded():
    limits = ArchiveLimits(member_bytes=1000)
    with pytest.raises(ArchiveRefused) as caught:
        read_members(small_zip(1, size=2000), "a.qdpx", limits)
    assert (caught.value.member, caught.value.found, caught.value.limit) == ("m0.txt", 2000, 1000)
    assert "2000 bytes" in str(caught.value) and "1000 bytes" in str(caught.value)


def test_members_whose_sizes_add_up_over_the_total_limit_are_refused():
    with pytest.raises(ArchiveRefused, match="more than the limit of 250 bytes"):
        check_archive(small_zip(3, size=100), "a.xlsx", ArchiveLimits(total_bytes=250))


def test_too_many_members_are_refused_by_their_count():
    with pytest.raises(ArchiveRefused, match="holds 11 members, more than the limit of 10"):
        check_archive(small_zip(11), "a.docx", ArchiveLimits(members=10))


def test_a_member_that_produces_more_bytes_than_it_declares_is_cut_at_its_declared_size():
    data = bytearray(small_zip(1, size=200_000))
    central = data.index(b"PK\x01\x02")
    data[central + 24 : central + 28] = struct.pack("<I", 100)  # declares 100 bytes
    with pytest.raises(zipfile.BadZipFile):  # never more than 100 bytes come out, then CRC
        read_members(bytes(data), "lying.qdpx")


def test_a_qdpx_zip_bomb_is_refused_naming_the_file_member_size_and_limit():
    with pytest.raises(CodebookError) as caught:
        project_from_qdpx(bomb_zip(member="sources/huge.txt"), "bomb.qdpx")
    assert "bomb.qdpx" in str(caught.value) and "sources/huge.txt" in str(caught.value)
    assert "limit of 100 times" in str(caught.value)


def test_a_qdpx_member_over_a_configured_limit_is_refused():
    with pytest.raises(CodebookError, match="more than the limit of 5 bytes"):
        project_from_qdpx(small_zip(1, size=6), "p.qdpx", ArchiveLimits(member_bytes=5))


def test_an_xlsx_with_a_bomb_inside_is_refused_before_openpyxl_reads_it():
    data = bomb_zip(workbook(), member="xl/media/image1.bin")
    with pytest.raises(TableFormatError) as caught:
        read_table(data, "staff.xlsx")
    assert "staff.xlsx" in str(caught.value) and "xl/media/image1.bin" in str(caught.value)


def test_an_xlsx_over_a_configured_total_is_refused_and_one_under_it_reads():
    data = workbook()
    assert read_table(data, "staff.xlsx").rows[0].values["name"] == "佐藤"
    with pytest.raises(TableFormatError, match="more than the limit of 1000 bytes"):
        read_table(data, "staff.xlsx", archive_limits=ArchiveLimits(total_bytes=1000))


def test_a_kobotoolbox_export_with_a_bomb_is_refused():
    from dxtalent.core.surveys.imports import read_kobo

    with pytest.raises(TableFormatError, match=r"kobo\.xlsx"):
        read_kobo(bomb_zip(workbook(), member="xl/worksheets/sheet9.xml"), "kobo.xlsx")
