"""Issue #12: a page in Japanese holds no English. A crawler signs in as the demo city's
administrator, editor and viewer, asks for Japanese (Accept-Language and the language cookie),
follows every link and HTMX request of the demo organisation's pages, and reads the text a
person sees (not tags, scripts, styles or attribute values). English words outside the
allow-list (names of standards and products) fail the test, as does a database id shown where
a name belongs ("#12")."""

from __future__ import annotations

import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.conf import settings
from django.urls import Resolver404, resolve

from dxtalent.web.demo.services import prepare_demo
from dxtalent.web.organisations.models import Membership, Organisation
from dxtalent.web.reports.models import ReportJob

pytestmark = pytest.mark.django_db

# Names of standards, products, formats and abbreviations that Japanese pages write in Latin
# letters too; any other English word on a Japanese page is the app's text left untranslated.
ALLOWED = frozenset(
    {
        "dxtalent",
        "DX",
        "IT",
        "ICT",
        "AI",
        "CSV",
        "UTF",
        "Excel",
        "Word",  # Microsoft Word, the .docx reports
        "XLSForm",  # the form format of KoboToolbox and ODK
        "xlsx",
        "JSON",
        "YAML",
        "REFI",
        "QDA",
        "QDPX",
        "QDC",
        "KoboToolbox",
        "LimeSurvey",
        "Google",
        "Forms",
        "Microsoft",
        "PDF",
        "API",
        "ID",
        "GUID",
        "URL",
        "OpenAPI",
        "HTML",
        "CIO",
        "CDO",
        "PM",
        "PMO",
        "RPA",
        "SaaS",
        "BPR",
        "EBPM",
        "JIS",
        "MIC",
        "Nakagawa",
        # Sections of Nakagawa (2025), the English paper the app rests on, named when cited.
        "Abstract",
        "Introduction",
        "Method",
        "Discussion",
        "Conclusion",
        "FTE",
        "OR",
        "AND",
        "NOT",
        "HTMX",
        "Plotly",
        "Cohen",
        "Krippendorff",
        "Fleiss",
        "Wilson",
        "Cronbach",
        "Likert",
        "English",  # the language switcher names each language in itself
        "BOM",
        "Shift_JIS",
        "cp932",
        "NVivo",
        "ATLAS",
        "ti",
        "MAXQDA",
        "QualCoder",
        "ODK",
        "SPSS",
        "Fisher",
        "Holm",
        "Newcombe",
        "UI",
        "UX",
        "WBS",
        "Authorization",
        "Bearer",
        "Enter",
        "USB",
    }
)
# The Japanese calendar's era initials (R7 = 令和7年) and SI prefixes in file sizes.
ALLOWED_SHORT = frozenset({"R", "H", "S", "T", "M", "MB", "KB", "GB", "kB", "k"})

WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
# Data, not the app's words: codes such as PM-01 or DEMO-CITY-A, usernames such as demo-admin,
# e-mail and web addresses, file names and extensions (.qdpx, project.qde), keys of a file
# (location.code), an example value in brackets (「jmrc」) and a column of a file beside its
# Japanese gloss (item（項目）, 市区町村（municipality、…）).
# Japanese letters count as word characters in Python's \b, so the edges are ASCII ones.
DATA = re.compile(
    r"\S+@\S+"
    r"|https?://\S+"
    r"|[A-Za-z0-9_-]*\.[a-z]{2,5}(?![A-Za-z])"
    r"|(?<![A-Za-z0-9])[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+)+(?![A-Za-z0-9])"
    r"|(?<![A-Za-z0-9])[A-Za-z]{1,3}\d[A-Za-z0-9.]*"
    r"|「[A-Za-z0-9-]+」"
    r"|(?<![A-Za-z])[a-z_]+（"
    r"|（[a-z_]+[、）]"
)
DATABASE_ID = re.compile(r"#\d+")
# A day written as a machine writes it (2027-04-01) where Japanese writes 2027年4月1日.
# A Latin comma between Japanese words (a list joined with ", ").
# Element boundaries read as a space ("<a>杉山 大輔</a>, <a>…" is "杉山 大輔 , …").
LATIN_COMMA = re.compile(
    r"[\u3040-\u30ff\u4e00-\u9fff）」] ?, ?[\u3040-\u30ff\u4e00-\u9fff（「0-9]"
)
ISO_DAY = re.compile(r"(?<![\d-])\d{4}-\d{2}-\d{2}(?![\d-])")
# A label ended with a Latin colon ("出典: 総務省") where Japanese writes "出典：総務省".
# A figure or aside in Latin brackets after Japanese or a figure ("77% (18 / 24)") where
# Japanese writes "77%（18 / 24）". e-Stat's credit line is quoted as e-Stat asks.
LATIN_BRACKET = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff%0-9）」] ?\((?!e-Stat\))")
LATIN_COLON = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff）」』]: ?(?=[^\s/])")

