"""Issue #15: a large city's pages read the same number of queries however many staff, ratings
or municipalities there are, their HTML stays bounded, and what they keep per data version
(web/versions.py) is computed afresh after any change to the organisation's data."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dxtalent.web import versions
from dxtalent.web.organisations.models import Organisation
from dxtalent.web.people.models import (
    Department,
    Person,
    Post,
    Rating,
    Skill,
    TrainingProgramme,
)
from dxtalent.web.people.services import refresh_current_levels

pytestmark = pytest.mark.django_db
COORDINATION = "NAKAGAWA-2025-COORDINATION"


def _grow(city: Organisation, count: int, start: int = 0) -> None:
    """`count` more people in the DX department, each with a post and five ratings."""
    dx, _created = Department.objects.get_or_create(
        organisation=city, code="DX", defaults={"name": "DX推進課", "is_dx": True}
    )
    people = Person.objects.bulk_create(
        Person(organisation=city, external_id=f"G{i:05}", family_name=f"職員{i:05}")
        for i in range(start, start + count)
    )
    Post.objects.bulk_create(
        Post(
            organisation=city,
            person=person,
            department=dx,
            started_on=dt.date(2020 + i % 5, 4, 1),
        )
        for i, person in enumerate(people)
    )
    skills = list(Skill.objects.filter(framework__code=COORDINATION, framework__organisation=None))
    Rating.objects.bulk_create(
        Rating(
            organisation=city,
            person=person,
            skill=skill,
            level=(i + j) % 5,
            source="manager",
            rated_on=dt.date(2025, 5, 1),
        )
        for i, person in enumerate(people)
        for j, skill in enumerate(skills)
    )
    refresh_current_levels(city)


def _fresh(client, url: str) -> tuple[int, str]:
    """Queries and HTML of `url` computed afresh (nothing kept from before: the worst case)."""
    versions.forget()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured), response.content.decode()


def _programme(city: Organisation) -> TrainingProgramme:
    return TrainingProgramme.objects.create(
        organisation=city, name="DX研修", kind="internal_training", months=3
    )


@pytest.mark.parametrize(
    "page",
    [
        "",
        "team/",
        "plan/",
        "people/{person}/edit/",
        "people/new/",
        "training/{programme}/",
        "reviews/",
        "matrix/",
        "matrix/?page=2",
    ],
)
def test_a_page_reads_the_same_queries_for_10_or_120_staff(client, dana, city_a, page):
    programme = _programme(city_a)
    _grow(city_a, 10)
    client.force_login(dana)
    person = Person.objects.filter(organisation=city_a).first()
    assert person is not None
    url = f"/o/{city_a.code}/" + page.format(person=person.pk, programme=programme.pk)
    few, _html = _fresh(client, url)
    _grow(city_a, 110, start=10)
    many, _html = _fresh(client, url)
    assert many == few


def test_the_team_page_shows_50_people_of_the_timeline_a_page(client, dana, city_a):
    _grow(city_a, 120)
    client.force_login(dana)
    _queries, html = _fresh(client, f"/o/{city_a.code}/team/")
    rows = html.split('id="timeline-heading"', 1)[1].count('<th scope="row">')
    assert rows == 50 and 'rel="next"' in html
    last = client.get(f"/o/{city_a.code}/team/", {"timeline": 3})
    assert last.content.decode().split('id="timeline-heading"', 1)[1].count('<th scope="row">') == (
        120 - 100
    )


def _matrix_rows(html: str) -> list[str]:
    """The people (their numbers) in the rows of the matrix's table."""
    import re

    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return re.findall(
        r'<th scope="row" class="sticky-col"><a [^>]*>[^<]*</a> '
        r'<span class="secondary">([^<]*)</span>',
        body,
    )


def test_the_matrix_shows_100_people_a_page_and_counts_everyone_in_its_last_row(
    client, dana, city_a
):
    _grow(city_a, 120)
    client.force_login(dana)
    _queries, first = _fresh(client, f"/o/{city_a.code}/matrix/")
    second = client.get(f"/o/{city_a.code}/matrix/", {"page": 2}).content.decode()
    assert len(_matrix_rows(first)) == 100 and len(_matrix_rows(second)) == 20
    assert not set(_matrix_rows(first)) & set(_matrix_rows(second))
    assert 'rel="next"' in first and 'rel="prev"' in second
    assert "120 people" in first or "120人" in first  # the caption counts every page
    # Level 3 or above in the first skill: (i + 0) % 5 >= 3 for i in 0..119, on every page.
    footer = first.split("<tfoot>", 1)[1]
    assert '<td class="level">48</td>' in footer


