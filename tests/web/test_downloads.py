"""Every file the app hands out goes through web/downloads.download."""

from __future__ import annotations

import pytest

from dxtalent.web.downloads import download


def test_a_download_is_typed_by_its_extension_and_named_as_an_attachment():
    response = download(b"PK...", "survey-DEMO-CITY-A-3.xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"] == 'attachment; filename="survey-DEMO-CITY-A-3.xlsx"'
    assert download("a,b\n", "t.csv")["Content-Type"] == "text/csv; charset=utf-8"
    assert download(b"%PDF", "x.pdf", "application/octet-stream")["Content-Type"] == (
        "application/octet-stream"
    )


def test_a_japanese_file_name_is_sent_as_rfc_6266_says():
    response = download(b"%PDF", "人材計画.pdf")
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''%E4%BA%BA%E6%9D%90%E8%A8%88%E7%94%BB.pdf"
    )


def test_an_extension_the_app_does_not_hand_out_is_refused():
    with pytest.raises(KeyError):
        download(b"", "run.exe")
