"""A person logs in, sees the dashboard in Japanese, and switches to English."""

from __future__ import annotations

import pytest
from django.utils import timezone

from dxtalent.core.calendar import fiscal_year_of, format_fiscal_year
from tests.conftest import PASSWORD


@pytest.mark.django_db(transaction=True)
def test_a_member_logs_in_sees_the_japanese_dashboard_and_switches_to_english(
    live_server, page, screenshot, alice, city_a
):
    year = fiscal_year_of(timezone.localdate())

    page.goto(f"{live_server.url}/")
    assert page.url.startswith(f"{live_server.url}/accounts/login/")
    assert page.locator("html").get_attribute("lang") == "ja"
    screenshot("login-ja")
    page.get_by_label("ユーザー名").fill("alice")
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()

    page.wait_for_url(f"{live_server.url}/o/{city_a.code}/")
    assert "東広島市" in page.locator("main").inner_text()
    assert format_fiscal_year(year, "ja") in page.locator("main").inner_text()
    screenshot("dashboard-ja")

    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert f"FY{year}" in page.locator("main").inner_text()
    assert page.get_by_role("link", name="Dashboard").count() >= 1
    screenshot("dashboard-en")


@pytest.mark.django_db(transaction=True)
def test_a_keyboard_user_logs_in_and_skips_to_the_main_content(live_server, page, alice, city_a):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("ユーザー名").fill("alice")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/o/{city_a.code}/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#main"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