def test_the_matrix_filters_by_department_and_skill_area(client, dana, city_a):
    _grow(city_a, 120)
    elsewhere = Department.objects.create(organisation=city_a, code="ZZ", name="税務課")
    moved = list(Person.objects.filter(organisation=city_a, external_id__startswith="G")[:3])
    Post.objects.filter(person__in=moved).update(department=elsewhere)
    client.force_login(dana)
    url = f"/o/{city_a.code}/matrix/"
    _queries, html = _fresh(client, f"{url}?department={elsewhere.pk}")
    assert sorted(_matrix_rows(html)) == sorted(p.external_id for p in moved)
    everything = client.get(url).content.decode()
    area = client.get(url, {"area": "CO-A-GROUNDWORK"}).content.decode()
    columns = [
        page.split("</thead>", 1)[0].count('<th scope="col" class="matrix-skill">')
        for page in (everything, area)
    ]
    assert 0 < columns[1] < columns[0]
    assert (
        client.get(url, {"area": "NO-SUCH-AREA"})
        .content.decode()
        .count("この領域のスキルがありません")
        == 1
    )


@pytest.mark.parametrize("page", ["people/new/", "people/{person}/edit/", "training/{programme}/"])
def test_a_page_that_chooses_a_member_of_staff_stays_small_however_many_there_are(
    client, dana, city_a, page
):
    programme = _programme(city_a)
    _grow(city_a, 300)
    client.force_login(dana)
    person = Person.objects.filter(organisation=city_a).first()
    assert person is not None
    _queries, html = _fresh(
        client, f"/o/{city_a.code}/" + page.format(person=person.pk, programme=programme.pk)
    )
    assert html.count("<option") < 50
    assert "G00299" not in html  # nobody is listed until the user types


def test_the_choices_offer_the_first_20_staff_who_match_in_kana_order(client, bob, city_a):
    _grow(city_a, 30)
    Person.objects.filter(organisation=city_a, external_id="G00003").update(active=False)
    client.force_login(bob)
    url = f"/o/{city_a.code}/people/choices/"
    many = client.get(url, {"field": "manager", "manager": "職員"}).content.decode()
    assert many.count("<option") == 20 and '<option value="G00000">' in many
    one = client.get(url, {"field": "person", "person": "G00003"}).content.decode()
    assert one.count("<option") == 1 and "職員00003" in one
    active = client.get(url, {"field": "person", "person": "G00003", "active": "1"})
    assert active.content.decode().count("<option") == 0


def test_a_manager_is_chosen_by_staff_number_and_an_unknown_number_is_refused(
    client, alice, city_a, city_b
):
    _grow(city_a, 3)
    Person.objects.create(organisation=city_b, external_id="B001", family_name="他市")
    client.force_login(alice)
    person = Person.objects.get(organisation=city_a, external_id="G00000")
    url = f"/o/{city_a.code}/people/{person.pk}/edit/"
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k != "manager"}
    data.update({"version": person.version, "manager": "G00001"})
    response = client.post(url, {k: v for k, v in data.items() if not isinstance(v, list)})
    assert response.status_code == 302, response.context["form"].errors
    person.refresh_from_db()
    assert person.manager is not None and person.manager.external_id == "G00001"
    edit = client.get(url).content.decode()
    assert 'value="G00001"' in edit and '<option value="G00001">職員00001</option>' in edit
    # The field holds the number; the person's name is said beside it, tied to the field.
    assert '<div class="secondary" id="id_manager-choices-now">職員00001</div>' in edit
    assert 'aria-describedby="id_manager_helptext id_manager-choices-now"' in edit
    data["version"] = person.version
    for unknown in ("B001", "NOBODY"):
        data["manager"] = unknown
        refused = client.post(url, data)
        assert refused.status_code == 400
        assert refused.context["form"].errors["manager"] == [
            "正しく選択してください。選択したものは候補にありません。"
        ]


