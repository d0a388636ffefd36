"""The talent policy chapter edited in the app: generated from the demo's data, edited by an
editor (a viewer reads it), versions with author and date, a readable diff per section, an
edit that survives regeneration with the changed figures shown, export of a chosen version,
and the audit trail."""

from __future__ import annotations

import io

import pytest
from docx import Document as read_docx

from dxtalent.web.audit.models import AuditEvent
from dxtalent.web.diagnostics.models import DiagnosisProfile
from dxtalent.web.reports import policy_drafts
from dxtalent.web.reports.models import PolicyDraft, PolicyDraftVersion
from tests.web.reports.conftest import login

pytestmark = pytest.mark.django_db
CITY = "DEMO-CITY-A"
PROSE = "本市は、庁内の中心人物を計画的に育成する。"


def generate(client, **data):
    return client.post(f"/o/{CITY}/policy/generate", data, HTTP_ACCEPT_LANGUAGE="ja")


def save(client, version, **prose):
    data = {"version": version, **{f"prose_{key}": text for key, text in prose.items()}}
    return client.post(f"/o/{CITY}/policy/edit", data, HTTP_ACCEPT_LANGUAGE="ja")


def set_pool_days(organisation, days):
    profile, _ = DiagnosisProfile.objects.get_or_create(organisation=organisation)
    profile.prefecture_pool_days = days
    profile.save()


def test_an_editor_generates_the_draft_and_a_viewer_reads_it_with_its_sources(client, demo, run):
    assert generate(login(client, "demo-editor"), run=run.pk).status_code == 302
    draft = PolicyDraft.objects.get(organisation=demo)
    version = draft.current()
    assert (draft.version, version.number, version.kind) == (1, 1, "generated")
    assert version.created_by.username == "demo-editor" and version.plan_run == run
    _, sections = policy_drafts.loaded(version)
    statements = [st for section in sections for st in section.statements()]
    assert statements and all(st.source or st.note for st in statements)
    page = login(client, "demo-viewer").get(f"/o/{CITY}/policy/", HTTP_ACCEPT_LANGUAGE="ja")
    text = page.content.decode()
    assert page.status_code == 200
    assert "2 現状" in text and "8 団体外との連携" in text and "出典：" in text
    assert "文章を編集" not in text  # no edit button for a viewer


def test_a_viewer_may_neither_generate_nor_edit(client, demo, run):
    generate(login(client, "demo-editor"))
    login(client, "demo-viewer")
    assert generate(client).status_code == 403
    assert client.get(f"/o/{CITY}/policy/edit").status_code == 403
    assert save(client, 1, **{"1": "x"}).status_code == 403
    assert PolicyDraft.objects.get(organisation=demo).version == 1


