"""The diagnosis on the web: next steps before a departure on the personnel calendar, and the
small-municipality mode read from the census population and the shared resources."""

import datetime as dt
import re

import pytest

from dxtalent.web.diagnostics import services
from dxtalent.web.organisations.models import Membership, Organisation, Role
from dxtalent.web.organisations.services import sync_local_governments
from dxtalent.web.people.models import Department
from tests.conftest import PASSWORD
from tests.web.diagnostics.test_team import LEADER, STRONG, staff

pytestmark = pytest.mark.django_db
TOWN = "014231"  # 北海道南幌町, 7,319 people in the 2020 census
D = dt.date


@pytest.fixture
def town(db):
    return Organisation.objects.get(code=TOWN)


@pytest.fixture
def town_editor(town):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("erika", "erika@example.jp", PASSWORD)
    Membership.objects.create(user=user, organisation=town, role=Role.EDITOR)
    return user


def dx_of(organisation):
    return Department.objects.create(
        organisation=organisation, code="DX", name="情報推進係", is_dx=True
    )


def freeze(monkeypatch, day):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: day)


# --- the census population -----------------------------------------------------------------


def test_every_local_government_has_its_2020_census_population():
    assert Organisation.objects.get(code=TOWN).population == 7_319
    yubari = Organisation.objects.get(code="012092")
    assert (yubari.population, yubari.census_year) == (7_334, 2020)
    assert not Organisation.objects.local_governments().filter(population__isnull=True).exists()
    assert Organisation.objects.get(code="342122").population_band.code == "50k-200k"


def test_syncing_again_restores_an_edited_population():
    Organisation.objects.filter(code=TOWN).update(population=1)
    result = sync_local_governments()
    assert (result.created, result.updated) == (0, 1)
    assert Organisation.objects.get(code=TOWN).population == 7_319


