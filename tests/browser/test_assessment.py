"""A member of staff assesses themselves; an editor reviews it and the manager's level counts."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.conftest import PASSWORD

FRAMEWORK = "NAKAGAWA-2025-COORDINATION"
# The skills as the pages name them: by name, not by code.
COMMUNICATION = "コミュニケーション（DX部門内）"
SPECIFICATION = "仕様書作成"


def _log_in(page: Page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("ユーザー名").fill(username)
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_url(re.compile(r"/o/\d+/$"))


def _log_out(page: Page, username: str) -> None:
    page.get_by_role("banner").get_by_text(username, exact=True).click()  # the user menu
    page.get_by_role("button", name="ログアウト").click()
    page.wait_for_url(re.compile(r"/accounts/login/"))


def _show_framework(page: Page, pk: int, *, button: str) -> None:
    page.get_by_label("フレームワーク").select_option(str(pk))
    page.get_by_role("button", name=button).click()
    page.wait_for_url(re.compile(rf"[?&]framework={pk}(&|$)"))


def _skill_item(page: Page, name: str) -> Locator:
    """The entry of one skill in the assessment form's list of levels."""
    return page.get_by_role("list", name="レベル").get_by_role("listitem").filter(has_text=name)


@pytest.fixture
def bobs_person(city_a, bob):
    from dxtalent.web.people.models import Department, Person, Post

    department = Department.objects.create(
        organisation=city_a, code="DX", name="デジタル推進課", is_dx=True
    )
    person = Person.objects.create(
        organisation=city_a,
        external_id="E0001",
        family_name="坂本",
        given_name="和也",
        user=bob,
    )
    Post.objects.create(
        organisation=city_a, person=person, department=department, started_on=dt.date(2024, 4, 1)
    )
    return person


@pytest.mark.django_db(transaction=True)
def test_bob_assesses_himself_and_alice_reviews_it_as_his_manager(
    live_server, page, screenshot, city_a, alice, bob, bobs_person
):
    from dxtalent.web.people.models import Framework, Rating

    framework = Framework.objects.get(code=FRAMEWORK, organisation=None)
    person_url = f"{live_server.url}/o/{city_a.code}/people/{bobs_person.pk}/"

    # Bob rates himself.
    _log_in(page, live_server.url, "bob")
    page.goto(f"{person_url}?framework={framework.pk}")
    page.get_by_role("link", name="自己評価する").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("自己評価")
    expect(page.get_by_label("評価の種類")).to_have_count(0)
    page.get_by_label(f"レベル {COMMUNICATION}").select_option(label="3")
    page.get_by_label(f"レベル {SPECIFICATION}").select_option(label="1")
    page.get_by_label("根拠・コメント").fill("庁内調整会議の進行を3回担当")
    screenshot("assess-self-ja")
    page.get_by_role("button", name="自己評価を記録").click()

    page.wait_for_url(f"{person_url}*")
    expect(page.get_by_role("status")).to_contain_text("坂本 和也さんの評価を2件記録しました。")
    screenshot("person-after-self-assessment-ja")
    ratings = Rating.objects.filter(person=bobs_person).select_related("skill")
    assert {(r.skill.code, r.level, r.source, r.rated_by_id) for r in ratings} == {
        ("CO-COMM", 3, "self", bob.pk),
        ("CO-SPEC", 1, "self", bob.pk),
    }
    _log_out(page, "bob")

    # Alice, an editor, finds the self-assessment waiting and reviews it as his manager.
    _log_in(page, live_server.url, "alice")
    page.goto(f"{live_server.url}/o/{city_a.code}/reviews/")
    waiting = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name="坂本 和也"))
    expect(waiting).to_have_count(1)
    screenshot("reviews-ja")
    waiting.get_by_role("link", name="確認する 坂本 和也").click()
    page.wait_for_url(re.compile(rf"/people/{bobs_person.pk}/assess/"))
    # The review link does not say which framework waits, so the first one opens.
    _show_framework(page, framework.pk, button="フレームワークを切り替え")

    expect(_skill_item(page, COMMUNICATION)).to_contain_text("レベル3")
    expect(_skill_item(page, COMMUNICATION)).to_contain_text("庁内調整会議の進行を3回担当")
    page.get_by_label("評価の種類").select_option(label="上司評価")
    page.get_by_label(f"レベル {COMMUNICATION}").select_option(label="2")
    page.get_by_label("根拠・コメント").fill("会議の進行は良好、論点整理に支援が必要")
    screenshot("assess-manager-ja")
    page.get_by_role("button", name="評価を記録").click()

    page.wait_for_url(f"{person_url}*")
    expect(page.get_by_role("status")).to_contain_text("坂本 和也さんの評価を1件記録しました。")
    manager = Rating.objects.get(person=bobs_person, source="manager")
    assert (manager.skill.code, manager.level, manager.rated_by_id) == ("CO-COMM", 2, alice.pk)
    # The redirect after an assessment drops ?framework=, so the page opens on the first
    # framework; choose the assessed one again, as a person would.
    _show_framework(page, framework.pk, button="表示")
    skills = page.get_by_role("table", name="スキルごとの現在のレベルと目標レベル")
    current = {
        name: skills.get_by_role("row")
        .filter(has=page.get_by_role("rowheader", name=name, exact=True))
        .get_by_role("cell")
        .first
        for name in (COMMUNICATION, SPECIFICATION)
    }
    expect(current[COMMUNICATION]).to_have_text("2")  # the manager's level, though lower
    expect(current[SPECIFICATION]).to_have_text("1")  # no manager rating: the self-assessment
    # Skills are named, never shown by their codes, on the assessment and the person's page.
    expect(page.get_by_role("main")).not_to_contain_text("CO-COMM")
    screenshot("person-after-manager-review-ja")
