"""Running a survey: the owner creates it and invites organisations; each department answers
through its private link, saving and coming back, then submits; the owner sees response rates
and results by department."""

from __future__ import annotations

import io

import openpyxl
import pytest

from dxtalent.web.surveys.models import Answer, Invitation, Survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(client, alice, city_a, city_b):
    client.force_login(alice)
    response = client.post(f"/o/{city_a.code}/surveys/", {"title": "デジタル人材調査"})
    assert response.status_code == 302
    survey = Survey.objects.get()
    invited = client.post(
        f"/o/{city_a.code}/surveys/{survey.pk}/",
        {
            "action": "invite",
            "codes": f"{city_a.code}\n{city_b.code}\n",
            "departments": ["dx", "hr"],
        },
    )
    assert invited.status_code == 302
    return survey


def link(survey, code, department):
    return f"/s/{Invitation.objects.get(survey=survey, respondent__code=code, department=department).token}/"


DX_ANSWERS = {
    "Q2": ["T2-1", "T2-2"],
    "Q3": ["T3-1"],
    "Q4": ["JMRC-01", "JMRC-04"],
    "Q8": ["NONE"],
}


def test_each_department_of_each_organisation_gets_its_own_private_link(survey, city_a):
    tokens = set(Invitation.objects.values_list("token", flat=True))
    assert len(tokens) == 4 and all(len(t) >= 32 for t in tokens)


def test_an_unknown_code_invites_nobody_and_says_which(client, survey, city_a):
    response = client.post(
        f"/o/{city_a.code}/surveys/{survey.pk}/",
        {"action": "invite", "codes": "999999\n281000", "departments": ["dx"]},
    )
    assert response.status_code == 400
    assert any('"999999"' in e for e in response.context["invite_errors"])
    assert Invitation.objects.count() == 4


def test_a_respondent_saves_comes_back_and_submits(client, survey, city_b):
    client.logout()
    url = link(survey, city_b.code, "dx")
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="ja")
    assert [q["code"] for q in page.context["questions"]] == ["Q2", "Q3", "Q4", "Q8"]
    saved = client.post(url, {"action": "save", "Q2": ["T2-1"]})
    assert saved.status_code == 302
    answer = Answer.objects.get(invitation__token=url.split("/")[2])
    assert answer.answers == {"Q2": ["T2-1"]} and answer.submitted_at is None
    back = client.get(url)
    q2 = back.context["questions"][0]
    assert [o["checked"] for o in q2["options"]][:2] == [True, False]
    incomplete = client.post(url, {"action": "submit", "Q2": ["T2-2"]})
    assert incomplete.status_code == 400
    assert set(incomplete.context["errors"]) == {"Q3", "Q4", "Q8"}
    answer.refresh_from_db()
    assert answer.answers == {"Q2": ["T2-1"]}  # the failed submission changed nothing
    done = client.post(url, {"action": "submit", **DX_ANSWERS})
    assert done.status_code == 302
    answer.refresh_from_db()
    assert answer.submitted_at is not None and answer.answers["Q8"] == ["NONE"]
    again = client.post(url, {"action": "save", "Q2": ["T2-3"]})
    assert again.status_code == 200 and again.context["submitted"]
    answer.refresh_from_db()
    assert answer.answers["Q2"] == ["T2-1", "T2-2"]


def test_an_answer_not_offered_is_refused_naming_it(client, survey, city_b):
    client.logout()
    url = link(survey, city_b.code, "hr")
    response = client.post(url, {"action": "save", "Q5": ["JMRC-99"]})
    assert response.status_code == 400
    assert "JMRC-99" in response.context["errors"]["Q5"]
    assert not Answer.objects.exists()


