"""Browser tests: Debian's Chromium driven by Playwright (which cannot download its own browser
here). Skipped, saying why, when Chromium is missing, unless DXTALENT_BROWSER_REQUIRED=1 (CI)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = Path(os.environ.get("DXTALENT_ARTIFACTS", ROOT / "test-artifacts"))
# axe-core, copied from npm into the vendored static files by `make assets` (see the Makefile);
# straight from node_modules when the vendored copy is not there (yet).
AXE_PLACES = (
    ROOT / "src" / "dxtalent" / "web" / "static" / "vendor" / "axe.min.js",
    ROOT / "node_modules" / "axe-core" / "axe.min.js",
)
# WCAG 2.1 levels A and AA; axe's "best-practice" rules are advice, not conformance.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
CHROMIUM = os.environ.get("DXTALENT_CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--lang=ja-JP",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if Path(str(item.fspath)).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium():
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        message = f"Chromium not found at {CHROMIUM}: apt-get install chromium"
        if os.environ.get("DXTALENT_BROWSER_REQUIRED") == "1":
            pytest.fail(message)
        pytest.skip(message)
    # Playwright's sync API runs an event loop in this thread; the Django ORM calls made by the
    # test itself (creating users) are still synchronous and safe.
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=FLAGS
            )
            yield browser
            browser.close()


@pytest.fixture
def page(chromium):
    """A page whose test fails when the browser refused anything under the app's
    Content-Security-Policy (an inline script or style, eval, another origin)."""
    context = chromium.new_context(locale="ja-JP", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    refused: list[str] = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield page
    context.close()
    assert refused == [], "refused by the Content-Security-Policy: " + "; ".join(refused)


def accessibility_violations(page) -> list[str]:
    """The WCAG 2.1 A/AA violations axe-core finds in the page as it stands, one line per rule
    with the elements that fail it (empty when there are none)."""
    axe = next((place for place in AXE_PLACES if place.exists()), None)
    if axe is None:
        pytest.fail(f"axe-core not found at {AXE_PLACES[0]}: run `make assets` (npm) to copy it")
    if not page.evaluate("() => typeof window.axe === 'object'"):
        # Injected by the test, not the page. The page's Content-Security-Policy refuses inline
        # scripts, so axe is loaded from the app's own static files when it is there (allowed
        # as 'self'), else evaluated through the browser's debugging protocol (not subject to
        # the policy).
        if axe == AXE_PLACES[0]:
            origin = page.evaluate("() => location.origin")
            page.add_script_tag(url=f"{origin}/static/vendor/axe.min.js")
        else:
            page.evaluate("() => { " + axe.read_text(encoding="utf-8") + "\n; return true; }")
    violations = page.evaluate(
        r"""async (tags) => {
          const result = await axe.run(document, {
            runOnly: {type: 'tag', values: tags}, resultTypes: ['violations'],
          });
          return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n` +
            v.nodes.slice(0, 8).map((n) => `    ${n.target.join(' ')}: ` +
              n.failureSummary.replace(/\s+/g, ' ')).join('\n'));
        }""",
        WCAG_TAGS,
    )
    return list(violations)


def assert_accessible(page, where: str = "") -> None:
    """Fail, listing each rule and element, when the page has a WCAG 2.1 A/AA violation."""
    violations = accessibility_violations(page)
    assert not violations, f"{where or page.url}: WCAG 2.1 A/AA violations\n" + "\n".join(
        violations
    )


@pytest.fixture
def screenshot(page):
    """Save a full-page screenshot under test-artifacts/ (or $DXTALENT_ARTIFACTS); every page
    a test shows is checked with axe-core first."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def take(name: str) -> Path:
        assert_accessible(page, name)
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
