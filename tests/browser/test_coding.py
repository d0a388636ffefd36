"""A researcher codes a passage of a transcript by selecting its text, and sees it in the
margin; positions are code points, so an emoji before the passage counts once."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD


@pytest.fixture
def transcript(city_a):
    from dxtalent.web.interviews import services

    project = services.new_project(city_a, "聞き取り（架空）")
    [source] = services.add_transcripts(
        project, [("A市.txt", "🙂 係長が全体を見ている。交渉は大変だ。".encode())]
    )
    return project, source


def test_selecting_text_and_applying_a_code(
    live_server, page, alice, city_a, transcript, screenshot
):
    project, source = transcript
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("ユーザー名").fill("alice")
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_url(re.compile(r"/o/[^/]+/$"))
    page.goto(f"{live_server.url}/o/{city_a.code}/interviews/{project.pk}/sources/{source.pk}/")
    # Select "交渉" as a mouse drag would leave it: a range over its two characters.
    page.evaluate(
        """() => {
          const node = document.getElementById('transcript').firstChild;
          const at = node.textContent.indexOf('交渉');
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + 2);
          const selection = window.getSelection();
          selection.removeAllRanges();
          selection.addRange(range);
        }"""
    )
    # The browser's offsets are 14–16 (the emoji is two UTF-16 units); in code points 13–15.
    expect(page.get_by_label("開始")).to_have_value("13")
    expect(page.get_by_label("終了")).to_have_value("15")
    page.get_by_label("コード", exact=True).select_option(label="交渉力")
    page.get_by_label("終了").press("Enter")  # keyboard: Enter submits the form
    margin = page.get_by_role("complementary")
    expect(margin.get_by_role("listitem").filter(has_text="交渉力")).to_contain_text("13–15")
    expect(page.locator("#transcript mark")).to_have_text("交渉")
    screenshot("coding-ja")
