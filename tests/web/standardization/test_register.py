"""The organisation's register of systems, vendors and contracts: forms, pages, API, audit and
isolation (alice edits city A, bob views it, charlie belongs to city B)."""

import datetime as dt

import pytest

from dxtalent.web.audit.models import AuditEvent
from dxtalent.web.standardization.models import Contract, System, Vendor
from dxtalent.web.standardization.services import prefill_register

pytestmark = pytest.mark.django_db

REGISTER = "/o/342122/standardization/"


@pytest.fixture
def filled(city_a):
    vendor = Vendor.objects.create(organisation=city_a, name="株式会社ミライ情報")
    system = System.objects.create(
        organisation=city_a,
        business="resident-register",
        vendor=vendor,
        current_product="住記V5",
        phase="procurement",
        planned_on=dt.date(2026, 1, 4),
        cost_before=12_000_000,
    )
    contract = Contract.objects.create(
        organisation=city_a,
        vendor=vendor,
        title="基幹系運用保守",
        renewal_on=dt.date(2027, 4, 1),
        annual_cost=30_000_000,
        procurement="negotiated",
        is_renewal=True,
    )
    contract.systems.set([system])
    return {"vendor": vendor, "system": system, "contract": contract}


def test_prefill_adds_the_21_areas_unflagged_for_a_government_not_on_the_list():
    from dxtalent.web.organisations.models import Organisation
    from dxtalent.web.standardization.models import NationalListing

    listed = set(NationalListing.objects.values_list("code", flat=True))
    other = Organisation.objects.local_governments().exclude(code__in=listed).first()
    assert prefill_register(other) == 21
    systems = System.objects.filter(organisation=other)
    assert systems.count() == 21
    assert not systems.filter(migration_support=True).exists()
    assert set(systems.values_list("source", flat=True)) == {"national"}
    assert prefill_register(other) == 0  # the second time adds nothing


def test_prefill_flags_what_the_list_names_for_kobe(city_b):
    from dxtalent.web.standardization.services import national_listing

    _edition, listed = national_listing(city_b)
    prefill_register(city_b)
    flagged = set(
        System.objects.filter(organisation=city_b, migration_support=True).values_list(
            "business", flat=True
        )
    )
    assert flagged == set(listed) and flagged  # 神戸市 is on the list


