"""Imports of the register: Japanese headers, all or nothing, every bad cell named."""

import pytest
from typer.testing import CliRunner

from dxtalent.cli import app
from dxtalent.web.audit.models import AuditEvent
from dxtalent.web.people.imports import ImportRejectedError
from dxtalent.web.standardization.imports import import_file, template
from dxtalent.web.standardization.models import Contract, System, Vendor

pytestmark = pytest.mark.django_db

SYSTEMS = (
    "業務,ベンダー,製品,移行予定日,特定移行支援,事由,年間費用\n"
    "住民基本台帳,株式会社ミライ情報,住記V5,2026-01-04,いいえ,,12000000\n"
    "戸籍,株式会社コセキ,戸籍V3,令和9年4月1日,はい,個別開発システム,8000000\n"
)
BAD_SYSTEMS = (
    "業務,ベンダー,製品,移行予定日,年間費用\n"
    "住民基本台帳,株式会社ミライ情報,住記V5,2026-02-30,1000\n"
    "上下水道,株式会社ミライ情報,水道V1,2026-01-04,1000\n"
    "固定資産税,株式会社ミライ情報,税V2,2026-01-04,-500\n"
)


def test_a_systems_file_with_japanese_headers_is_imported_in_cp932(city_a):
    result = import_file(city_a, "systems", SYSTEMS.encode("cp932"), "systems.csv")
    assert (result.created, result.updated) == (2, 0)
    family = System.objects.get(organisation=city_a, business="family-register")
    assert family.migration_support and family.reason == "custom-development"
    assert family.planned_on.isoformat() == "2027-04-01"
    assert family.vendor.name == "株式会社コセキ"
    assert family.source == "entered"
    assert AuditEvent.objects.filter(organisation=city_a, model="import.systems").exists()


def test_a_wrong_date_an_unknown_business_and_a_negative_cost_are_named_and_nothing_written(
    city_a,
):
    with pytest.raises(ImportRejectedError) as caught:
        import_file(city_a, "systems", BAD_SYSTEMS.encode(), "bad.csv")
    found = {(e.row, e.column) for e in caught.value.errors}
    assert (2, "移行予定日") in found
    assert (3, "業務") in found
    assert (4, "年間費用") in found
    text = str(caught.value)
    assert "2026-02-30" in text and "上下水道" in text and "-500" in text
    assert not System.objects.exists()
    assert not Vendor.objects.exists()


def test_a_contracts_file_links_the_systems_it_covers(city_a):
    import_file(city_a, "systems", SYSTEMS.encode(), "systems.csv")
    contracts = (
        "契約名,ベンダー,対象業務,契約終了日,更新日,年間費用,調達方法,応札者数,更新契約\n"
        "住記運用,株式会社ミライ情報,住民基本台帳,2027-03-31,2027-04-01,30000000,随意契約,1,はい\n"
    )
    result = import_file(city_a, "contracts", contracts.encode(), "contracts.csv")
    assert result.created == 1
    contract = Contract.objects.get(organisation=city_a)
    assert contract.procurement == "negotiated" and contract.is_renewal
    assert list(contract.systems.values_list("business", flat=True)) == ["resident-register"]


def test_a_contract_for_a_system_not_in_the_register_is_refused(city_a):
    contracts = "契約名,ベンダー,対象業務,調達方法\n税務,A社,固定資産税,競争\n"
    from django.utils import translation

    with translation.override("en"), pytest.raises(ImportRejectedError) as caught:
        import_file(city_a, "contracts", contracts.encode(), "contracts.csv")
    assert '"固定資産税" is not in the register' in str(caught.value)
    assert not Contract.objects.exists()


def test_the_command_imports_systems_and_exits_2_on_a_bad_file(tmp_path, city_a):
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_text(SYSTEMS, encoding="utf-8")
    bad.write_text(BAD_SYSTEMS, encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["import", "systems", str(good), "--org", city_a.code])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["import", "systems", str(bad), "--org", city_a.code])
    assert result.exit_code == 2
    assert "nothing was written" in result.output
    assert System.objects.filter(organisation=city_a).count() == 2


