"""Every page of the demo, in Japanese, as its administrator and as a viewer see it, passes
axe-core's WCAG 2.1 A/AA rules: the crawler follows the links from the dashboard (two pages of each kind: a second
person's page is the same template), plus a finished plan run, a survey's private form and the
pages seen before logging in."""

from __future__ import annotations

import re
from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import accessibility_violations
from tests.conftest import PASSWORD

CITY = "DEMO-CITY-A"
# Downloads, actions and pages that are not ours: not pages to check.
SKIP = re.compile(
    r"/(export|download)|\.(xlsx|csv|qdpx|qdc|json|zip|pdf|docx)$|/logout|/api/|/admin/|/static/|/i18n/"
)
SAME_KIND_PAGES = 2


@pytest.fixture
def demo_admin(db):
    from django.contrib.auth import get_user_model

    from dxtalent.web.demo.services import prepare_demo

    prepare_demo(seed=2025)
    for username in ("demo-admin", "demo-viewer"):
        user = get_user_model().objects.get(username=username)
        user.set_password(PASSWORD)
        user.save()
    return get_user_model().objects.get(username="demo-admin")


@pytest.fixture
def finished_plan_run(demo_admin):
    from dxtalent.web import jobs
    from dxtalent.web.organisations.models import Organisation
    from dxtalent.web.planning import runs
    from dxtalent.web.planning.models import PlanRun
    from dxtalent.web.planning.services import scenario_for

    city = Organisation.objects.get(code=CITY)
    run = runs.start(
        runs.create(city, demo_admin, scenario_for(city, 40_000_000, 5), "coverage", 0, {})
    )
    assert jobs.wait(lambda: PlanRun.objects.get(pk=run.pk).finished, 120), (
        "the worker solved the plan"
    )
    return run


def _kind(path: str) -> str:
    """/o/X/people/12/ and /o/X/people/31/ are pages of one kind."""
    return re.sub(r"/\d+(?=/|$)", "/<n>", path)


def _links(page: Page, base: str) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "(links) => links.map((a) => a.href)")
    found = []
    for href in hrefs:
        url = urljoin(page.url, href).split("#")[0]
        if url.startswith(base) and not SKIP.search(urlsplit(url).path):
            found.append(url)
    return found


def _log_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("ユーザー名").fill(username)
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_url(re.compile(r"/o/[^/]+/$"))


@pytest.mark.parametrize("username", ["demo-admin", "demo-viewer"])
def test_every_page_a_member_can_reach_has_no_wcag_violation(
    live_server, page, demo_admin, finished_plan_run, username
):
    from dxtalent.web.surveys.models import Invitation

    base = live_server.url
    problems: dict[str, list[str]] = {}

    def check(url: str) -> None:
        response = page.goto(url)
        assert response is not None and response.status < 400, f"{url}: {response}"
        expect(page.locator("html")).to_have_attribute("lang", "ja")
        if found := accessibility_violations(page):
            problems[
                urlsplit(url).path + ("?" + urlsplit(url).query if urlsplit(url).query else "")
            ] = found

    # Before logging in: the login and password reset pages, and a survey's private form.
    check(f"{base}/accounts/login/")
    check(f"{base}/accounts/password/reset/")
    token = Invitation.objects.filter(survey__organisation__code=CITY).first().token
    check(f"{base}/s/{token}/")

    _log_in(page, base, username)
    seen_kinds: dict[str, int] = {}
    queue = deque(
        [
            f"{base}/o/{CITY}/",
            f"{base}/o/{CITY}/plan/runs/{finished_plan_run.pk}/",
            f"{base}/",
        ]
    )
    visited: set[str] = set()
    while queue:
        url = queue.popleft()
        if url in visited:
            continue
        visited.add(url)
        kind = _kind(urlsplit(url).path)
        if seen_kinds.get(kind, 0) >= SAME_KIND_PAGES:
            continue
        seen_kinds[kind] = seen_kinds.get(kind, 0) + 1
        check(url)
        queue.extend(link for link in _links(page, base) if link not in visited)

    expected = {
        f"/o/{CITY}/plan/",
        f"/o/{CITY}/plan/runs/<n>/",
        f"/o/{CITY}/surveys/<n>/",
        f"/o/{CITY}/interviews/<n>/",
        f"/o/{CITY}/interviews/<n>/sources/<n>/",
        f"/o/{CITY}/interviews/<n>/joint/",
        f"/o/{CITY}/team/",
        f"/o/{CITY}/people/<n>/",
    }
    if username == "demo-admin":
        expected |= {f"/o/{CITY}/people/<n>/assess/", f"/organisations/{CITY}/audit/"}
    assert expected <= set(seen_kinds), f"not reached: {expected - set(seen_kinds)}"
    assert not problems, (
        f"WCAG 2.1 A/AA violations on {len(problems)} of {len(visited)} pages:\n"
        + "\n".join(f"{where}\n  " + "\n  ".join(found) for where, found in problems.items())
    )