def test_the_register_page_shows_names_and_where_the_flag_came_from(client, bob, city_a):
    prefill_register(city_a)
    client.force_login(bob)
    text = client.get(REGISTER, HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "住民基本台帳" in text and "resident-register" not in text
    assert "from the national list" in text or "全国一覧" in text
    assert "Add a system" not in text and "システムを追加" not in text  # bob only reads


def test_the_register_and_its_form_write_a_phases_steps_in_the_readers_language(
    client, alice, city_a
):
    prefill_register(city_a)
    client.force_login(alice)
    text = client.get(REGISTER, HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "（工程" in text and "(steps" not in text
    form = client.get(REGISTER + "systems/new/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert ">未着手（工程0）</option>" in form
    assert ">標準仕様との比較・調達準備（工程13–22）</option>" in form
    english = client.get(REGISTER + "systems/new/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "(steps 13–22)</option>" in english


def test_alice_adds_a_system_and_the_audit_trail_records_it(client, alice, city_a):
    client.force_login(alice)
    page = client.post(
        REGISTER + "systems/new/",
        {"business": "fixed-asset-tax", "phase": "planning", "cost_before": "5000000"},
    )
    assert page.status_code == 302
    system = System.objects.get(organisation=city_a, business="fixed-asset-tax")
    assert AuditEvent.objects.filter(
        organisation=city_a, model="standardization.System", object_id=str(system.pk)
    ).exists()


def test_a_negative_cost_or_a_reason_without_the_flag_is_refused_on_the_form(client, alice):
    client.force_login(alice)
    page = client.post(
        REGISTER + "systems/new/",
        {"business": "fixed-asset-tax", "phase": "planning", "reason": "mainframe"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert page.status_code == 400
    assert "not a specific migration-support system" in page.content.decode()
    assert not System.objects.exists()


def test_bob_cannot_add_a_system(client, bob):
    client.force_login(bob)
    page = client.post(
        REGISTER + "systems/new/", {"business": "fixed-asset-tax", "phase": "planning"}
    )
    assert page.status_code == 403
    assert not System.objects.exists()


def test_charlie_cannot_see_city_a_register_contracts_or_api(client, charlie, filled):
    client.force_login(charlie)
    assert client.get(REGISTER).status_code == 404
    assert client.get(REGISTER + "contracts/").status_code == 404
    assert client.get(f"{REGISTER}systems/{filled['system'].pk}/edit/").status_code == 404
    assert client.get("/api/organisations/342122/systems").status_code == 404
    assert client.get("/api/organisations/342122/contracts").status_code == 404


def test_the_contracts_page_lists_vendor_systems_and_procurement_by_name(client, bob, filled):
    client.force_login(bob)
    text = client.get(REGISTER + "contracts/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "基幹系運用保守" in text and "株式会社ミライ情報" in text
    assert "随意契約" in text and "住民基本台帳" in text


def test_the_systems_a_contract_covers_are_listed_in_the_readers_language(
    client, bob, filled, city_a
):
    tax = System.objects.create(organisation=city_a, business="fixed-asset-tax", phase="planning")
    filled["contract"].systems.add(tax)
    client.force_login(bob)
    japanese = client.get(REGISTER + "contracts/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    english = client.get(REGISTER + "contracts/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "住民基本台帳、固定資産税" in japanese or "固定資産税、住民基本台帳" in japanese
    assert "、" not in english.split("<tbody>")[1].split("</tbody>")[0]
    assert ", " in english.split("<tbody>")[1].split("</tbody>")[0]


def test_alice_adds_a_contract_and_a_single_bid_with_two_bidders_is_refused(
    client, alice, filled, city_a
):
    client.force_login(alice)
    data = {
        "title": "税務システム",
        "vendor": filled["vendor"].pk,
        "systems": [filled["system"].pk],
        "procurement": "single-bid",
        "bidders": "2",
    }
    page = client.post(REGISTER + "contracts/new/", data, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 400
    assert "single-bid" in page.content.decode()
    data["bidders"] = "1"
    assert client.post(REGISTER + "contracts/new/", data).status_code == 302
    assert Contract.objects.get(title="税務システム").systems.get() == filled["system"]


def test_the_api_lists_and_adds_systems_and_contracts(client, alice, filled):
    client.force_login(alice)
    listed = client.get("/api/organisations/342122/systems").json()
    assert [s["business"] for s in listed] == ["resident-register"]
    made = client.post(
        "/api/organisations/342122/systems",
        {"business": "戸籍", "migration_support": True, "reason": "custom-development"},
        content_type="application/json",
    )
    assert made.status_code == 201 and made.json()["business"] == "family-register"
    bad = client.post(
        "/api/organisations/342122/systems",
        {"business": "固定資産税", "cost_after": -1},
        content_type="application/json",
    )
    assert bad.status_code == 400
    assert bad.json()["errors"][0]["loc"][-1] == "cost_after"
    contract = client.post(
        "/api/organisations/342122/contracts",
        {
            "title": "戸籍システム",
            "vendor_id": filled["vendor"].pk,
            "system_ids": [made.json()["id"]],
            "procurement": "competitive",
            "bidders": 3,
        },
        content_type="application/json",
    )
    assert contract.status_code == 201, contract.json()
    assert contract.json()["system_ids"] == [made.json()["id"]]


def test_the_api_refuses_bob_writing(client, bob):
    client.force_login(bob)
    made = client.post(
        "/api/organisations/342122/vendors", {"name": "X"}, content_type="application/json"
    )
    assert made.status_code == 403


def test_the_national_api_answers_every_signed_in_user(client, charlie):
    client.force_login(charlie)
    found = client.get("/api/standardization/national").json()
    assert found["total"]["listed"] == 935 and found["total"]["governments"] == 1788


def test_the_register_compares_the_organisation_with_its_population_band(client, bob, city_a):
    from dxtalent.web.standardization.services import national_summary, peer_comparison

    peers = peer_comparison(city_a, "en")
    _edition, summary = national_summary()
    band = next(r for r in summary.by_band if r.code == city_a.population_band.code)
    assert (peers["governments"], peers["listed"]) == (band.governments, band.listed)
    assert peers["own"] >= 1  # 東広島市 is on the 2025-12 list
    client.force_login(bob)
    text = client.get(REGISTER, HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert f"{band.listed:,}" in text
    assert "同じ区分" in text  # the sentence is translated
