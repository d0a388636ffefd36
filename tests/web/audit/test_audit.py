import pytest

from dxtalent.web.audit.actor import Actor, acting_as
from dxtalent.web.audit.models import AuditEvent
from dxtalent.web.organisations.models import Membership, Role

pytestmark = pytest.mark.django_db


def test_a_role_change_records_who_what_and_the_old_and_new_value(client, dana, bob, city_a):
    client.force_login(dana)
    membership = Membership.objects.get(user=bob)
    client.post(
        f"/organisations/{city_a.code}/members/{membership.pk}/role/", {"role": Role.EDITOR}
    )
    event = AuditEvent.objects.filter(action="update").get()
    assert (event.organisation, event.user, event.model) == (
        city_a,
        dana,
        "organisations.Membership",
    )
    assert event.changes == {"role": [Role.VIEWER, Role.EDITOR]}


def test_creates_and_deletes_are_recorded_with_their_values(dana, city_a, charlie):
    with acting_as(Actor(user=dana, label="dana")):
        membership = Membership.objects.create(user=charlie, organisation=city_a, role=Role.VIEWER)
        pk = membership.pk
        membership.delete()
    create, delete = AuditEvent.objects.filter(
        model="organisations.Membership", object_id=str(pk)
    ).order_by("id")
    assert create.action == "create" and create.changes["role"] == [None, Role.VIEWER]
    assert delete.action == "delete" and delete.changes["role"] == [Role.VIEWER, None]
    assert create.actor == "dana"


def test_a_save_that_changes_nothing_records_nothing(bob):
    membership = Membership.objects.get(user=bob)
    before = AuditEvent.objects.count()
    membership.save()
    assert AuditEvent.objects.count() == before


def test_secrets_never_reach_the_audit_trail(dana, city_a):
    from dxtalent.web.organisations.models import Invitation

    invitation, token = Invitation.issue(
        organisation=city_a, email="x@example.jp", role=Role.VIEWER, invited_by=dana
    )
    invitation.save()
    event = AuditEvent.objects.get(model="organisations.Invitation")
    assert "token_hash" not in event.changes and token not in str(event.changes)


def test_the_audit_page_shows_the_organisations_events_only(client, dana, charlie, city_a, city_b):
    with acting_as(Actor(user=None, label="cli")):
        Membership.objects.filter(user=charlie).update(role=Role.VIEWER)  # no event: bulk update
        m = Membership.objects.get(user=charlie)
        m.role = Role.ADMIN
        m.save()
    client.force_login(dana)
    page = client.get(f"/organisations/{city_a.code}/audit/").content.decode()
    assert "charlie" not in page
    assert AuditEvent.objects.filter(organisation=city_b, actor="cli").count() == 1
    api = client.get(f"/api/organisations/{city_a.code}/audit").json()
    assert api["count"] == AuditEvent.objects.filter(organisation=city_a).count() > 0


def test_the_audit_page_reads_in_labels_and_names_with_japanese_era_dates(
    client, dana, bob, city_a
):
    client.force_login(dana)
    membership = Membership.objects.get(user=bob)
    client.post(
        f"/organisations/{city_a.code}/members/{membership.pk}/role/", {"role": Role.EDITOR}
    )
    page = client.get(
        f"/organisations/{city_a.code}/audit/", HTTP_ACCEPT_LANGUAGE="ja"
    ).content.decode()
    table = page[page.index("<table") :]
    assert "organisations.Membership" not in table and "所属" in table
    assert "令和" in page
    # The role's choice names, not their numbers.
    assert "閲覧者" in page and "編集者" in page


def test_the_audit_trail_filters_by_person_kind_and_date(client, dana, bob, city_a):
    import datetime as dt

    client.force_login(dana)
    membership = Membership.objects.get(user=bob)
    client.post(
        f"/organisations/{city_a.code}/members/{membership.pk}/role/", {"role": Role.EDITOR}
    )
    url = f"/organisations/{city_a.code}/audit/"
    mine = client.get(url, {"actor": "dana", "kind": "organisations.Membership"})
    assert mine.status_code == 200 and len(mine.context["rows"]) == 1
    tomorrow = (dt.date.today() + dt.timedelta(days=2)).isoformat()
    later = client.get(url, {"since": tomorrow})
    assert later.status_code == 200 and later.context["rows"] == []
    backwards = client.get(url, {"since": tomorrow, "until": "2020-01-01"})
    assert backwards.status_code == 400


def _person_with_ratings(organisation, number, ratings):
    from dxtalent.web.people.models import Framework, Person, Rating

    framework = Framework.objects.get(code="NAKAGAWA-2025-COORDINATION")
    skill = framework.skills.get(code="CO-COMM")
    person = Person.objects.create(organisation=organisation, external_id=number, family_name="x")
    Rating.objects.bulk_create(
        Rating(organisation=organisation, person=person, skill=skill, level=2, source="self",
               rated_on="2025-04-01")
        for _ in range(ratings)
    )  # fmt: skip
    return person