def test_the_owner_sees_response_rates_and_results_by_department(
    client, survey, city_a, city_b, alice
):
    client.logout()
    client.post(link(survey, city_b.code, "dx"), {"action": "submit", **DX_ANSWERS})
    client.post(link(survey, city_a.code, "dx"), {"action": "save", "Q2": ["T2-1"]})
    client.force_login(alice)
    page = client.get(f"/o/{city_a.code}/surveys/{survey.pk}/")
    rates = {r.department: (r.invited, r.started, r.submitted) for r in page.context["rates"]}
    assert rates == {"dx": (2, 2, 1), "hr": (2, 0, 0)}
    q4 = next(q for q in page.context["results"] if q.code == "Q4")
    assert q4.bases == [1]
    assert [c.count for row in q4.rows for c in row.cells] == [1, 0, 0, 1, 0, 0]
    book = openpyxl.load_workbook(
        io.BytesIO(client.get(f"/o/{city_a.code}/surveys/{survey.pk}.xlsx").content)
    )
    assert [ws.title for ws in book.worksheets][:1] and book.worksheets[0].cell(2, 2).value == 2


def test_a_closed_survey_takes_no_more_answers(client, survey, city_a, city_b):
    client.post(f"/o/{city_a.code}/surveys/{survey.pk}/", {"action": "close"})
    client.logout()
    url = link(survey, city_b.code, "dx")
    response = client.post(url, {"action": "submit", **DX_ANSWERS})
    assert response.status_code == 410 and response.context["closed"]
    assert not Answer.objects.exists()


def test_links_and_surveys_of_others_are_not_found(client, survey, city_b, charlie):
    assert client.get("/s/not-a-token/").status_code == 404
    client.force_login(charlie)  # a member of city B, which was invited but owns nothing
    assert client.get(f"/o/{city_b.code}/surveys/{survey.pk}/").status_code == 404


def test_the_api_lists_surveys_and_gives_results(client, survey, city_a, city_b, alice):
    client.logout()
    client.post(link(survey, city_b.code, "dx"), {"action": "submit", **DX_ANSWERS})
    client.force_login(alice)
    listed = client.get(f"/api/organisations/{city_a.code}/surveys").json()
    assert [s["id"] for s in listed] == [survey.pk]
    data = client.get(
        f"/api/organisations/{city_a.code}/surveys/{survey.pk}/results", {"language": "en"}
    ).json()
    assert data["response_rates"][0]["submitted"] == 1
    q2 = next(q for q in data["questions"] if q["question"] == "Q2")
    assert q2["groups"] == [{"department": "Information Technology & DX Department", "base": 1}]
    assert [o["cells"][0]["count"] for o in q2["options"]] == [1, 1, 0, 0, 0, 0]
    other = client.get(f"/api/organisations/{city_a.code}/surveys/99999/results")
    assert other.status_code == 404


def test_an_export_becomes_a_closed_survey_with_its_results(client, alice, city_a):
    from pathlib import Path

    from django.core.files.uploadedfile import SimpleUploadedFile

    fixture = (
        Path(__file__).resolve().parents[4]
        / "shared"
        / "fixtures"
        / "kobo"
        / "kobo_sample_dataset_export.xlsx"
    )
    if not fixture.is_file():
        pytest.skip(f"fixture not found at {fixture}")
    client.force_login(alice)
    upload = SimpleUploadedFile(fixture.name, fixture.read_bytes())
    response = client.post(f"/o/{city_a.code}/surveys/", {"file": upload, "format": ""})
    assert response.status_code == 302, response.content[:300]
    survey = Survey.objects.get()
    assert survey.status == "closed" and survey.imported.count() == 5
    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en")
    [reason] = [q for q in page.context["results"] if q.code == "profile.reason"]
    assert reason.groups == ["All respondents"] and reason.bases == [5]
    assert [row.cells[0].count for row in reason.rows][:3] == [2, 2, 4]


