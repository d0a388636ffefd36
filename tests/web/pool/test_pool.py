"""The prefecture's side of the talent pool: sharing, the aggregate scope, requests and their
import, the allocation and the aggregates with small cells suppressed."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from dxtalent.core.diagnostics import paper_capabilities
from dxtalent.web.audit.models import AuditEvent
from dxtalent.web.organisations.access import aggregate_scope_for
from dxtalent.web.organisations.models import Role
from dxtalent.web.pool import figures, services
from dxtalent.web.pool.models import AllocationRun, PoolRequest, Professional

pytestmark = pytest.mark.django_db


def _share(*organisations):
    for organisation in organisations:
        services.set_sharing(organisation, True)


# --- Sharing ------------------------------------------------------------------------------


def test_an_administrator_turns_sharing_on_and_off_and_each_change_is_audited(client, dana, city_a):
    client.force_login(dana)
    client.post(f"/o/{city_a.code}/pool/sharing/", {"with_prefecture": "on"})
    assert services.sharing_of(city_a)
    client.post(f"/o/{city_a.code}/pool/sharing/", {})
    assert not services.sharing_of(city_a)
    events = AuditEvent.objects.filter(
        organisation=city_a, model="pool.Sharing", action="update", user=dana
    ).order_by("at", "pk")
    assert [e.changes["with_prefecture"] for e in events] == [[False, True], [True, False]]


def test_an_editor_cannot_turn_sharing_on(client, alice, city_a):
    client.force_login(alice)
    response = client.post(f"/o/{city_a.code}/pool/sharing/", {"with_prefecture": "on"})
    assert response.status_code == 403
    assert not services.sharing_of(city_a)


# --- The aggregate scope, table-driven ----------------------------------------------------


@pytest.fixture
def scope_world(pete, pia, hugo, alice, city_a, city_b, hiroshima, hiroshima_towns):
    sharing_town, silent_town = hiroshima_towns[0], hiroshima_towns[1]
    _share(city_a, sharing_town, city_b)  # city B shares with Hyogo, not Hiroshima
    return {
        "pete": pete,
        "pia": pia,
        "hugo": hugo,
        "alice": alice,
        "hiroshima": hiroshima.code,
        "city_a": city_a.code,
        "expected": sorted([city_a.code, sharing_town.code]),
        "silent": silent_town.code,
        "city_b": city_b.code,
    }


SCOPE_CASES = [
    # user, organisation, role needed, outcome
    ("pete", "hiroshima", Role.VIEWER, "scope"),
    ("pia", "hiroshima", Role.VIEWER, "scope"),
    ("pia", "hiroshima", Role.EDITOR, 403),
    ("hugo", "hiroshima", Role.VIEWER, 404),  # another prefecture's member
    ("alice", "hiroshima", Role.VIEWER, 404),  # a member of a municipality of it
    ("alice", "city_a", Role.VIEWER, 404),  # a municipality is no prefecture
    ("pete", "city_a", Role.VIEWER, 404),  # nor does the prefecture open its municipality
]


@pytest.mark.parametrize(("user", "organisation", "need", "outcome"), SCOPE_CASES)
def test_the_aggregate_scope_is_the_prefectures_sharing_municipalities_only(
    scope_world, user, organisation, need, outcome
):
    code = scope_world[organisation]
    if outcome == 404:
        with pytest.raises(Http404):
            aggregate_scope_for(scope_world[user], code, need)
    elif outcome == 403:
        with pytest.raises(PermissionDenied):
            aggregate_scope_for(scope_world[user], code, need)
    else:
        scope = aggregate_scope_for(scope_world[user], code, need)
        codes = [m.code for m in scope.municipalities]
        assert codes == scope_world["expected"]
        assert scope_world["silent"] not in codes and scope_world["city_b"] not in codes


def test_a_prefecture_member_cannot_open_a_municipalitys_own_pages(client, pete, city_a):
    client.force_login(pete)
    _share(city_a)
    assert client.get(f"/o/{city_a.code}/people/").status_code == 404
    assert client.get(f"/api/organisations/{city_a.code}/diagnosis").status_code == 404


# --- Aggregates with small-cell suppression -----------------------------------------------


def _staff(organisation, count, prefix, leaving=False):
    """`count` people posted in the organisation's DX department (the team a diagnosis reads)."""
    from dxtalent.web.people.models import Department, Person, Post

    department, _created = Department.objects.get_or_create(
        organisation=organisation, code="DX", defaults={"name": "DX推進課", "is_dx": True}
    )
    for i in range(count):
        person = Person.objects.create(
            organisation=organisation,
            external_id=f"{prefix}{i}",
            family_name=f"{prefix}姓{i}",
            contract_end=dt.date.today() + dt.timedelta(days=60) if leaving else None,
        )
        Post.objects.create(
            organisation=organisation,
            person=person,
            department=department,
            started_on=dt.date.today() - dt.timedelta(days=400),
        )


