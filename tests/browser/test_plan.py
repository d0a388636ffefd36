"""An editor edits the staffing scenario, solves it, watches the progress and reads the three
strategies, in Japanese."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD

# The demo's mid-career hire (lever C-C005), as the lever editor names it.
HIRE = "松本 奈々（経験者採用（中途））"


@pytest.fixture
def demo_editor(db):
    from django.contrib.auth import get_user_model

    from dxtalent.web.demo.services import prepare_demo

    prepare_demo(seed=2025)
    user = get_user_model().objects.get(username="demo-editor")
    user.set_password(PASSWORD)
    user.save()
    return user


def test_an_editor_solves_a_plan_in_the_background_and_reads_the_strategies(
    live_server, page, demo_editor, monkeypatch, screenshot
):
    import time

    from dxtalent.web.planning import runs

    # However fast the solver is, the page shows the progress first, polls, then the result.
    execute = runs.execute

    def slow(pk):
        time.sleep(1.5)
        execute(pk)

    monkeypatch.setattr(runs, "WAIT_SECONDS", 0)
    monkeypatch.setattr(runs, "execute", slow)
    polls = []
    page.on("response", lambda r: polls.append(r.url) if r.url.endswith("/status") else None)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("ユーザー名").fill("demo-editor")
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_url(re.compile(r"/o/[^/]+/$"))
    page.goto(f"{live_server.url}/o/DEMO-CITY-A/plan/")
    page.get_by_label("年間予算（円）").fill("40000000")
    page.get_by_label("想定する異動シナリオの数").fill("5")
    # Each lever's fields by its name, wide enough to show what they hold (¥7,000,000 here).
    cost = page.get_by_label(f"{HIRE} の費用（円）")
    expect(cost).to_have_value("7000000")
    assert cost.evaluate("el => el.scrollWidth <= el.clientWidth"), "the cost is cut off"
    limit = page.get_by_label(f"{HIRE} の年間上限")
    limit.fill("0")
    page.get_by_role("button", name="計算する").click()
    page.wait_for_url(re.compile(r"/plan/runs/\d+/$"))
    expect(page.get_by_role("heading", name="バックグラウンドで計算中")).to_be_visible()
    expect(page.locator("progress")).to_be_visible()
    strategies = page.get_by_role("heading", name="3つの戦略の比較")
    expect(strategies).to_be_visible(timeout=90_000)
    for name in ("戦略1：専門人材の獲得", "戦略2：職員の育成", "最適な組み合わせ"):
        expect(page.get_by_role("heading", name=name, exact=True)).to_be_visible()
    expect(page.get_by_text("5通りの異動シナリオ")).to_be_visible()
    expect(page.get_by_text("C-C005")).to_have_count(0)  # limited to none a year
    expect(page.locator("#plan-risk .main-svg").first).to_be_visible()
    assert polls, "the progress page polled the run's status"
    screenshot("plan-result-ja")
    page.get_by_role("link", name="条件を変えて再計算").click()
    expect(page.get_by_label("年間予算（円）")).to_have_value("40000000")
    expect(page.get_by_label(f"{HIRE} の年間上限")).to_have_value("0")