def test_the_directory_shows_the_population_with_its_source(client, alice):
    client.force_login(alice)
    page = client.get("/organisations/", {"q": "南幌"}, HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "7,319" in page
    assert "令和2年国勢調査" in page


# --- next steps on the calendar --------------------------------------------------------------


@pytest.fixture
def leaving(city_a):
    """Higashi-Hiroshima's DX department: Sato, the third specification writer, moves on
    1 April 2027 (in post since 1 April 2023, four years); Ito is one level short."""
    dx = dx_of(city_a)
    sato = staff(city_a, dx, "佐藤", {"CO-SPEC": 3}, start=D(2023, 4, 1))
    for name in ("田中", "鈴木"):
        staff(city_a, dx, name, {"CO-SPEC": 2}, start=D(2026, 4, 1))
    staff(city_a, dx, "伊藤", {"CO-SPEC": 1}, start=D(2026, 4, 1))
    return sato


def succession(data):
    return next(
        f
        for f in data["findings"]
        if f["rule"] == "succession" and f["capability"] == "CO-CAP-SPEC"
    )


@pytest.mark.parametrize(
    ("today", "months", "phase", "defer", "training"),
    [
        ("2026-09-01", 7, "before_hearings", "open", "open"),
        ("2026-12-05", 3, "drafting", "late", "closed"),
        ("2027-03-20", 0, "after_notice", "closed", "closed"),
    ],
)
def test_the_api_gives_each_departure_its_next_steps_in_months_to_the_date(
    client, bob, city_a, leaving, today, months, phase, defer, training
):
    client.force_login(bob)
    data = client.get(
        f"/api/organisations/{city_a.code}/diagnosis", {"language": "en", "today": today}
    ).json()
    finding = succession(data)
    assert finding["departure_day"] == "2027-04-01"
    assert (finding["months_left"], finding["hr_phase"]) == (months, phase)
    steps = {s["step"]: s["status"] for s in finding["next_steps"]}
    assert (steps["defer-move"], steps["training"]) == (defer, training)
    handover = next(s for s in finding["next_steps"] if s["step"] == "handover")
    assert handover["people"][0]["name"] == "伊藤"


def test_the_team_page_lists_what_can_still_be_done_in_japanese(
    client, bob, city_a, leaving, monkeypatch
):
    freeze(monkeypatch, D(2026, 12, 5))
    client.force_login(bob)
    page = client.get(f"/o/{city_a.code}/team/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "まだできること" in page
    assert "異動（2027年4月1日）まであと3か月です。" in page
    assert "佐藤さんの異動の見送り（留任）を人事課に要望する" in page
    assert "残り3か月では修了できません" in page
    assert "間に合わない" in page and "至急" in page


def test_the_team_page_in_english_gives_the_steps_in_english(
    client, bob, city_a, leaving, monkeypatch
):
    freeze(monkeypatch, D(2026, 9, 1))
    client.force_login(bob)
    page = client.get(f"/o/{city_a.code}/team/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "What can still be done" in page
    assert "Ask 人事課 to defer 佐藤&#x27;s move" in page


def test_a_recorded_programme_that_fits_is_proposed(client, bob, city_a, leaving):
    from dxtalent.web.people.models import ProgrammeSkill, Skill, TrainingProgramme

    programme = TrainingProgramme.objects.create(
        organisation=city_a, name="仕様書作成講座", kind="internal_training", months=3
    )
    skill = Skill.objects.filter(code="CO-SPEC", framework__organisation=None).first()
    ProgrammeSkill.objects.create(organisation=city_a, programme=programme, skill=skill, to_level=2)
    report = services.diagnose(city_a, today=D(2026, 12, 5))
    finding = succession(services.report_json(report, "ja"))
    training = [s for s in finding["next_steps"] if s["step"] == "training"]
    assert [s["status"] for s in training] == ["open"]
    assert "「仕様書作成講座」（3か月）を受講する" in training[0]["message"]


# --- small municipalities ----------------------------------------------------------------------


def one_person_town(town):
    """南幌町's only DX member, at the central figure's targets, new in post."""
    staff(town, dx_of(town), "佐藤", LEADER, start=D(2026, 4, 1))


def severities(data, rule_id):
    return [f["severity"] for f in data["findings"] if f["rule"] == rule_id]


def test_a_one_person_town_is_read_as_a_small_municipality_without_critical_findings(town):
    one_person_town(town)
    data = services.report_json(services.diagnose(town, today=D(2026, 9, 1)), "ja")
    small = data["small_municipality"]
    assert small["active"] and small["population"] == 7_319 and small["dx_staff"] == 1
    assert "人口7,319人（2020年国勢調査）" in small["reason"]
    assert "令和2年国勢調査" in small["population_source"]
    assert severities(data, "specification-team") == ["warning"]
    assert not [f for f in data["findings"] if f["severity"] == "critical"]
    spec = next(f for f in data["findings"] if f["rule"] == "specification-team")
    assert "できること：都道府県の人材プールに年48日以上の支援を依頼する" in spec["message"]


def test_shared_resources_recorded_in_the_settings_cover_the_three_person_rules(
    client, town, town_editor
):
    one_person_town(town)
    client.force_login(town_editor)
    response = client.post(
        f"/o/{TOWN}/team/settings/",
        {
            "rotation_min_years": "3",
            "rotation_max_years": "5",
            "horizon_years": "5",
            "vendor_contracts": "3",
            "large_contracts": "0",
            "yearly_budget": "5000000",
            "small_municipality_mode": "auto",
            "prefecture_pool_days": "48",
            "uses_adviser": "on",
            "joint_procurement": "on",
            "enabled_rules": list(services.RULE_IDS),
        },
    )
    assert response.status_code == 302
    data = services.report_json(services.diagnose(town, today=D(2026, 9, 1)), "en")
    for rule_id in ("coordinating-staff", "specification-team"):
        assert severities(data, rule_id) == ["info"], rule_id
    team = next(row for row in data["forecast"] if row["capability"] == "CO-CAP-TEAM")
    assert (team["target"], team["paper_target"]) == (1, 3)
    page = client.get(f"/o/{TOWN}/team/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "小規模団体として読み替え" in page
    assert "都道府県の人材プール" in page and "48日" in page
    # The source of the small-municipality reading, in the reader's words.
    assert "人口5万人以下でDX・情報担当の職員が1人以下の市町村は211" in page
    shown = re.sub(r'<details class="source-quote">.*?</details>', "", page, flags=re.S)
    assert "reported in the press" not in shown and "domain-facts" not in page
    english = client.get(f"/o/{TOWN}/team/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "211 municipalities of up to 50,000 people" in english


def test_the_mode_can_be_switched_off_for_a_small_town(client, town, town_editor):
    one_person_town(town)
    profile = services.profile_of(town)
    profile.small_municipality_mode = "off"
    profile.save()
    data = services.report_json(services.diagnose(town, today=D(2026, 9, 1)), "en")
    assert not data["small_municipality"]["active"]
    assert severities(data, "specification-team") == ["critical"]


def test_a_city_above_50000_is_not_read_as_a_small_municipality(city_a):
    staff(city_a, dx_of(city_a), "佐藤", STRONG, start=D(2026, 4, 1))
    profile = services.profile_of(city_a)
    profile.prefecture_pool_days = 48
    profile.save()
    data = services.report_json(services.diagnose(city_a, today=D(2026, 9, 1)), "en")
    assert not data["small_municipality"]["active"]
    assert (
        "Not a small municipality here: population 196,608"
        in (data["small_municipality"]["reason"])
    )
    assert severities(data, "specification-team") == ["critical"]


def test_a_bad_number_of_pool_days_is_refused_on_the_form(client, town, town_editor):
    client.force_login(town_editor)
    response = client.post(
        f"/o/{TOWN}/team/settings/",
        {
            "rotation_min_years": "3",
            "rotation_max_years": "5",
            "horizon_years": "5",
            "vendor_contracts": "0",
            "large_contracts": "0",
            "yearly_budget": "0",
            "small_municipality_mode": "auto",
            "prefecture_pool_days": "-3",
        },
    )
    assert response.status_code == 400
    assert services.profile_of(town).prefecture_pool_days == 0


def test_a_viewer_cannot_record_shared_resources_and_another_city_cannot_see_them(
    client, bob, charlie, city_a
):
    client.force_login(bob)
    assert client.post(f"/o/{city_a.code}/team/settings/", {}).status_code == 403
    client.force_login(charlie)
    assert client.get(f"/o/{city_a.code}/team/settings/").status_code == 404


def test_the_settings_page_names_the_rules_and_the_shared_resources(client, town, town_editor):
    client.force_login(town_editor)
    page = client.get(f"/o/{TOWN}/team/settings/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "中心人物（司令塔）" in page
    assert "都道府県の人材プールによる支援（年間日数）" in page
    assert "近隣の団体とシステムを共同で調達している" in page