@pytest.fixture
def four_sharing(hiroshima_towns, city_a):
    town, second, third = hiroshima_towns[0], hiroshima_towns[-1], hiroshima_towns[-2]
    _staff(town, 1, "唯一", leaving=True)  # the town's single DX staff member, leaving
    _staff(city_a, 3, "東")
    _staff(second, 5, "二")
    _staff(third, 6, "三")
    _share(town, city_a, second, third)
    return town, city_a, second, third


def test_a_town_whose_single_staff_member_would_be_identifiable_is_suppressed_with_differencing(
    client, pia, hiroshima, four_sharing
):
    town, city_a, second, third = four_sharing
    client.force_login(pia)
    response = client.get(f"/o/{hiroshima.code}/pool/aggregates/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "唯一姓0" not in page and "東姓0" not in page  # never a named person
    assert 'id="suppression-rule"' in page and "3" in page
    data = client.get(f"/api/organisations/{hiroshima.code}/pool/aggregates").json()
    rows = {r["municipality"]: r for r in data["rows"]}
    assert rows[town.code]["figures"] is None
    assert rows[town.code]["suppressed"] == "few_people"
    # City A (3 people, the smallest of the others) is hidden too: the total minus the rows
    # shown is then the sum of two municipalities, not the town's departure.
    assert rows[city_a.code]["suppressed"] == "differencing"
    assert rows[second.code]["figures"] is not None and rows[third.code]["figures"] is not None
    shown = sum(r["figures"]["departures"] for r in data["rows"] if r["figures"])
    assert data["total"]["departures"] == 1
    assert data["total"]["departures"] - shown == 1  # from two hidden municipalities
    hidden = [r for r in data["rows"] if r["figures"] is None]
    assert len(hidden) == 2


def test_a_municipality_that_does_not_share_is_not_counted(client, pia, hiroshima, four_sharing):
    town = four_sharing[0]
    services.set_sharing(town, False)
    client.force_login(pia)
    data = client.get(f"/api/organisations/{hiroshima.code}/pool/aggregates").json()
    assert town.code not in {r["municipality"] for r in data["rows"]}
    assert data["total"]["departures"] == 0


def test_a_town_that_begins_sharing_is_not_given_away_by_the_difference_from_last_month(
    client, pia, hiroshima, four_sharing
):
    town = four_sharing[0]
    services.set_sharing(town, False)
    client.force_login(pia)
    url = f"/api/organisations/{hiroshima.code}/pool/aggregates"
    last_month = client.get(url).json()
    assert last_month["total"]["departures"] == 0  # three cities, nobody leaving
    # The town shares from this month: its one DX staff member is leaving. This month's
    # total minus last month's would be the town's departure.
    services.set_sharing(town, True)
    this_month = client.get(url).json()
    assert this_month["total"] is None
    assert this_month["total_suppressed"] == "views_differ"
    rows = {r["municipality"]: r for r in this_month["rows"]}
    assert rows[town.code]["figures"] is None
    page = client.get(f"/o/{hiroshima.code}/pool/aggregates/").content.decode()
    assert 'id="total-suppressed"' in page


# --- Requests -----------------------------------------------------------------------------


def test_an_editor_files_a_request_and_bad_input_is_named(client, alice, city_a):
    client.force_login(alice)
    ok = {
        "fiscal_year": 2026,
        "capability": "MIC-R-PM",
        "level": 2,
        "days_per_month": "2",
        "months": [4, 5, 6],
        "priority": 1,
        "reason": "基幹業務システムの標準化",
    }
    client.post(f"/o/{city_a.code}/pool/requests/", ok)
    request = PoolRequest.objects.get(organisation=city_a)
    assert request.months == [4, 5, 6] and request.capability == "MIC-R-PM"
    response = client.post(f"/o/{city_a.code}/pool/requests/", {**ok, "level": 7}, follow=True)
    assert PoolRequest.objects.count() == 1
    assert "4" in response.content.decode()  # the accepted maximum is named
    page = client.get(f"/o/{city_a.code}/pool/").content.decode()
    assert "プロジェクトマネージャー" in page or "Project manager" in page
    # The request reads as an officer writes it: the fiscal year and its months as a range.
    assert "2026年度（令和8年度）" in page and "4〜6月" in page
    english = client.get(f"/o/{city_a.code}/pool/", headers={"Accept-Language": "en"})
    assert "FY2026" in english.content.decode() and "Apr–Jun" in english.content.decode()


def _upload(text, name="requests.csv"):
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def _import(client, prefecture, text):
    """POST a requests file for FY2026 to the prefecture's pool; the page it leads to."""
    return client.post(
        f"/o/{prefecture.code}/pool/import/",
        {"fiscal_year": 2026, "file": _upload(text)},
        follow=True,
    ).content.decode()


def test_an_import_is_all_or_nothing_and_names_each_bad_cell(client, pete, hiroshima, city_a):
    client.force_login(pete)
    text = (
        "市区町村,能力,レベル,月日数,月,優先度,理由\n"
        "342122,MIC-R-PM,2,2,4-9,1,標準化\n"
        "神戸市,MIC-R-PM,2,2,4-9,1,\n"
        "342122,MIC-R-XX,9,2,13,1,\n"
    )
    page = _import(client, hiroshima, text)
    assert PoolRequest.objects.count() == 0
    assert "神戸市" in page  # not a municipality of Hiroshima
    assert "MIC-R-XX" in page and "13" in page
    good = "市区町村,能力,レベル,月日数,月\n東広島市,MIC-R-PM,2,2,all\n"
    _import(client, hiroshima, good)
    imported = PoolRequest.objects.get()
    assert imported.organisation == city_a
    assert imported.months == [4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3]


def test_a_file_names_each_capability_as_the_pages_do(client, pete, hiroshima, city_a):
    # What the officer reads on the pages, in Japanese or English, or the code.
    client.force_login(pete)
    text = (
        "市区町村,能力,レベル,月日数,月\n"
        "東広島市,プロジェクトマネージャー,2,2,all\n"
        "東広島市,specification writing,3,1,4-6\n"
        "東広島市,ＣＯ－ＣＡＰ－ＮＥＧＯ,2,1,10-12\n"
    )
    _import(client, hiroshima, text)
    assert sorted(PoolRequest.objects.values_list("capability", flat=True)) == [
        "CO-CAP-NEGO",
        "CO-CAP-SPEC",
        "MIC-R-PM",
    ]
    # A name it does not know is refused with every accepted spelling, and nothing is written.
    PoolRequest.objects.all().delete()
    wrong = "市区町村,能力,レベル,月日数,月\n東広島市,データ分析,2,2,all\n"
    page = _import(client, hiroshima, wrong)
    assert "データ分析" in page and "仕様書作成" in page and "CO-CAP-SPEC" in page
    assert not PoolRequest.objects.exists()


# --- Allocation ---------------------------------------------------------------------------


@pytest.fixture
def pool_world(hiroshima, city_a, hiroshima_towns):
    town = hiroshima_towns[0]
    yamada = Professional.objects.create(
        organisation=hiroshima,
        name="山田 花子",
        levels={"MIC-R-PM": 3},
        days_per_month=4,
        remote=False,
        employment_form="secondee",
    )
    yamada.reaches.set([town])
    for organisation, capability in ((town, "MIC-R-PM"), (city_a, "MIC-R-PM"), (town, "MIC-R-SD")):
        PoolRequest.objects.create(
            organisation=organisation,
            fiscal_year=2026,
            capability=capability,
            level=2,
            days_per_month=2,
            months=[4, 5],
        )
    return town


def test_the_allocation_page_shows_names_and_every_unmet_request_with_its_reason(
    client, pete, pia, hiroshima, city_a, pool_world
):
    town = pool_world
    client.force_login(pete)
    response = client.post(
        f"/o/{hiroshima.code}/pool/allocation/", {"fiscal_year": 2026, "small_weight": "1.5"}
    )
    assert response.status_code == 302
    run = AllocationRun.objects.get()
    assert run.result["status"] == "optimal"
    reasons = {(u["municipality"], u["capability"]): u["reason"] for u in run.result["unmet"]}
    assert reasons == {
        (city_a.code, "MIC-R-PM"): "out_of_reach",
        (town.code, "MIC-R-SD"): "no_skill",
    }
    assert AuditEvent.objects.filter(organisation=hiroshima, model="pool.AllocationRun").exists()
    client.force_login(pia)
    page = client.get(f"/o/{hiroshima.code}/pool/allocation/").content.decode()
    assert "山田 花子" in page and town.name in page and city_a.name in page
    assert "no_skill" not in page
    assert ("cannot reach" in page) or ("届きません" in page or "対応できません" in page)
    export = client.get(f"/o/{hiroshima.code}/pool/allocation.xlsx")
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(export.content))
    cells = [c for row in workbook.worksheets[0].iter_rows(values_only=True) for c in row]
    assert "山田 花子" in cells and town.name in cells