# Links the crawler does not follow: signing out ends the visit, the admin site and the API
# are Django's and the API's own, setting the language is a POST.
SKIPPED = ("/accounts/logout/", "/admin/", "/api/", "/i18n/", "/static/")
# At most this many pages of one URL pattern (e.g. one person's page stands for all).
PER_PATTERN = 2


class VisibleText(HTMLParser):
    """The text a person sees, and the links and HTMX requests the page makes.

    Left out: scripts, styles and templates; code, keys and samples (code, kbd, samp, pre);
    text its page declares to be in another language (lang="en" on an English name or a
    quoted passage of an English paper); and values shown as recorded (translate="no", e.g.
    the audit trail's old and new values)."""

    HIDDEN = frozenset({"script", "style", "template", "noscript", "code", "kbd", "samp", "pre"})
    VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skipped: list[list[str | int]] = []  # [tag, depth] of each element left out
        self.chunks: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        for name in ("href", "hx-get"):
            if found.get(name):
                self.links.append(str(found[name]))
        if tag in self.VOID:
            return
        if self.skipped and self.skipped[-1][0] == tag:
            self.skipped[-1][1] = int(self.skipped[-1][1]) + 1
        elif (
            tag in self.HIDDEN
            or not (found.get("lang") or "ja").startswith("ja")
            or found.get("translate") == "no"
        ):
            self.skipped.append([tag, 1])

    def handle_endtag(self, tag: str) -> None:
        if self.skipped and self.skipped[-1][0] == tag:
            self.skipped[-1][1] = int(self.skipped[-1][1]) - 1
            if self.skipped[-1][1] == 0:
                self.skipped.pop()

    def handle_data(self, data: str) -> None:
        if not self.skipped:
            self.chunks.append(data)


def english_words(text: str) -> list[str]:
    """The English words of `text` that are neither data nor on the allow-list."""
    text = DATA.sub(" ", text)
    return [
        word
        for word in WORD.findall(text)
        if word not in ALLOWED and word not in ALLOWED_SHORT and len(word) > 1
    ]


def test_the_english_word_finder_sees_app_text_and_leaves_data_and_allowed_names():
    assert english_words("Save 保存") == ["Save"]
    assert english_words("PM-01 · DEMO-CITY-A · demo-admin@demo.invalid · R7") == []
    assert english_words("DX推進課のCSVとExcel、REFI-QDA") == []
    assert english_words("職員 #42") == []
    assert english_words("列は item（項目）、.qdpx、location.code、例：「jmrc」") == []
    assert english_words("市区町村（municipality、コード）、理由（reason）") == []
    assert english_words("Excelが保存するShift_JIS/cp932、.csvをダウンロード") == []
    assert english_words("日本語のあとにSave") == ["Save"]
    assert DATABASE_ID.search("職員 #42")
    assert ISO_DAY.findall("取込日 2026-12-07、2027年4月1日、R-2026-12-07-1") == ["2026-12-07"]


def test_the_page_reader_leaves_out_scripts_code_and_text_marked_as_another_language():
    parser = VisibleText()
    parser.feed(
        '<p title="Title">表示 <span lang="en">Mirai <b>City</b></span> <code>x.y</code>'
        "<script>var a;</script><br>見える</p>"
    )
    assert " ".join(" ".join(parser.chunks).split()) == "表示 見える"


def _pattern(path: str) -> str | None:
    try:
        return resolve(urlsplit(path).path).route
    except Resolver404:
        return None


