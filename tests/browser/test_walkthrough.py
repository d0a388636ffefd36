"""A municipality new to dxtalent, as its DX officer meets it, in Japanese: the dashboard's
getting-started checklist → the departments → the staff and their ratings imported through
the upload form → the team diagnosis (and a request to 人事課 to defer a move, recorded on the
person) → a staffing plan solved in the background → its Excel export. Every page is checked with axe-core (the screenshot fixture) and saved under
test-artifacts/ (or $DXTALENT_ARTIFACTS).

With DXTALENT_SCREENSHOTS=docs/screenshots the README's screenshots are written too:
dashboard.png, diagnosis.png and plan.png (the browser window, 1280 × 900, in Japanese)."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import PASSWORD

ROOT = Path(__file__).resolve().parents[2]

STAFF_CSV = """職員番号,姓,名,姓（カナ）,名（カナ）,雇用形態,採用区分,IT企業経験年数,部署コード,職名,配属日,任期満了日
S001,中島,恵,ナカジマ,メグミ,正規,内部,0,DX,課長補佐,2023-04-01,
S002,上田,颯,ウエダ,ハヤテ,正規,内部,0,DX,主査,2022-04-01,
S003,野口,直樹,ノグチ,ナオキ,正規,内部,0,DX,主任,2024-04-01,
S004,斎藤,博,サイトウ,ヒロシ,正規,内部,0,DX,主事,2025-04-01,
S005,杉山,大輔,スギヤマ,ダイスケ,任期付,外部,12,DX,CIO補佐官,2025-04-01,2028-03-31
S006,青木,明,アオキ,アキラ,正規,内部,0,JINJI,主査,2023-04-01,
"""

CANDIDATES_CSV = """職員番号,姓,名,姓（カナ）,名（カナ）,雇用形態,採用区分,IT企業経験年数,出身プログラム,想定年間費用
C001,森,健太,モリ,ケンタ,地域活性化起業人,外部,15,地域活性化起業人制度,6000000
C002,藤田,彩,フジタ,アヤ,副業,外部,10,外部人材リスト,2400000
"""

# The paper's coordination skills, rated by each person's manager (上司評価).
LEVELS = {
    "S001": {"CO-COMM": 4, "CO-LEAD": 4, "CO-NEGO": 4, "CO-SPEC": 4, "CO-GOVT": 4},
    "S002": {"CO-COMM": 3, "CO-LEAD": 3, "CO-NEGO": 3, "CO-SPEC": 3, "CO-GOVT": 3},
    "S003": {"CO-COMM": 3, "CO-LEAD": 2, "CO-NEGO": 2, "CO-SPEC": 2, "CO-GOVT": 3},
    "S004": {"CO-COMM": 2, "CO-LEAD": 1, "CO-NEGO": 1, "CO-SPEC": 1, "CO-GOVT": 2},
    "S005": {"CO-COMM": 3, "CO-LEAD": 3, "CO-NEGO": 3, "CO-SPEC": 3, "CO-GOVT": 1},
    "C001": {"CO-COMM": 3, "CO-LEAD": 3, "CO-NEGO": 3, "CO-SPEC": 3, "CO-GOVT": 2},
    "C002": {"CO-COMM": 3, "CO-LEAD": 2, "CO-NEGO": 3, "CO-SPEC": 3, "CO-GOVT": 1},
}


def _ratings_csv() -> str:
    rows = ["職員番号,フレームワーク,スキル,レベル,評価区分,評価日"]
    for number, levels in LEVELS.items():
        for skill, level in levels.items():
            rows.append(f"{number},NAKAGAWA-2025-COORDINATION,{skill},{level},上司,2026-10-01")
    return "\n".join(rows) + "\n"


@pytest.fixture
def readme_shot(page):
    """Save the browser window as a README screenshot when DXTALENT_SCREENSHOTS names a
    directory (docs/screenshots); otherwise do nothing."""
    target = os.environ.get("DXTALENT_SCREENSHOTS")

    def take(name: str) -> None:
        if target:
            directory = Path(target) if Path(target).is_absolute() else ROOT / target
            directory.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(directory / f"{name}.png"))

    return take


def _upload(page: Page, kind: str, name: str, content: str) -> None:
    page.get_by_role("group", name="ファイルの内容").get_by_label(kind, exact=True).check()
    page.get_by_label("ファイル", exact=True).set_input_files(
        {"name": name, "mimeType": "text/csv", "buffer": content.encode("utf-8")}
    )
    page.get_by_role("button", name="取り込み", exact=True).click()
    page.wait_for_load_state()


@pytest.mark.django_db(transaction=True)
def test_a_new_city_goes_from_the_checklist_to_a_diagnosis_a_plan_and_its_excel_export(
    live_server, page, screenshot, readme_shot, dana, city_a
):
    from openpyxl import load_workbook

    base = f"{live_server.url}/o/{city_a.code}"
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("ユーザー名").fill("dana")
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_url(f"{base}/")

    # 1. A city without a team sees the checklist, not findings about an empty team.
    checklist = page.locator("ol.checklist")
    expect(checklist.get_by_role("listitem")).to_have_count(5)
    expect(page.get_by_text("重大", exact=True)).to_have_count(0)
    screenshot("walkthrough-01-checklist-ja")

    # 2. The departments, the DX one marked.
    checklist.get_by_role("link", name=re.compile("部署を登録")).click()
    page.wait_for_url(f"{base}/departments/")
    for code, name, dx in (("DX", "デジタル推進課", True), ("JINJI", "人事課", False)):
        page.get_by_label(re.compile(r"^コード")).fill(code)  # "コード *": required
        page.get_by_label(re.compile(r"^名称")).fill(name)
        page.get_by_label("DX担当部署").set_checked(dx)
        page.get_by_label("人事担当部署").set_checked(not dx)
        page.get_by_role("button", name="部署を追加").click()
        expect(page.get_by_role("rowheader", name=name, exact=True)).to_be_visible()
    screenshot("walkthrough-02-departments-ja")

    # 3. The staff, the candidates (outside professionals), then the ratings of all of them,
    # through the upload form.
    page.goto(f"{base}/")
    page.locator("ol.checklist").get_by_role("link", name=re.compile("職員")).first.click()
    page.wait_for_url(f"{base}/import/")
    _upload(page, "職員", "職員一覧.csv", STAFF_CSV)
    expect(page.get_by_role("status")).to_contain_text("6")
    _upload(page, "候補者", "候補者.csv", CANDIDATES_CSV)
    expect(page.get_by_role("status")).to_contain_text("2")
    _upload(page, "評価", "評価.csv", _ratings_csv())
    expect(page.get_by_role("status")).to_contain_text(str(sum(map(len, LEVELS.values()))))
    screenshot("walkthrough-03-imported-ja")
    page.goto(f"{base}/people/")
    expect(page.get_by_role("link", name="中島 恵")).to_be_visible()
    screenshot("walkthrough-04-people-ja")

    # 4. The diagnosis, in names.
    page.goto(f"{base}/")
    page.locator("ol.checklist, main").get_by_role(
        "link", name=re.compile("チーム診断")
    ).first.click()
    page.wait_for_url(f"{base}/team/")
    expect(page.get_by_role("heading", name="所見", exact=True)).to_be_visible()
    main = page.locator("main")
    expect(main).to_contain_text("上田 颯")
    # Capabilities by name (their codes only as secondary text).
    expect(main.get_by_role("rowheader", name=re.compile("^仕様書作成"))).to_be_visible()
    # The rotation-risk heatmap: capabilities by name alone, its scale in Japanese brackets.
    heatmap = page.locator("#team-chart-plot")
    expect(heatmap).to_contain_text("仕様書作成")
    expect(heatmap).not_to_contain_text("CO-CAP")
    expect(heatmap).to_contain_text("目標を満たす確率（%）")
    screenshot("walkthrough-05-diagnosis-ja")
    readme_shot("diagnosis")

    # 4b. From a finding about a departure, the request to 人事課 to defer the move, recorded
    # as a note on the person.
    main.get_by_role("link", name=re.compile("についての要望を記録")).first.click()
    page.wait_for_url(re.compile(r"/people/\d+/\?note=defer-move"))
    radar = page.locator(".chart[data-chart]")
    expect(radar).to_contain_text("リーダーシップ")  # the radar's axes by name, not by code
    expect(radar).not_to_contain_text("CO-LEAD")
    note = page.get_by_label(re.compile(r"^内容"))
    expect(note).to_have_value(re.compile("異動の見送り（留任）を人事課に要望しました"))
    note.fill(note.input_value() + " 人事課の回答は1月末。")
    screenshot("walkthrough-05b-defer-request-ja")
    page.get_by_role("button", name="記録する", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("についての記録を保存しました")
    notes = page.locator("#notes")
    expect(notes).to_contain_text("人事課に異動の見送り（留任）を要望")
    expect(notes).to_contain_text("人事課の回答は1月末。")
    expect(notes).to_contain_text("記録：dana")
    screenshot("walkthrough-05c-defer-recorded-ja")

    # 5. A plan, solved in the background by the worker.
    page.goto(f"{base}/plan/")
    page.get_by_label("年間予算（円）").fill("30000000")
    screenshot("walkthrough-06-plan-form-ja")
    page.get_by_role("button", name="計算する").click()
    page.wait_for_url(re.compile(r"/plan/runs/\d+/$"))
    expect(page.get_by_role("heading", name="3つの戦略の比較")).to_be_visible(timeout=120_000)
    expect(page.get_by_role("heading", name="最適な組み合わせ", exact=True)).to_be_visible()
    page.wait_for_load_state("networkidle")
    screenshot("walkthrough-07-plan-ja")
    readme_shot("plan")

    # 6. Its Excel export, in Japanese.
    with page.expect_download() as download:
        page.get_by_role("link", name="Excelでダウンロード").click()
    workbook = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert "戦略" in workbook.sheetnames[0], workbook.sheetnames
    assert not [name for name in workbook.sheetnames if re.search(r"[A-Za-z]{4,}", name)]

    # 7. The dashboard now leads with the team's figures and the latest plan.
    page.goto(f"{base}/")
    expect(page.locator("ol.checklist")).to_have_count(0)
    expect(page.get_by_role("heading", name="チームの現状")).to_be_visible()
    screenshot("walkthrough-08-dashboard-ja")
    readme_shot("dashboard")