def test_a_bulk_delete_is_one_event_per_record_type_with_the_number_of_rows(city_a):
    from dxtalent.web.audit.signals import bulk_change
    from dxtalent.web.people.models import Person

    for number in ("S1", "S2"):
        _person_with_ratings(city_a, number, 30)
    before = AuditEvent.objects.count()
    with acting_as(Actor(user=None, label="cli")), bulk_change("staff removed"):
        Person.objects.filter(organisation=city_a).delete()  # the ratings cascade
    events = AuditEvent.objects.order_by("id")[before:]
    assert sorted((e.model, e.action, e.changes["rows"][0]) for e in events) == [
        ("people.Person", "delete", 2),
        ("people.Rating", "delete", 60),
    ]
    assert all(e.actor == "cli" and "staff removed: " in e.object_repr for e in events)


def test_a_bulk_change_that_fails_records_nothing(city_a):
    from django.db import transaction

    from dxtalent.web.audit.signals import bulk_change
    from dxtalent.web.people.models import Person

    _person_with_ratings(city_a, "S1", 3)
    before = AuditEvent.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic(), bulk_change("failed"):
        Person.objects.filter(organisation=city_a).delete()
        raise RuntimeError("stop")
    assert AuditEvent.objects.count() == before
    assert Person.objects.filter(organisation=city_a).count() == 1


def test_outside_a_bulk_change_each_deleted_row_is_still_recorded(city_a):
    from dxtalent.web.people.models import Person

    _person_with_ratings(city_a, "S1", 3)
    before = AuditEvent.objects.filter(action="delete").count()
    Person.objects.filter(organisation=city_a).delete()
    assert AuditEvent.objects.filter(action="delete").count() - before == 4


def test_an_import_reads_in_the_trail_as_what_it_imported_with_its_rows_in_japanese(
    client, dana, city_a
):
    from django.utils import translation

    from dxtalent.web.people.imports import import_file
    from dxtalent.web.people.models import Department

    Department.objects.create(organisation=city_a, code="DX", name="DX推進課", is_dx=True)
    csv = "職員番号,姓,名,部署コード,配属日\nS001,佐藤,花子,DX,2024-04-01\n"
    with translation.override("ja"), acting_as(Actor(user=dana, label="dana")):
        import_file(city_a, "staff", csv.encode(), "職員.csv")
    client.force_login(dana)
    page = client.get(f"/organisations/{city_a.code}/audit/", HTTP_ACCEPT_LANGUAGE="ja")
    text = page.content.decode()
    assert "職員の取り込み" in text and "職員.csv（1行）" in text
    assert ">import.staff<" not in text and "rows)" not in text  # (an option's value is fine)


def test_ratings_deleted_in_bulk_are_one_event_per_organisation_and_current_levels_follow(
    city_a, city_b
):
    from dxtalent.web.people.models import CurrentLevel, Rating
    from dxtalent.web.people.services import delete_ratings, refresh_current_levels

    person = _person_with_ratings(city_a, "S1", 2)  # two self-ratings of level 2
    verified = Rating.objects.create(
        organisation=city_a,
        person=person,
        skill=Rating.objects.filter(person=person).first().skill,
        level=4,
        source="verified",
        rated_on="2024-04-01",
    )
    _person_with_ratings(city_a, "S2", 5)
    _person_with_ratings(city_b, "B1", 7)
    for organisation in (city_a, city_b):
        refresh_current_levels(organisation)
    assert CurrentLevel.objects.get(person=person).rating_id == verified.pk
    before = AuditEvent.objects.count()
    with acting_as(Actor(user=None, label="cli")):
        deleted = delete_ratings(
            Rating.objects.filter(source="verified") | Rating.objects.filter(organisation=city_b),
            "ratings withdrawn",
        )
    assert deleted == 8
    events = AuditEvent.objects.order_by("id")[before:]
    assert {e.organisation_id: (e.model, e.action, e.changes["rows"]) for e in events} == {
        city_a.pk: ("people.Rating", "delete", [1, None]),
        city_b.pk: ("people.Rating", "delete", [7, None]),
    }
    assert all(e.actor == "cli" and e.object_repr.startswith("ratings withdrawn") for e in events)
    # The verified rating counted; now the latest self-rating does, and city B has none.
    assert CurrentLevel.objects.get(person=person).level == 2
    assert not CurrentLevel.objects.filter(organisation=city_b).exists()
    assert Rating.objects.filter(organisation=city_a).count() == 7