def test_the_prefectures_aggregates_kept_read_the_same_queries_for_2_or_6_municipalities(
    client, db
):
    """Afresh, each municipality's diagnosis reads its own data; kept (the next views until
    any municipality's data changes), the page reads every municipality's version in two
    queries, however many share."""
    from dxtalent.web.organisations.models import Role
    from dxtalent.web.pool.models import Sharing
    from tests.conftest import _member

    hiroshima = Organisation.objects.get(code="340006")
    towns = list(Organisation.objects.filter(prefecture=hiroshima).order_by("code")[:6])
    client.force_login(_member("pam", hiroshima, Role.VIEWER))
    url = f"/o/{hiroshima.code}/pool/aggregates/"

    def share(municipalities: list[Organisation]) -> int:
        for town in municipalities:
            _grow(town, 3)
            Sharing.objects.update_or_create(organisation=town, defaults={"with_prefecture": True})
        _fresh(client, url)
        with CaptureQueriesContext(connection) as kept:
            response = client.get(url)
        assert all(town.name in response.content.decode() for town in municipalities)
        return len(kept)

    assert share(towns[:2]) == share(towns[2:])


def test_what_is_kept_per_data_version_is_computed_afresh_after_an_audited_change(city_a):
    from dxtalent.web.diagnostics.services import to_domain

    _grow(city_a, 3)
    versions.forget()
    before = to_domain(city_a)
    assert to_domain(city_a) == before  # kept
    person = Person.objects.filter(organisation=city_a).order_by("pk").first()
    assert person is not None
    person.contract_end = dt.date(2027, 3, 31)
    person.save()  # audited: the organisation's data version moves on
    changed = {m.id: m for m in to_domain(city_a)}
    assert changed[str(person.pk)].hard_end == dt.date(2027, 3, 31)


def test_a_prefectures_change_moves_its_municipalities_data_version_on(city_a):
    from dxtalent.web.pool.models import Professional

    before = versions.data_version(city_a)
    assert versions.data_version(city_a) == before
    Professional.objects.create(
        organisation=city_a.prefecture, name="専門人材（架空）", levels={}, days_per_month=2
    )
    assert versions.data_version(city_a) != before
    assert versions.data_versions([city_a])[city_a.pk] == versions.data_version(city_a)


def test_survey_results_are_counted_afresh_when_an_answer_is_submitted(city_a):
    from django.utils import timezone

    from dxtalent.web.surveys.models import Answer, Invitation, Survey
    from dxtalent.web.surveys.services import response_rates, responses, shipped_instrument

    survey = Survey.objects.create(
        organisation=city_a, title="調査", instrument=shipped_instrument()
    )
    town = Organisation.objects.filter(kind="town").order_by("code").first()
    invitation = Invitation.objects.create(
        organisation=city_a, survey=survey, respondent=town, department="dx"
    )
    assert responses(survey) == [] and responses(survey) == []
    answer = Answer.objects.create(invitation=invitation, answers={"Q2": ["T2-1"]})
    assert responses(survey) == []  # saved, not submitted
    answer.submitted_at = timezone.now()
    answer.save()
    assert [r.respondent for r in responses(survey)] == [f"{town.code}:dx"]
    rate = next(r for r in response_rates(survey) if r.department == "dx")
    assert (rate.invited, rate.started, rate.submitted) == (1, 1, 1)


def test_the_dashboard_names_10_leavers_and_links_to_the_team_page_for_the_rest(
    client, dana, city_a
):
    _grow(city_a, 120)
    client.force_login(dana)
    _queries, html = _fresh(client, f"/o/{city_a.code}/")
    leavers = html.split('id="leavers-heading"', 1)[1].split("</section>", 1)[0]
    assert leavers.count("<li>") == 10
    assert f'href="/o/{city_a.code}/team/"' in leavers


def test_a_finding_names_its_first_10_people_and_counts_the_others(client, dana, city_a):
    _grow(city_a, 120)
    client.force_login(dana)
    _queries, html = _fresh(client, f"/o/{city_a.code}/team/")
    findings = html.split('id="findings-heading"', 1)[1].split('id="forecast-heading"', 1)[0]
    facts = [dd.split("</dd>", 1)[0] for dd in findings.split("<dd>")[1:]]
    assert max(dd.count("<a ") for dd in facts) == 10
    assert any("ほか" in dd and "人" in dd for dd in facts)
    assert "ほか" in findings.split('class="finding__message"', 2)[1]