def test_each_save_is_a_new_version_with_its_author_and_is_in_the_audit_trail(client, demo, run):
    generate(login(client, "demo-editor"))
    assert save(client, 1, **{"2": PROSE}).status_code == 302
    draft = PolicyDraft.objects.get(organisation=demo)
    version = draft.current()
    assert (draft.version, version.number, version.kind) == (2, 2, "edited")
    assert version.created_by.username == "demo-editor"
    _, sections = policy_drafts.loaded(version)
    assert {s.key: s.prose for s in sections}["2"] == PROSE
    created = AuditEvent.objects.filter(
        organisation=demo, model="reports.PolicyDraftVersion", action="create"
    )
    assert created.count() == 2
    assert "content" not in created.latest("at").changes  # the copy is not duplicated there
    listed = client.get(f"/o/{CITY}/policy/versions/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "demo-editor" in listed or version.created_by.get_full_name() in listed
    assert "編集" in listed and "データから作成" in listed


def test_saving_from_an_older_version_is_refused_and_nothing_is_written(client, demo, run):
    generate(login(client, "demo-editor"))
    save(client, 1, **{"1": "先に保存した文章"})
    response = save(client, 1, **{"1": "後から保存しようとした文章"})
    assert response.status_code == 400
    assert "現在は第2版" in response.content.decode()
    draft = PolicyDraft.objects.get(organisation=demo)
    assert draft.version == 2
    _, sections = policy_drafts.loaded(draft.current())
    assert sections[0].prose == "先に保存した文章"
    # The text typed is still in the form.
    assert "後から保存しようとした文章" in response.content.decode()


def test_regenerating_from_an_older_version_is_refused(client, demo, run):
    generate(login(client, "demo-editor"))
    save(client, 1, **{"1": "文章"})
    assert generate(client, version=1).status_code == 409
    assert PolicyDraft.objects.get(organisation=demo).version == 2


def test_an_edit_survives_regeneration_and_the_changed_figure_is_shown_as_changed(
    client, demo, run
):
    set_pool_days(demo, 12)
    generate(login(client, "demo-editor"), run=run.pk)
    save(client, 1, **{"8": PROSE})
    set_pool_days(demo, 30)  # the data change
    assert generate(client, version=2, run=run.pk).status_code == 302
    draft = PolicyDraft.objects.get(organisation=demo)
    assert (draft.version, draft.current().kind) == (3, "generated")
    _, sections = policy_drafts.loaded(draft.current())
    by_key = {s.key: s for s in sections}
    assert by_key["8"].prose == PROSE
    assert any("年30日" in line for line in by_key["8"].figure_lines())
    changes = policy_drafts.figure_changes(draft)
    assert changes is not None and set(changes.sections) == {"8"}
    page = client.get(f"/o/{CITY}/policy/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "データから作成し直して変わった数値" in page
    removed = page.split("diff__line--removed")[1].split("</li>")[0]
    added = page.split("diff__line--added")[1].split("</li>")[0]
    assert "年12日" in removed and "年30日" in added
    assert PROSE in page


def test_the_diff_of_two_versions_shows_the_prose_and_the_figures_per_section(client, demo, run):
    set_pool_days(demo, 12)
    generate(login(client, "demo-editor"), run=run.pk)
    save(client, 1, **{"3": "最初の文章"})
    save(client, 2, **{"3": "書き直した文章"})
    set_pool_days(demo, 20)
    generate(client, version=3, run=run.pk)
    response = client.get(f"/o/{CITY}/policy/compare?a=4&b=2", HTTP_ACCEPT_LANGUAGE="ja")
    page = response.content.decode()
    assert response.status_code == 200
    assert "第2版と第4版の違い" in page
    section3 = page.split('id="diff-3"')[1].split("</section>")[0]
    assert "<del>" in section3 and "最初の文章" in section3 and "書き直した文章" in section3
    section8 = page.split('id="diff-8"')[1].split("</section>")[0]
    assert "年12日" in section8 and "年20日" in section8
    section1 = page.split('id="diff-1"')[1].split("</section>")[0]
    assert "<del>" not in section1 and "<ins>" not in section1


def test_comparing_a_version_that_does_not_exist_is_not_found_and_bad_numbers_are_named(
    client, demo, run
):
    generate(login(client, "demo-editor"))
    assert client.get(f"/o/{CITY}/policy/compare?a=1&b=9").status_code == 404
    response = client.get(f"/o/{CITY}/policy/compare?a=x&b=1", HTTP_ACCEPT_LANGUAGE="ja")
    assert response.status_code == 400 and "整数" in response.content.decode()


def test_a_chosen_version_exports_as_word_with_its_prose_and_sources(client, demo, run):
    generate(login(client, "demo-editor"), run=run.pk)
    save(client, 1, **{"2": PROSE})
    save(client, 2, **{"2": "別の文章"})
    response = login(client, "demo-viewer").get(f"/o/{CITY}/policy/versions/2.docx")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('talent-policy-DEMO-CITY-A-v2.docx"')
    document = read_docx(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert PROSE in text and "別の文章" not in text and "第2版" in text and "出典：" in text
    assert client.get(f"/o/{CITY}/policy/versions/2.odt").status_code == 404
    assert client.get(f"/o/{CITY}/policy/versions/7.docx").status_code == 404


def test_the_draft_page_before_any_draft_offers_an_editor_to_generate_it(client, demo):
    page = login(client, "demo-editor").get(f"/o/{CITY}/policy/", HTTP_ACCEPT_LANGUAGE="ja")
    assert page.status_code == 200 and "/policy/generate" in page.content.decode()
    page = login(client, "demo-viewer").get(f"/o/{CITY}/policy/", HTTP_ACCEPT_LANGUAGE="ja")
    assert "/policy/generate" not in page.content.decode()
    assert not PolicyDraftVersion.objects.exists()


def test_the_draft_page_reads_in_english(client, demo, run):
    generate(login(client, "demo-editor"))
    page = client.get(f"/o/{CITY}/policy/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Talent policy: the digital chapter" in page and "Generated from the data" in page