def test_a_broken_export_writes_nothing_and_says_why(client, alice, city_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(alice)
    csv = b"q.reason,q.reason.a,q.reason.b,_uuid\na b,1,1,u1\na,0,1,u2\n"
    upload = SimpleUploadedFile("export.csv", csv)
    response = client.post(
        f"/o/{city_a.code}/surveys/", {"file": upload, "format": "kobo"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400 and not Survey.objects.exists()
    assert any('Row 3, column "q.reason"' in e for e in response.context["import_errors"])


def test_one_organisation_is_set_against_the_others_of_its_department(
    client, survey, city_a, city_b, alice
):
    client.logout()
    client.post(link(survey, city_b.code, "dx"), {"action": "submit", **DX_ANSWERS})
    other = {**DX_ANSWERS, "Q4": ["JMRC-01"]}
    client.post(link(survey, city_a.code, "dx"), {"action": "submit", **other})
    client.force_login(alice)
    page = client.get(f"/o/{city_a.code}/surveys/{survey.pk}/", {"compare": f"{city_b.code}:dx"})
    q4 = next(q for q in page.context["comparison"] if q.code == "Q4")
    # City B chose JMRC-01 and JMRC-04; the only other (city A) chose JMRC-01 alone.
    assert [(ticked, cell.count, cell.base) for _label, ticked, cell in q4.rows][:4] == [
        (True, 1, 1),
        (False, 0, 1),
        (False, 0, 1),
        (True, 0, 1),
    ]
    assert (
        client.get(f"/o/{city_a.code}/surveys/{survey.pk}/", {"compare": "nope"}).context[
            "comparison"
        ]
        is None
    )


def test_answers_collected_elsewhere_are_imported_with_a_column_mapping(client, survey, city_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from dxtalent.web.surveys.models import ImportedAnswer

    url = f"/o/{city_a.code}/surveys/{survey.pk}/"
    csv = (
        "respondent,department,Q4,人材の課題\nA市,dx,JMRC-01;JMRC-04,T3-1\nB町,dx,NONE,T3-1 T3-2\n"
    )
    response = client.post(
        url,
        {
            "action": "import",
            "file": SimpleUploadedFile("answers.csv", csv.encode()),
            "mapping": "人材の課題 = Q3",
            "respondent_column": "respondent",
            "department_column": "department",
        },
    )
    assert response.status_code == 302, response.context and response.context["import_errors"]
    assert ImportedAnswer.objects.count() == 2
    page = client.get(url)
    q4 = next(q for q in page.context["results"] if q.code == "Q4")
    assert q4.bases == [2] and q4.rows[0].cells[0].count == 1 and q4.rows[-1].cells[0].count == 1
    q3 = next(q for q in page.context["results"] if q.code == "Q3")
    assert [row.cells[0].count for row in q3.rows][:2] == [2, 1]

    bad = "respondent,department,Q4\nC村,it,JMRC-01\nD市,dx,JMRC-01;NONE\n"
    refused = client.post(
        url,
        {
            "action": "import",
            "file": SimpleUploadedFile("answers.csv", bad.encode()),
            "respondent_column": "respondent",
            "department_column": "department",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert refused.status_code == 400 and ImportedAnswer.objects.count() == 2
    errors = refused.context["import_errors"]
    assert any('Row 2, column "department"' in e and '"it"' in e for e in errors)
    assert any(
        'Row 3, column "Q4"' in e
        and "NONE cannot be ticked with another" in e
        and '"JMRC-01;NONE"' in e
        for e in errors
    )


def test_questions_on_the_same_items_are_set_side_by_side_for_the_two_departments(
    client, survey, city_a, city_b, alice
):
    client.logout()
    client.post(link(survey, city_b.code, "dx"), {"action": "submit", **DX_ANSWERS})
    hr = {"Q5": ["JMRC-01", "JMRC-02"], "Q6": ["NONE"], "Q7": ["NONE"], "Q9": ["JMRC-04"]}
    client.post(link(survey, city_b.code, "hr"), {"action": "submit", **hr})
    client.force_login(alice)
    page = client.get(f"/o/{city_a.code}/surveys/{survey.pk}/")
    pairs = {(p.first.code, p.second.code): p for p in page.context["paired"]}
    assert set(pairs) == {("Q4", "Q5"), ("Q8", "Q9")}
    rows = {label: (one.count, two.count, c) for label, one, two, c in pairs["Q4", "Q5"].rows}
    assert len(rows) == 4  # JMRC-01, 02, 04, 05 are in both tables
    one, two, comparison = rows["ICTを業務に取り入れる革新的な提案力"]
    assert (one, two) == (1, 1) and comparison.difference.estimate == 0
    assert comparison.p_adjusted is not None


def test_a_questionnaire_is_copied_extended_and_used_for_a_new_survey(client, survey, city_a):
    import json

    from django.core.files.uploadedfile import SimpleUploadedFile

    data = client.get(f"/o/{city_a.code}/surveys/{survey.pk}/questionnaire.json").json()
    data["questions"].append(
        {
            "code": "Q10",
            "text": {"ja": "専門職の採用枠はありますか。", "en": "Do you have specialist posts?"},
            "kind": "single",
            "options": [
                {"code": "Y", "label": {"ja": "はい", "en": "Yes"}},
                {"code": "N", "label": {"ja": "いいえ", "en": "No"}},
            ],
            "departments": ["hr"],
        }
    )
    upload = SimpleUploadedFile("q.json", json.dumps(data, ensure_ascii=False).encode())
    created = client.post(
        f"/o/{city_a.code}/surveys/", {"title": "拡張した調査", "questionnaire": upload}
    )
    assert created.status_code == 302
    extended = Survey.objects.get(title="拡張した調査")
    assert [q["code"] for q in extended.instrument["questions"]][-1] == "Q10"
    data["questions"][-1]["departments"] = ["finance"]
    bad = SimpleUploadedFile("q.json", json.dumps(data).encode())
    refused = client.post(f"/o/{city_a.code}/surveys/", {"title": "x", "questionnaire": bad})
    assert refused.status_code == 400
    assert "finance" in str(refused.context["form"].errors["questionnaire"])


def test_one_question_is_cross_tabulated_by_the_answer_to_another(client, alice, city_a, charlie):
    from pathlib import Path

    from django.core.files.uploadedfile import SimpleUploadedFile

    from dxtalent.core.surveys.instrument import QuestionKind
    from dxtalent.web.surveys.services import instrument_of, responses

    # An SPSS file with a single-choice question (x) and multiple-choice sets.
    fixture = Path(__file__).resolve().parents[4] / "shared/fixtures/spss/simple_alltypes.sav"
    if not fixture.is_file():
        pytest.skip(f"fixture not found at {fixture}")
    client.force_login(alice)
    upload = SimpleUploadedFile(fixture.name, fixture.read_bytes())
    created = client.post(f"/o/{city_a.code}/surveys/", {"file": upload, "format": ""})
    assert created.status_code == 302, created.content[:300]
    survey = Survey.objects.get()
    instrument = instrument_of(survey)
    single = [q for q in instrument.questions if q.kind is QuestionKind.SINGLE]
    choice = [
        q for q in instrument.questions if q.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE)
    ]
    by = single[0]
    question = next(q for q in choice if q.code != by.code)
    url = f"/o/{city_a.code}/surveys/{survey.pk}/crosstab/"
    page = client.get(url, {"question": question.code, "by": by.code}, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    table = page.context["table"]
    assert len(table.groups) == len(by.options) and len(table.rows) == len(question.options)
    answered = [r for r in responses(survey) if r.answers.get(by.code)]
    assert sum(table.bases) <= len(answered)
    same = client.get(url, {"question": by.code, "by": by.code})
    assert same.status_code == 400 and same.context["table"] is None
    multiple = [q for q in instrument.questions if q.kind is QuestionKind.MULTIPLE]
    if multiple:
        refused = client.get(url, {"question": question.code, "by": multiple[0].code})
        assert refused.status_code == 400
    client.force_login(charlie)
    assert client.get(url).status_code == 404


def test_private_links_stop_taking_answers_after_the_last_day_the_owner_set(
    client, survey, city_a, city_b, bob
):
    import datetime

    from django.utils import timezone

    today = timezone.localdate()
    url = f"/o/{city_a.code}/surveys/{survey.pk}/"
    set_day = client.post(url, {"action": "expiry", "links_expire_on": today.isoformat()})
    assert set_day.status_code == 302
    survey.refresh_from_db()
    assert survey.links_expire_on == today and survey.takes_answers  # the last day is included
    Survey.objects.filter(pk=survey.pk).update(links_expire_on=today - datetime.timedelta(days=1))
    respond = link(survey, city_b.code, "dx")
    page = client.get(respond)
    assert "no longer" in page.content.decode() or "受け付けていません" in page.content.decode()
    refused = client.post(respond, {**DX_ANSWERS, "action": "submit"})
    assert refused.status_code == 410 and not Answer.objects.exists()
    bad = client.post(url, {"action": "expiry", "links_expire_on": "2026-13-40"})
    assert bad.status_code == 400
    client.force_login(bob)  # a viewer cannot change it
    assert client.post(url, {"action": "expiry", "links_expire_on": ""}).status_code in (400, 403)
    survey.refresh_from_db()
    assert survey.links_expire_on == today - datetime.timedelta(days=1)


def test_an_export_with_its_xlsform_becomes_a_survey_with_labelled_questions(client, alice, city_a):
    from pathlib import Path

    from django.core.files.uploadedfile import SimpleUploadedFile

    kobo = Path(__file__).resolve().parents[4] / "shared" / "fixtures" / "kobo"
    export, form = kobo / "kobo_sample_dataset_export.xlsx", kobo / "kobo_sample_xlsform.xlsx"
    if not (export.is_file() and form.is_file()):
        pytest.skip("Kobo fixtures not found")
    client.force_login(alice)
    refused = client.post(
        f"/o/{city_a.code}/surveys/",
        {"file": SimpleUploadedFile(form.name, form.read_bytes()), "format": ""},
    )
    assert refused.status_code == 400 and not Survey.objects.exists()
    assert "XLSForm" in refused.content.decode()
    created = client.post(
        f"/o/{city_a.code}/surveys/",
        {
            "file": SimpleUploadedFile(export.name, export.read_bytes()),
            "structure": SimpleUploadedFile(form.name, form.read_bytes()),
            "format": "",
        },
    )
    assert created.status_code == 302, created.content[:300]
    from dxtalent.web.surveys.services import instrument_of

    location = instrument_of(Survey.objects.get()).question("location")
    assert location.kind.value == "single" and location.options[0].code == "home"


def _answered_invitations(survey, count):
    from django.utils import timezone

    from dxtalent.web.organisations.models import Organisation

    towns = Organisation.objects.filter(kind="town").order_by("code")[:count]
    for town in towns:
        invitation = Invitation.objects.create(
            organisation=survey.organisation, survey=survey, respondent=town, department="dx"
        )
        Answer.objects.create(
            invitation=invitation,
            answers={"Q2": ["T2-1"], "Q4": ["JMRC-01"]},
            submitted_at=timezone.now(),
        )


@pytest.mark.parametrize("many", [30, 160])
def test_the_results_page_costs_the_same_queries_and_bounded_html_however_many_answered(
    client, survey, city_a, many
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = f"/o/{city_a.code}/surveys/{survey.pk}/"
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    _answered_invitations(survey, many)
    with CaptureQueriesContext(connection) as after:
        page = client.get(url)
    assert page.status_code == 200
    assert len(after.captured_queries) <= len(few.captured_queries) + 2
    html = page.content.decode()
    assert html.count("/s/") <= 50  # private links: one page of invitations
    assert html.count("<option") < 150  # no select of every respondent
    if many > 100:
        found = client.get(url, {"respondent": "町"})
        assert found.context["many_respondents"] and 0 < len(found.context["respondents"]) <= 20