def test_the_templates_have_the_japanese_example_rows_and_the_readers_headers():
    japanese = template("systems", "csv", "ja").decode("utf-8-sig")
    assert "住民基本台帳" in japanese
    assert japanese.splitlines()[0].startswith("業務,システム名,ベンダー,")
    english = template("systems", "csv", "en").decode("utf-8-sig")
    assert english.splitlines()[0].startswith("business,name,vendor,")
    assert template("contracts", "xlsx", "ja")[:2] == b"PK"


def test_the_web_import_names_each_bad_cell_and_writes_nothing(client, alice, city_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(alice)
    upload = SimpleUploadedFile("bad.csv", BAD_SYSTEMS.encode("cp932"), "text/csv")
    page = client.post(
        "/o/342122/standardization/import/",
        {"kind": "systems", "file": upload},
        HTTP_ACCEPT_LANGUAGE="ja",
    )
    assert page.status_code == 400
    text = page.content.decode()
    assert "上下水道" in text and "2026-02-30" in text and "-500" in text
    assert not System.objects.exists()
    good = SimpleUploadedFile("systems.csv", SYSTEMS.encode(), "text/csv")
    page = client.post("/o/342122/standardization/import/", {"kind": "systems", "file": good})
    assert page.status_code == 302
    assert System.objects.filter(organisation=city_a).count() == 2


def test_an_exported_register_imports_back_unchanged_into_another_organisation(city_a, city_b):
    from dxtalent.web.standardization.imports import export

    import_file(city_a, "systems", SYSTEMS.encode(), "systems.csv")
    contracts = (
        "契約名,ベンダー,対象業務,更新日,年間費用,調達方法,応札者数,更新契約\n"
        "住記運用,株式会社ミライ情報,住民基本台帳;戸籍,2027-04-01,30000000,一者応札,1,はい\n"
    )
    import_file(city_a, "contracts", contracts.encode(), "contracts.csv")
    for kind in ("systems", "contracts"):
        import_file(city_b, kind, export(city_a, kind, "xlsx"), f"{kind}.xlsx")
    fields = (
        "business",
        "vendor__name",
        "planned_on",
        "migration_support",
        "reason",
        "cost_before",
    )
    assert list(
        System.objects.filter(organisation=city_b).order_by("business").values(*fields)
    ) == list(System.objects.filter(organisation=city_a).order_by("business").values(*fields))
    copied = Contract.objects.get(organisation=city_b)
    assert (copied.procurement, copied.bidders, copied.is_renewal) == ("single-bid", 1, True)
    assert sorted(copied.systems.values_list("business", flat=True)) == [
        "family-register",
        "resident-register",
    ]


def test_phases_and_procurements_are_read_and_written_by_their_japanese_names_in_any_language(
    city_a,
):
    from django.utils import translation

    from dxtalent.web.standardization.imports import export

    systems = "業務,移行段階\n住民基本台帳,計画・現行調査\n戸籍,本番稼働\n"
    contracts = "契約名,ベンダー,調達方法\n保守,株式会社ミライ情報,競争（入札・プロポーザル）\n"
    with translation.override("en"):
        import_file(city_a, "systems", systems.encode(), "systems.csv")
        import_file(city_a, "contracts", contracts.encode(), "contracts.csv")
        written = export(city_a, "systems", "csv").decode("utf-8-sig")
    phases = dict(System.objects.filter(organisation=city_a).values_list("business", "phase"))
    assert phases == {"resident-register": "planning", "family-register": "in-service"}
    assert Contract.objects.get(organisation=city_a).procurement == "competitive"
    assert "計画・現行調査" in written and "本番稼働" in written


def test_the_phase_and_procurement_columns_list_the_catalogues_japanese_names():
    from django.utils import translation

    from dxtalent.core.standardization.register import PHASES, PROCUREMENT_NAMES, Procurement
    from dxtalent.web.standardization.imports import CONTRACT_COLUMNS, SYSTEM_COLUMNS

    columns = {c.name: c for c in (*SYSTEM_COLUMNS, *CONTRACT_COLUMNS)}
    with translation.override("en"):
        phase = columns["phase"].accepted.render()
        procurement = columns["procurement"].accepted.render()
    assert all(f'"{p.name.ja}"' in phase for p in PHASES)
    assert all(f'"{PROCUREMENT_NAMES[p].ja}"' in procurement for p in Procurement)
