"""Each record rule lives once in core and every entry point calls it (issue #12): the same bad
value through the web form, the import, the API and the CLI gets the same message, and nothing
is written. One table per rule: each row is an entry point."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from dxtalent.cli import app
from dxtalent.web.diagnostics.models import DiagnosisProfile
from dxtalent.web.people.imports import ImportRejectedError, import_file
from dxtalent.web.people.models import Person, Rating

pytestmark = pytest.mark.django_db

EN = {"Accept-Language": "en"}


def flat(text: str) -> str:
    """Text with every run of whitespace as one space (Rich wraps long lines on stderr)."""
    return " ".join(text.split())


@dataclass(frozen=True)
class Said:
    """What an entry point answered: its status (HTTP status or exit code), every message it
    gave, and where (field or column) it put the one we look for."""

    status: int
    messages: list[str]
    where: list[str]


def _form(client, path: str, data: dict[str, Any]) -> Said:
    response = client.post(path, data, headers=EN)
    form = response.context["form"]
    return Said(
        response.status_code,
        [m for errors in form.errors.values() for m in errors],
        list(form.errors),
    )


def _api(client, method: str, path: str, body: dict[str, Any]) -> Said:
    send = client.post if method == "POST" else client.patch
    response = send(path, body, content_type="application/json", headers=EN)
    errors = response.json().get("errors", []) if response.status_code == 400 else []
    return Said(
        response.status_code, [e["msg"] for e in errors], [str(e["loc"][-1]) for e in errors]
    )


def _import(organisation, kind: str, csv: str) -> Said:
    """The import itself, its messages read in English (as the other entry points ask)."""
    from django.utils import translation

    try:
        import_file(organisation, kind, csv.encode(), f"{kind}.csv")
    except ImportRejectedError as error:
        with translation.override("en"):
            return Said(400, [str(e) for e in error.errors], [e.column for e in error.errors])
    return Said(200, [], [])


def _cli(tmp_path: Path, kind: str, csv: str, code: str) -> Said:
    path = tmp_path / f"{kind}.csv"
    path.write_text(csv, encoding="utf-8")
    result = CliRunner().invoke(app, ["import", kind, str(path), "--org", code])
    return Said(result.exit_code, [flat(result.stderr)], [])


def _assert_refused(said: Said, message: str, where: str | None, entry: str) -> None:
    assert said.status in (400, 2), (entry, said)
    assert any(message in flat(m) for m in said.messages), (entry, message, said.messages)
    if where is not None:
        assert where in said.where, (entry, where, said.where)


# --- Rotation window ----------------------------------------------------------------------------

ROTATION = "the longest stay (3 years) is shorter than the shortest (5 years)"
STAFF_HEAD = "職員番号,姓,部署コード,配属日,異動最短年数,異動最長年数\n"


def rotation_entry_points(
    client, city_a, tmp_path
) -> dict[str, tuple[Callable[[], Said], str | None]]:
    person = Person.objects.create(organisation=city_a, external_id="P001", family_name="既存")
    api = f"/api/organisations/{city_a.code}/people"
    new = {
        "kind": "staff",
        "external_id": "S001",
        "family_name": "佐藤",
        "employment_type": "regular",
    }
    return {
        "person form": (
            lambda: _form(
                client,
                f"/o/{city_a.code}/people/new/",
                {**new, "origin": "in_house", "it_years": "0", "active": "on"}
                | {"rotation_min_years": "5", "rotation_max_years": "3"},
            ),
            "rotation_max_years",
        ),
        "staff import": (
            lambda: _import(city_a, "staff", STAFF_HEAD + "S001,佐藤,DX,2024-04-01,5,3\n"),
            "異動最長年数",  # the column as the file names it
        ),
        "API POST": (
            lambda: _api(
                client,
                "POST",
                api,
                {**new, "rotation_min_years": 5, "rotation_max_years": 3},
            ),
            "rotation_max_years",
        ),
        "API PATCH": (
            lambda: _api(
                client,
                "PATCH",
                f"{api}/{person.pk}",
                {"rotation_min_years": 5, "rotation_max_years": 3},
            ),
            "rotation_max_years",
        ),
        "CLI import staff": (
            lambda: _cli(
                tmp_path, "staff", STAFF_HEAD + "S001,佐藤,DX,2024-04-01,5,3\n", city_a.code
            ),
            None,
        ),
        "diagnosis settings form": (
            lambda: _form(
                client,
                f"/o/{city_a.code}/team/settings/",
                {
                    "rotation_min_years": "5",
                    "rotation_max_years": "3",
                    "horizon_years": "5",
                    "vendor_contracts": "0",
                    "large_contracts": "0",
                    "yearly_budget": "20000000",
                },
            ),
            "rotation_max_years",
        ),
    }


@pytest.mark.parametrize(
    "entry",
    [
        "person form",
        "staff import",
        "API POST",
        "API PATCH",
        "CLI import staff",
        "diagnosis settings form",
    ],
)
def test_a_rotation_window_of_5_to_3_is_refused_alike_by_every_entry_point(
    client, alice, city_a, dx_department, tmp_path, entry
):
    client.force_login(alice)
    call, where = rotation_entry_points(client, city_a, tmp_path)[entry]
    _assert_refused(call(), ROTATION, where, entry)
    assert not Person.objects.exclude(external_id="P001").exists()
    assert Person.objects.get(external_id="P001").rotation_min_years is None
    assert not DiagnosisProfile.objects.filter(rotation_min_years=5).exists()


def test_the_rotation_rule_is_said_in_japanese_on_the_form(client, alice, city_a):
    client.force_login(alice)
    response = client.post(
        f"/o/{city_a.code}/people/new/",
        {
            "kind": "staff",
            "external_id": "S001",
            "family_name": "佐藤",
            "employment_type": "regular",
            "origin": "in_house",
            "it_years": "0",
            "rotation_min_years": "5",
            "rotation_max_years": "3",
        },
        headers={"Accept-Language": "ja"},
    )
    assert response.status_code == 400
    assert "最長在職年数（3年）が最短在職年数（5年）より短く" in str(
        response.context["form"].errors["rotation_max_years"]
    )


def test_a_stored_window_written_before_the_rule_does_not_break_the_diagnosis(
    client, alice, city_a, team
):
    Person.objects.filter(pk=team["佐藤"].pk).update(rotation_min_years=5, rotation_max_years=3)
    client.force_login(alice)
    assert client.get(f"/o/{city_a.code}/team/").status_code == 200
    assert client.get(f"/api/organisations/{city_a.code}/diagnosis").status_code == 200
    assert client.get(f"/o/{city_a.code}/plan/").status_code == 200


# --- Employment type and its term ---------------------------------------------------------------

TERM = '"fixed_term" staff serve a term and no end date is given; give the last day of the term'
TERM_HEAD = "number,family_name,employment_type\n"


@pytest.mark.parametrize("entry", ["person form", "staff import", "API POST", "API PATCH", "CLI"])
def test_a_fixed_term_member_of_staff_without_an_end_date_is_refused_alike(
    client, alice, city_a, tmp_path, entry
):
    client.force_login(alice)
    person = Person.objects.create(organisation=city_a, external_id="P001", family_name="既存")
    api = f"/api/organisations/{city_a.code}/people"
    new = {"kind": "staff", "external_id": "S001", "family_name": "佐藤"}
    calls: dict[str, Callable[[], Said]] = {
        "person form": lambda: _form(
            client,
            f"/o/{city_a.code}/people/new/",
            {**new, "employment_type": "fixed_term", "origin": "in_house", "it_years": "0"},
        ),
        "staff import": lambda: _import(city_a, "staff", TERM_HEAD + "S001,佐藤,任期付\n"),
        "API POST": lambda: _api(client, "POST", api, {**new, "employment_type": "fixed_term"}),
        "API PATCH": lambda: _api(
            client, "PATCH", f"{api}/{person.pk}", {"employment_type": "fixed_term"}
        ),
        "CLI": lambda: _cli(tmp_path, "staff", TERM_HEAD + "S001,佐藤,任期付\n", city_a.code),
    }
    said = calls[entry]()
    _assert_refused(said, TERM, None if entry == "CLI" else "contract_end", entry)
    assert not Person.objects.exclude(external_id="P001").exists()
    assert Person.objects.get(external_id="P001").employment_type == "regular"


def test_a_candidate_of_a_term_type_needs_no_end_date_yet(city_a):
    result = import_file(
        city_a,
        "candidates",
        "number,family_name,employment_type\nC001,高橋,fixed_term\n".encode(),
        "c.csv",
    )
    assert result.created == 1


def test_an_unknown_employment_type_is_refused_by_the_api_with_cores_message(client, alice, city_a):
    client.force_login(alice)
    said = _api(
        client,
        "POST",
        f"/api/organisations/{city_a.code}/people",
        {"external_id": "S001", "family_name": "佐藤", "employment_type": "permanent"},
    )
    _assert_refused(said, '"permanent" is not an employment type; give one of "regular"', None, "")
    assert said.where == ["employment_type"] and not Person.objects.exists()


# --- Levels within the framework's scale --------------------------------------------------------

LEVEL = '"7" is not a level of the framework\'s scale; give a whole number from 0 to 4'


@pytest.mark.parametrize("entry", ["assessment form", "assessments import", "API", "CLI"])
def test_a_level_of_7_is_refused_alike_by_every_entry_point(
    client, alice, city_a, framework, team, tmp_path, entry
):
    client.force_login(alice)
    person = team["佐藤"]
    csv = (
        "number,framework,skill,level,source,rated_on\n"
        f"{person.external_id},{framework.code},COMM,7,manager,2026-05-01\n"
    )
    calls: dict[str, tuple[Callable[[], Said], str | None]] = {
        "assessment form": (
            lambda: _form(
                client,
                f"/o/{city_a.code}/people/{person.pk}/assess/?framework={framework.pk}",
                {"source": "manager", "rated_on": "2026-05-01", "skill_COMM": "7"},
            ),
            "skill_COMM",
        ),
        "assessments import": (lambda: _import(city_a, "assessments", csv), "level"),
        "API": (
            lambda: _api(
                client,
                "POST",
                f"/api/organisations/{city_a.code}/people/{person.pk}/ratings",
                {
                    "framework_id": framework.pk,
                    "source": "manager",
                    "rated_on": "2026-05-01",
                    "levels": {"COMM": 7},
                },
            ),
            "levels.COMM",
        ),
        "CLI": (lambda: _cli(tmp_path, "assessments", csv, city_a.code), None),
    }
    call, where = calls[entry]
    _assert_refused(call(), LEVEL, where, entry)
    assert not Rating.objects.exists()


# --- Survey answers -----------------------------------------------------------------------------

ANSWER = '"JMRC-99" is not accepted; give options among JMRC-01'


@pytest.fixture
def survey(client, alice, city_a):
    from dxtalent.web.surveys.models import Invitation, Survey

    client.force_login(alice)
    assert client.post(f"/o/{city_a.code}/surveys/", {"title": "調査"}).status_code == 302
    survey = Survey.objects.get()
    client.post(
        f"/o/{city_a.code}/surveys/{survey.pk}/",
        {"action": "invite", "codes": city_a.code, "departments": ["hr"]},
    )
    survey.token = Invitation.objects.get(survey=survey).token
    return survey


@pytest.mark.parametrize("entry", ["respondent's form", "answers import", "answers API"])
def test_an_answer_not_offered_is_refused_alike_by_every_entry_point(
    client, alice, city_a, survey, entry
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from dxtalent.web.surveys.models import Answer, ImportedAnswer

    csv = b"respondent,department,Q5\nA,hr,JMRC-99\n"
    if entry == "respondent's form":
        response = client.post(
            f"/s/{survey.token}/", {"action": "save", "Q5": ["JMRC-99"]}, headers=EN
        )
        said = Said(response.status_code, list(response.context["errors"].values()), [])
        said.where.extend(response.context["errors"])
        where: str | None = "Q5"
    elif entry == "answers import":
        response = client.post(
            f"/o/{city_a.code}/surveys/{survey.pk}/",
            {
                "action": "import",
                "file": SimpleUploadedFile("a.csv", csv),
                "respondent_column": "respondent",
                "department_column": "department",
            },
            headers=EN,
        )
        said = Said(response.status_code, response.context["import_errors"], [])
        where = None
        assert any('Row 2, column "Q5"' in m for m in said.messages)
    else:
        response = client.post(
            f"/api/organisations/{city_a.code}/surveys/{survey.pk}/answers",
            {"file": SimpleUploadedFile("a.csv", csv)},
            headers=EN,
        )
        said = Said(response.status_code, [e["msg"] for e in response.json()["errors"]], [])
        where = None
    _assert_refused(said, ANSWER, where, entry)
    assert not Answer.objects.exists() and not ImportedAnswer.objects.exists()


def test_a_submission_missing_an_answer_names_each_question_and_saves_nothing(client, survey):
    from dxtalent.web.surveys.models import Answer

    response = client.post(f"/s/{survey.token}/", {"action": "submit"}, headers=EN)
    assert response.status_code == 400
    errors = response.context["errors"]
    assert errors and all(message.startswith("not answered;") for message in errors.values())
    assert not Answer.objects.exists()


# --- Coded passages -----------------------------------------------------------------------------

PASSAGE = "the passage 16–14 is not within the text"


def _qdpx_with_passage(start: int, end: int) -> bytes:
    from dxtalent.core.interviews.codebook import shipped_codebook
    from dxtalent.core.interviews.project import (
        Coding,
        Project,
        Selection,
        TextSource,
        User,
        project_to_qdpx,
    )

    book = shipped_codebook("ja")
    g = "{:08x}-0000-4000-8000-{:012x}".format
    return project_to_qdpx(
        Project(
            "合成",
            book,
            users=(User(g(1, 1), "ana"),),
            sources=(TextSource(g(2, 2), "A市.txt", "交渉は大変だ。" * 3),),
            selections=(
                Selection(
                    g(3, 3), g(2, 2), start, end, (Coding(g(4, 4), book.codes[0].guid, g(1, 1)),)
                ),
            ),
        )
    )


@pytest.mark.parametrize("entry", ["coding form", "project import", "CLI qda import --org"])
def test_a_passage_from_16_to_14_is_refused_alike_by_every_entry_point(
    client, alice, city_a, tmp_path, entry
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from dxtalent.web.interviews import services
    from dxtalent.web.interviews.models import Coding

    client.force_login(alice)
    data = _qdpx_with_passage(16, 14)
    if entry == "coding form":
        project = services.new_project(city_a, "聞き取り")
        [source] = services.add_transcripts(project, [("A市.txt", ("交渉は大変だ。" * 3).encode())])
        code = project.codes.filter(codable=True).first()
        said = _form(
            client,
            f"/o/{city_a.code}/interviews/{project.pk}/sources/{source.pk}/",
            {"action": "add", "start": "16", "end": "14", "code": code.pk},
        )
        assert said.where == ["end"]
    elif entry == "project import":
        response = client.post(
            f"/o/{city_a.code}/interviews/",
            {"file": SimpleUploadedFile("p.qdpx", data)},
            headers=EN,
            follow=True,
        )
        # The project is stored with what the file carries; the passage is left out, noted.
        said = Said(400, [str(m) for m in response.context["messages"]], [])
    else:
        path = tmp_path / "p.qdpx"
        path.write_bytes(data)
        result = CliRunner().invoke(app, ["qda", "import", str(path), "--org", city_a.code])
        assert result.exit_code == 0, result.output
        said = Said(400, [flat(result.output)], [])
    _assert_refused(said, PASSAGE, None, entry)
    assert not Coding.objects.exists()


def test_a_position_that_is_not_a_number_is_a_form_error_not_a_server_error(client, alice, city_a):
    from dxtalent.web.interviews import services

    client.force_login(alice)
    project = services.new_project(city_a, "聞き取り")
    [source] = services.add_transcripts(project, [("A市.txt", "交渉は大変だ。".encode())])
    code = project.codes.filter(codable=True).first()
    said = _form(
        client,
        f"/o/{city_a.code}/interviews/{project.pk}/sources/{source.pk}/",
        {"action": "add", "start": "abc", "end": "2", "code": code.pk},
    )
    assert said.status == 400 and said.where == ["start"]
    assert '"abc" is not a position; give a whole number of characters from 0 to 7' in said.messages
