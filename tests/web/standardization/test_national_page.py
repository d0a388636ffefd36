"""The national page: every signed-in user sees the public figures, in Japanese and English."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_signed_in_user_of_any_organisation_sees_the_national_figures(client, charlie):
    client.force_login(charlie)
    page = client.get("/standardization/", HTTP_ACCEPT_LANGUAGE="ja")
    assert page.status_code == 200
    text = page.content.decode()
    assert "2025-12-31" in text or "2025年12月31日" in text
    assert "935" in text and "1,788" in text and "8,956" in text
    assert "子ども・子育て支援" in text  # names, not codes
    assert "child-support" not in text.replace('"child-support"', "")
    assert "デジタル庁" in text  # the attribution
    assert "メインフレーム" in text


def test_the_page_speaks_english(client, charlie):
    client.force_login(charlie)
    client.post("/i18n/setlang/", {"language": "en"})
    text = client.get("/standardization/").content.decode()
    assert "child allowance" in text
    assert "By population band" in text


def test_nobody_signed_in_is_sent_to_the_login_page(client):
    page = client.get("/standardization/")
    assert page.status_code == 302 and "login" in page["Location"]


def test_the_chart_data_counts_each_business_area(client, charlie):
    import json
    import re

    client.force_login(charlie)
    text = client.get("/standardization/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    data = re.search(r'id="standardization-chart"[^>]*>(.*?)</script>', text, re.S).group(1)
    chart = json.loads(data)
    assert dict(zip(chart["labels"], chart["values"], strict=True))["児童手当"] == 576


def test_the_deadlines_and_the_reasons_cite_their_sources_in_the_readers_language(client, charlie):
    client.force_login(charlie)
    ja = client.get("/standardization/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "地方公共団体情報システム標準化基本方針（2022年10月7日閣議決定" in ja
    assert "基本方針の改定（2024年12月24日閣議決定）" in ja
    assert "デジタル庁「特定移行支援システムの該当見込み」（2025年7月時点）" in ja
    # Neither English glue nor the developers' own notes.
    for english in ("kept by the revisions", "reported by", "Cabinet decision", "domain-facts"):
        assert english not in ja
    client.post("/i18n/setlang/", {"language": "en"})
    en = client.get("/standardization/").content.decode()
    assert "Cabinet decision of 7 October 2022; kept by the revisions" in en
    assert "Digital Agency, the systems expected to become specific migration-support" in en
    assert "閣議決定" not in en and "domain-facts" not in en