def test_the_allocation_reads_in_the_readers_language_with_its_months_as_runs(
    client, pete, hiroshima, pool_world
):
    """The run stores the words of the day it ran; a reader in English sees the capabilities
    and reasons in English, and a professional's months as "Apr–May", not a line a month."""
    town = pool_world
    client.force_login(pete)
    client.post(
        f"/o/{hiroshima.code}/pool/allocation/",
        {"fiscal_year": 2026, "small_weight": "1.5"},
        HTTP_ACCEPT_LANGUAGE="ja",
    )
    names = {c.code: c.name for c in paper_capabilities()}
    japanese = client.get(
        f"/o/{hiroshima.code}/pool/allocation/", HTTP_ACCEPT_LANGUAGE="ja"
    ).content.decode()
    assert f"4〜5月：{town.name}（{names['MIC-R-PM'].ja}、月2日）" in japanese
    english = client.get(
        f"/o/{hiroshima.code}/pool/allocation/", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert f"Apr–May: {town.name} ({names['MIC-R-PM'].en}, 2 days a month)" in english
    assert names["MIC-R-SD"].en in english and names["MIC-R-SD"].ja not in english


def test_the_api_allocates_with_status_assignments_and_unmet_reasons(
    client, pete, hiroshima, pool_world
):
    client.force_login(pete)
    response = client.post(
        f"/api/organisations/{hiroshima.code}/pool/allocation",
        data={"fiscal_year": 2026, "fairness": True},
        content_type="application/json",
    )
    assert response.status_code == 201
    data = response.json()
    assert data["status"] == "optimal"
    assert sum(a["days"] for a in data["assignments"]) == pytest.approx(4.0)
    assert all(u["reason"] and u["reason_text"] for u in data["unmet"])
    assert {a["month"] for a in data["assignments"]} == {4, 5}


def test_a_municipality_has_no_allocation_page(client, alice, city_a):
    client.force_login(alice)
    assert client.get(f"/o/{city_a.code}/pool/allocation/").status_code == 404


def test_the_command_line_allocates_and_prints_json_with_reasons(hiroshima, pool_world):
    import json

    from typer.testing import CliRunner

    from dxtalent.cli import app

    result = CliRunner().invoke(
        app, ["pool", "allocate", "--prefecture", hiroshima.code, "--fiscal-year", "2026", "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["status"] == "optimal"
    assert {u["reason"] for u in data["unmet"]} == {"out_of_reach", "no_skill"}
    assert AuditEvent.objects.filter(model="pool.AllocationRun", actor="cli").exists()
    refused = CliRunner().invoke(app, ["pool", "allocate", "--prefecture", "342122"])
    assert refused.exit_code == 2 and "not a prefecture" in refused.output


def test_an_editor_adds_a_professional_and_one_without_reach_or_level_is_refused(
    client, pete, hiroshima, hiroshima_towns
):
    client.force_login(pete)
    town = hiroshima_towns[0]
    base = {
        "name": "高橋 葵",
        "days_per_month": "4",
        "term_months": 6,
        "employment_form": "fixed_term",
        "cost_per_day": 30000,
        "payer": "shared",
    }
    refused = client.post(f"/o/{hiroshima.code}/pool/professionals/", base, follow=True)
    page = refused.content.decode()
    assert Professional.objects.count() == 0
    assert ("remote" in page) or ("リモート" in page)
    client.post(
        f"/o/{hiroshima.code}/pool/professionals/",
        {**base, "reaches": [town.pk], "level_CO-CAP-SPEC": 3},
    )
    professional = Professional.objects.get()
    assert professional.levels == {"CO-CAP-SPEC": 3}
    assert list(professional.reaches.all()) == [town]
    page = client.get(f"/o/{hiroshima.code}/pool/").content.decode()
    assert "高橋 葵" in page and town.name in page


def test_a_prefecture_cannot_be_reached_beyond_its_own_municipalities(
    client, pete, hiroshima, city_b
):
    client.force_login(pete)
    client.post(
        f"/o/{hiroshima.code}/pool/professionals/",
        {
            "name": "伊藤 蓮",
            "days_per_month": "4",
            "term_months": 12,
            "employment_form": "contractor",
            "cost_per_day": 0,
            "payer": "prefecture",
            "reaches": [city_b.pk],
            "level_MIC-R-PM": 2,
        },
    )
    assert Professional.objects.count() == 0


@pytest.mark.parametrize(
    ("written", "months"),
    [
        ("4-6", [4, 5, 6]),
        ("10-3", [10, 11, 12, 1, 2, 3]),
        ("1,4、5", [4, 5, 1]),
        ("全月", [4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3]),
    ],
)
def test_months_are_read_in_fiscal_year_order(written, months):
    assert services.months_of(written) == months


@pytest.mark.parametrize("written", ["3-4", "13", "April", "", "4-"])
def test_months_outside_the_fiscal_year_or_unreadable_are_refused(written):
    with pytest.raises(ValueError):
        services.months_of(written)


def test_the_api_refuses_a_request_naming_the_field(client, alice, city_a):
    client.force_login(alice)
    response = client.post(
        f"/api/organisations/{city_a.code}/pool/requests",
        data={
            "fiscal_year": 2026,
            "capability": "NOPE",
            "level": 2,
            "days_per_month": 2,
            "months": [4],
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert ["body", "capability"] in [e["loc"] for e in response.json()["errors"]]
    assert PoolRequest.objects.count() == 0


def test_the_pool_pages_label_every_control_and_have_one_h1(
    client, dana, pam, city_a, hiroshima, pool_world
):
    from tests.web.test_accessibility import Controls, unlabelled

    services.allocate(hiroshima, 2026)
    pages = [
        (dana, f"/o/{city_a.code}/pool/"),
        (pam, f"/o/{hiroshima.code}/pool/"),
        (pam, f"/o/{hiroshima.code}/pool/allocation/"),
        (pam, f"/o/{hiroshima.code}/pool/aggregates/"),
    ]
    problems = {}
    for user, path in pages:
        client.force_login(user)
        html = client.get(path).content.decode()
        parser = Controls()
        parser.feed(html)
        if unlabelled(html) or parser.h1 != 1:
            problems[path] = (unlabelled(html), parser.h1)
    assert problems == {}


def test_an_accepted_allocation_counts_in_the_municipalitys_diagnosis(
    client, pete, hiroshima, pool_world
):
    from dxtalent.web.diagnostics import services as diagnostics

    town = pool_world
    year = services.current_fiscal_year()
    PoolRequest.objects.update(fiscal_year=year)
    run = services.allocate(hiroshima, year)

    def pool_days():
        data = diagnostics.report_json(diagnostics.diagnose(town, runs=10))
        return data["small_municipality"]["shared_resources"]["prefecture_pool_days"]

    assert pool_days() == 0  # not accepted yet
    client.force_login(pete)
    response = client.post(f"/o/{hiroshima.code}/pool/allocation/{run.pk}/accept/")
    assert response.status_code == 302
    run.refresh_from_db()
    assert run.accepted_at is not None
    assert services.allocated_days(town, year) == pytest.approx(4.0)
    assert pool_days() == 4
    # Another allocation accepted for the year replaces it, and the trail says so.
    second = services.allocate(hiroshima, year)
    services.accept(second)
    run.refresh_from_db()
    assert run.accepted_at is None
    assert AuditEvent.objects.filter(model="pool.AllocationRun", action="update").count() >= 2


def test_systems_by_migration_phase_are_counted_where_the_register_exists_and_suppressed(
    client, pia, hiroshima, four_sharing
):
    from dxtalent.web.standardization.models import System

    town, city_a, second, third = four_sharing
    for organisation, phases in (
        (town, ["planning"]),
        (second, ["planning", "in-service"]),
        (third, ["in-service", "in-service", "migration"]),
    ):
        for i, phase in enumerate(phases):
            System.objects.create(organisation=organisation, name=f"システム{i}", phase=phase)
    client.force_login(pia)
    data = client.get(f"/api/organisations/{hiroshima.code}/pool/aggregates").json()
    rows = {r["municipality"]: r for r in data["rows"]}
    assert rows[town.code]["figures"] is None  # its one system is not shown on its own
    assert rows[second.code]["figures"]["phase:in-service"] == 1
    assert rows[third.code]["figures"]["phase:in-service"] == 2
    assert "phase:planning" not in (rows[city_a.code]["figures"] or {})  # no register
    assert data["total"]["register"] == 3
    assert data["total"]["phase:planning"] == 2 and data["total"]["phase:in-service"] == 3
    page = client.get(f"/o/{hiroshima.code}/pool/aggregates/").content.decode()
    assert "本番稼働" in page or "in service" in page


def test_a_municipalitys_figures_are_kept_until_its_data_changes(monkeypatch, city_a):
    from dxtalent.web.diagnostics import services as diagnostics

    calls = []
    original = diagnostics.report_json

    def counted(*args, **kwargs):
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(diagnostics, "report_json", counted)
    first = figures.organisation_figures(city_a)
    assert figures.organisation_figures(city_a) == first and len(calls) == 1
    PoolRequest.objects.create(
        organisation=city_a,
        fiscal_year=2026,
        capability="MIC-R-PM",
        level=2,
        days_per_month=2,
        months=[4],
    )
    changed = figures.organisation_figures(city_a)
    assert len(calls) == 2 and changed[1]["requests"] == first[1]["requests"] + 1
