"""A department fills in a survey through its private link, saves, comes back, submits; the
survey's owner sees the answer in the results."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD


@pytest.fixture
def survey(city_a, city_b, alice):
    from dxtalent.web.surveys import services
    from dxtalent.web.surveys.models import Survey

    survey = Survey.objects.create(
        organisation=city_a, title="デジタル人材調査", instrument=services.shipped_instrument()
    )
    created, errors = services.invite(survey, [city_b.code], ["dx"])
    assert created == 1 and not errors
    return survey


def test_a_department_fills_in_saves_returns_and_submits_and_the_owner_sees_it(
    live_server, page, survey, city_a, screenshot
):
    link = f"{live_server.url}/s/{survey.invitations.get().token}/"
    page.goto(link)
    expect(page.get_by_role("heading", name="デジタル人材調査")).to_be_visible()
    q4 = page.get_by_role("group", name=re.compile("^Q4"))
    q4.get_by_label("情報セキュリティに関する理解").check()
    page.get_by_role("button", name="保存して後で続ける").click()
    expect(page.get_by_text("保存しました")).to_be_visible()
    page.goto(link)  # coming back with the same link
    expect(q4.get_by_label("情報セキュリティに関する理解")).to_be_checked()
    page.get_by_role("button", name="提出する").click()
    expect(page.get_by_role("alert")).to_contain_text("Q2：未回答です")
    expect(page.get_by_role("alert")).not_to_contain_text("Q4")
    for name, label in (
        ("Q2", "住民目線での行政サービスの提供"),
        ("Q3", "人員の不足"),
        ("Q8", "該当するものはない"),
    ):
        page.get_by_role("group", name=re.compile(f"^{name}")).get_by_label(label).check()
    page.get_by_role("button", name="提出する").click()
    expect(page.get_by_text("回答は提出済みです")).to_be_visible()
    screenshot("survey-submitted-ja")

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("ユーザー名").fill("alice")
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_url(re.compile(r"/o/[^/]+/$"))
    page.goto(f"{live_server.url}/o/{city_a.code}/surveys/{survey.pk}/")
    rates = page.get_by_role("table", name="部署別の回収率")
    expect(rates.get_by_role("row", name=re.compile("情報・DX担当部署"))).to_contain_text("100.0%")
    screenshot("survey-results-ja")