def crawl(client, start: list[str]) -> dict[str, str]:
    """Every HTML page reachable from `start` by links and HTMX requests, at most PER_PATTERN
    per URL pattern: path → visible text."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ja"
    seen: set[str] = set()
    per_pattern: dict[str, int] = {}
    pages: dict[str, str] = {}
    queue = deque(start)
    while queue:
        path = urldefrag(queue.popleft())[0]
        if not path.startswith("/") or path.startswith("//") or path in seen:
            continue
        if path.startswith(SKIPPED):
            continue
        seen.add(path)
        pattern = _pattern(path)
        if pattern is None or per_pattern.get(pattern, 0) >= PER_PATTERN:
            continue
        per_pattern[pattern] = per_pattern.get(pattern, 0) + 1
        response = client.get(path, HTTP_ACCEPT_LANGUAGE="ja")
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        parser = VisibleText()
        parser.feed(response.content.decode())
        pages[path] = " ".join(" ".join(parser.chunks).split())
        queue.extend(parser.links)
    return pages


@pytest.fixture(scope="module")
def demo_city(django_db_setup, django_db_blocker):
    """The demo (team, ratings, training, survey, interviews) with a finished plan run, once
    for the module; removed afterwards."""
    from django.db import transaction
    from django.utils import translation

    # Built in Japanese whatever language an earlier test left active in this thread.
    with django_db_blocker.unblock(), transaction.atomic(), translation.override("ja"):
        prepare_demo(seed=2025)
        city = Organisation.objects.get(code="DEMO-CITY-A")
        _plan(city)
        yield city
        transaction.set_rollback(True)


def _plan(city: Organisation) -> None:
    from django.test import override_settings

    from dxtalent.web.planning import runs
    from dxtalent.web.planning.services import scenario_for

    editor = Membership.objects.get(organisation=city, user__username="demo-editor").user
    immediate = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with override_settings(TASKS=immediate):
        run = runs.start(
            runs.create(city, editor, scenario_for(city, 5_000_000, 3), "coverage", 0, {})
        )
        _policy(city, editor, run)


def _policy(city: Organisation, editor, run) -> None:  # type: ignore[no-untyped-def]
    """The policy draft edited and drafted again after a change of figures (so that its page
    marks changed figures), and a finished report job."""
    from dxtalent.core.reports import Audience
    from dxtalent.web.diagnostics.models import DiagnosisProfile
    from dxtalent.web.reports import policy_drafts, report_jobs

    policy_drafts.generate(city, editor, run, None, "ja")
    draft = policy_drafts.draft_of(city)
    assert draft is not None
    policy_drafts.save_prose(draft, editor, 1, {"1": "本市の方針を述べる。"})
    profile, _ = DiagnosisProfile.objects.get_or_create(organisation=city)
    profile.prefecture_pool_days += 5
    profile.save()
    policy_drafts.generate(city, editor, run, 2, "ja")
    report_jobs.request_report(
        city, editor, report_jobs.ReportRequest("plan", Audience.COUNCIL, "docx", "ja", run)
    )


@pytest.mark.parametrize("username", ["demo-admin", "demo-editor", "demo-viewer"])
def test_every_page_of_the_demo_city_in_japanese_holds_no_english(client, demo_city, username):
    membership = Membership.objects.get(organisation=demo_city, user__username=username)
    client.force_login(membership.user)
    code = demo_city.code
    pages = crawl(
        client,
        [
            "/",
            f"/o/{code}/",
            f"/organisations/{code}/",
            f"/organisations/{code}/members/",
            # A report job's page is reached by a form's POST, which the crawler does not send.
            *(
                f"/o/{code}/reports/jobs/{pk}/"
                for pk in ReportJob.objects.values_list("pk", flat=True)
            ),
        ],
    )
    assert len(pages) > 20
    # The policy draft (its changed figures and a comparison) and a report job were read too.
    assert {f"/o/{code}/policy/", f"/o/{code}/policy/versions/"} <= set(pages)
    assert any(path.startswith(f"/o/{code}/policy/compare?") for path in pages)
    assert any(path.startswith(f"/o/{code}/reports/jobs/") for path in pages)
    assert_japanese(pages)


def _found(pages: dict[str, str], pattern: re.Pattern[str]) -> dict[str, list[str]]:
    """Each page's matches of `pattern`, with the text around them."""
    return {
        path: [text[max(0, m.start() - 30) : m.end() + 15] for m in pattern.finditer(text)]
        for path, text in pages.items()
        if pattern.search(text)
    }


# What a Japanese page must not hold, beside English words.
NOT_JAPANESE = {
    "Database ids": DATABASE_ID,
    "Days written as 2027-04-01 (Japanese: 2027年4月1日)": ISO_DAY,
    "Lists with a Latin comma (Japanese: 、)": LATIN_COMMA,
    "Money written with ¥ (Japanese: 6,500,000円)": re.compile("[¥￥]"),
    "Labels ended with a Latin colon (Japanese: 出典：)": LATIN_COLON,
    "Asides in Latin brackets (Japanese: 77%（18 / 24）)": LATIN_BRACKET,
}


def assert_japanese(pages: dict[str, str]) -> None:
    english = {
        path: sorted(set(words)) for path, text in pages.items() if (words := english_words(text))
    }
    assert not english, "English on Japanese pages:\n" + "\n".join(
        f"{path}: {' '.join(words)}" for path, words in sorted(english.items())
    )
    for what, pattern in NOT_JAPANESE.items():
        found = _found(pages, pattern)
        assert not found, f"{what} on Japanese pages:\n" + "\n".join(
            f"{path}: {' | '.join(texts)}" for path, texts in sorted(found.items())
        )


def test_every_page_of_the_demo_prefecture_in_japanese_holds_no_english(client, demo_city):
    """The prefecture's editor: its pool, professionals, requests, allocation and the
    aggregates of its municipalities."""
    prefecture = Organisation.objects.get(code="DEMO-PREF")
    membership = Membership.objects.get(organisation=prefecture, user__username="demo-pref")
    client.force_login(membership.user)
    code = prefecture.code
    pages = crawl(client, ["/", f"/o/{code}/", f"/o/{code}/pool/"])
    assert any(path.startswith(f"/o/{code}/pool/allocation") for path in pages)
    assert any(path.startswith(f"/o/{code}/pool/professionals/") for path in pages)
    assert_japanese(pages)