def test_deleting_an_organisation_deletes_its_ratings_in_bulk_and_leaves_the_others(city_a, city_b):
    from dxtalent.web.organisations.models import Organisation
    from dxtalent.web.organisations.services import delete_organisations
    from dxtalent.web.people.models import CurrentLevel, Person, Rating
    from dxtalent.web.people.services import refresh_current_levels

    _person_with_ratings(city_a, "S1", 3)
    _person_with_ratings(city_b, "B1", 40)
    for organisation in (city_a, city_b):
        refresh_current_levels(organisation)
    a_events = AuditEvent.objects.filter(organisation=city_a).count()
    assert delete_organisations(Organisation.objects.filter(pk=city_b.pk), "removed") == 1
    assert not Organisation.objects.filter(pk=city_b.pk).exists()
    assert not Person.objects.filter(organisation_id=city_b.pk).exists()
    assert not Rating.objects.filter(organisation_id=city_b.pk).exists()
    assert not CurrentLevel.objects.filter(organisation_id=city_b.pk).exists()
    assert not AuditEvent.objects.filter(organisation_id=city_b.pk).exists()
    assert Rating.objects.filter(organisation=city_a).count() == 3
    assert CurrentLevel.objects.filter(organisation=city_a).count() == 1
    assert AuditEvent.objects.filter(organisation=city_a).count() == a_events


def test_the_audit_page_names_records_in_one_query_per_kind_and_shortens_long_values(
    client, dana, city_a
):
    import datetime as dt

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from dxtalent.web.people.models import Department, Person, Post
    from dxtalent.web.standardization.models import Vendor

    department = Department.objects.create(organisation=city_a, code="D", name="部署")
    vendor = Vendor.objects.create(organisation=city_a, name="事業者")

    def post(count: int, start: int) -> int:
        """Queries of the page whose newest events are `count` posts (each naming a person
        and a department) and their people."""
        for i in range(start, start + count):
            person = Person.objects.create(
                organisation=city_a, external_id=f"A{i}", family_name="監査"
            )
            Post.objects.create(
                organisation=city_a, person=person, department=department,
                started_on=dt.date(2026, 4, 1),
            )  # fmt: skip
        with CaptureQueriesContext(connection) as captured:
            page = client.get(f"/organisations/{city_a.code}/audit/", HTTP_ACCEPT_LANGUAGE="ja")
        assert page.status_code == 200 and len(page.context["rows"]) == 25
        return len(captured)

    for i in range(25):
        vendor.notes = "長い" * 300 + str(i)
        vendor.save()
    client.force_login(dana)
    assert post(1, 0) == post(12, 1)
    for _i in range(3):
        vendor.notes += "。"
        vendor.save()
    html = client.get(f"/organisations/{city_a.code}/audit/", HTTP_ACCEPT_LANGUAGE="ja")
    assert "（全" in html.content.decode() and "文字）" in html.content.decode()
    assert "長い" * 150 not in html.content.decode()


def test_times_money_and_lists_read_as_a_person_writes_them(client, dana, city_a):
    import datetime as dt

    from django.utils import timezone

    from dxtalent.web.pool.models import PoolRequest, Professional
    from dxtalent.web.standardization.models import Contract, Vendor

    with acting_as(Actor(user=None, label="cli")):
        vendor = Vendor.objects.create(organisation=city_a, name="デモ情報株式会社")
        Contract.objects.create(
            organisation=city_a,
            vendor=vendor,
            title="基幹系保守",
            starts_on=dt.date(2024, 4, 1),
            annual_cost=15_000_000,
            procurement="competitive",
        )
        request = PoolRequest.objects.create(
            organisation=city_a,
            fiscal_year=2027,
            capability="CO-CAP-SPEC",
            level=2,
            days_per_month=4,
            months=[4, 5, 6],
        )
        Professional.objects.create(
            organisation=city_a,
            name="山田 花子",
            levels={"MIC-R-PM": 3},
            days_per_month=4,
            remote=False,
            employment_form="secondee",
        )
    client.force_login(dana)
    page = client.get(
        f"/organisations/{city_a.code}/audit/", HTTP_ACCEPT_LANGUAGE="ja"
    ).content.decode()
    table = page[page.index("<table") :]
    # Yen grouped in thousands; a fiscal year stays a year; 4.0 days as 4; months as a list.
    assert "15,000,000" in table and "15000000" not in table
    assert "2027" in table and "2,027" not in table
    assert "4, 5, 6" in table and "[4, 5, 6]" not in table and "4.0" not in table
    # The capability asked for by its name, not its code.
    assert "仕様書作成" in table and "CO-CAP-SPEC" not in table
    assert "プロジェクトマネージャー：3" in table and "MIC-R-PM" not in table
    # The record's own times in local time and the Japanese era, not as stored (UTC, ISO).
    assert "+00:00" not in table
    stamp = timezone.localtime(PoolRequest.objects.get(pk=request.pk).created_at)
    assert f"令和{stamp.year - 2018}年{stamp.month}月{stamp.day}日 {stamp:%H:%M}" in table
