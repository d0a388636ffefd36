from collections import Counter

import pytest

from dxtalent.core.organisations.codes import check_digit
from dxtalent.web.organisations.models import Organisation
from dxtalent.web.organisations.services import read_local_governments, sync_local_governments

pytestmark = pytest.mark.django_db


def _governments():
    return Organisation.objects.local_governments().filter(is_synthetic=False)


def test_the_list_has_1788_governments_with_unique_valid_codes():
    codes = list(_governments().values_list("code", flat=True))
    assert len(codes) == 1788 == len(set(codes))
    assert all(code[5] == check_digit(code[:5]) for code in codes)


def test_there_are_47_prefectures_and_1741_municipalities_of_known_kinds():
    kinds = Counter(_governments().values_list("kind", flat=True))
    assert kinds["prefecture"] == 47
    assert sum(kinds.values()) - kinds["prefecture"] == 1741
    assert (kinds["designated_city"], kinds["special_ward"]) == (20, 23)
    assert kinds["designated_city"] + kinds["city"] == 792
    assert (kinds["town"], kinds["village"]) == (743, 183)


def test_every_municipality_belongs_to_an_existing_prefecture():
    municipalities = _governments().exclude(kind="prefecture")
    assert not municipalities.filter(prefecture__isnull=True).exists()
    assert set(municipalities.values_list("prefecture__kind", flat=True)) == {"prefecture"}
    assert Organisation.objects.get(code="342122").prefecture.name == "広島県"


def test_syncing_again_changes_nothing_and_restores_an_edited_name():
    Organisation.objects.filter(code="281000").update(name="神戸")
    result = sync_local_governments()
    assert (result.created, result.updated, result.total) == (0, 1, 1788)
    assert Organisation.objects.get(code="281000").name == "神戸市"


def test_the_list_comes_from_the_shipped_census_without_any_reading_package():
    governments = read_local_governments(kana={})
    assert len(governments) == 1788
    sapporo = next(g for g in governments if g.code == "011002")
    assert (sapporo.name, sapporo.kind.value, sapporo.kana) == ("札幌市", "designated_city", "")


def test_an_unknown_reading_never_erases_a_known_one():
    Organisation.objects.filter(code="011002").update(kana="サッポロシ")
    result = sync_local_governments(governments=read_local_governments(kana={}))
    assert result.updated == 0
    assert Organisation.objects.get(code="011002").kana == "サッポロシ"


def test_a_reading_when_known_is_stored_in_katakana():
    Organisation.objects.filter(code="011002").update(kana="")
    sync_local_governments(governments=read_local_governments(kana={"011002": "ｻｯﾎﾟﾛｼ"}))
    assert Organisation.objects.get(code="011002").kana == "サッポロシ"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("東広島", "342122"),
        ("ひがしひろしま", "342122"),
        ("ﾋｶﾞｼﾋﾛｼﾏ", "342122"),
        ("34212", "342122"),
        ("342122", "342122"),
    ],
)
def test_search_finds_by_name_kana_and_code(query, expected):
    Organisation.objects.filter(code=expected).update(kana="ヒガシヒロシマシ")
    assert expected in Organisation.objects.search(query).values_list("code", flat=True)


def test_the_directory_page_searches_and_returns_an_htmx_fragment(client, alice):
    client.force_login(alice)
    page = client.get("/organisations/", {"q": "こうべ"})
    assert page.status_code == 200
    assert "神戸市" in page.content.decode()
    fragment = client.get("/organisations/", {"q": "こうべ"}, HTTP_HX_REQUEST="true")
    assert "神戸市" in fragment.content.decode()
    assert "<html" not in fragment.content.decode()


def test_the_directory_hides_other_organisations_of_which_the_user_is_not_a_member(
    client, alice, charlie
):
    from dxtalent.web.organisations.services import create_organisation

    create_organisation(user=charlie, code="kobe-lab", name="神戸デジタル研究所", kind="research")
    client.force_login(alice)
    assert (
        "神戸デジタル研究所"
        not in client.get("/organisations/", {"q": "デジタル研究所"}).content.decode()
    )
    client.force_login(charlie)
    assert (
        "神戸デジタル研究所"
        in client.get("/organisations/", {"q": "デジタル研究所"}).content.decode()
    )


def test_the_api_search_paginates_and_hides_non_member_organisations(client, alice, charlie):
    from dxtalent.web.organisations.services import create_organisation

    create_organisation(user=charlie, code="kobe-lab", name="神戸デジタル研究所", kind="research")
    client.force_login(alice)
    body = client.get("/api/organisations", {"q": "神戸"}).json()
    codes = [item["code"] for item in body["items"]]
    assert "281000" in codes and "213811" in codes  # 神戸市 and 神戸町 (Gifu)
    assert "kobe-lab" not in codes
    everything = client.get("/api/organisations", {"limit": 10}).json()
    assert everything["count"] == 1788 and len(everything["items"]) == 10


def test_the_directory_varies_on_htmx_so_caches_keep_page_and_fragment_apart(client, alice):
    client.force_login(alice)
    assert "HX-Request" in client.get("/organisations/")["Vary"]
