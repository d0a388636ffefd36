import datetime as dt

import pytest

from dxtalent.core.assessments import RatingSource
from dxtalent.web.people.matrix import skill_matrix
from dxtalent.web.people.models import Enrolment, Person, ProgrammeSkill, Rating, TrainingProgramme
from dxtalent.web.people.services import (
    AssessmentError,
    add_rating,
    complete_enrolment,
    levels_of,
    pending_training_evidence,
    rank_people,
)

pytestmark = pytest.mark.django_db
D = dt.date


APRIL_2025 = D(2025, 4, 1)


def rate(city, person, skill, level, source="manager", day=APRIL_2025):
    return add_rating(
        organisation=city,
        person=person,
        skill=skill,
        level=level,
        source=RatingSource(source),
        rated_on=day,
    )


def test_a_rating_is_never_changed_only_added(city_a, framework, team):
    rating = rate(city_a, team["佐藤"], framework.skill_map["COMM"], 2)
    rating.level = 4
    with pytest.raises(ValueError, match="never changed"):
        rating.save()
    rate(city_a, team["佐藤"], framework.skill_map["COMM"], 3, day=D(2025, 10, 1))
    assert list(Rating.objects.values_list("level", flat=True)) == [2, 3]
    assert levels_of(city_a, framework)[team["佐藤"].pk]["COMM"] == 3


def test_a_rating_of_a_person_of_another_organisation_is_refused(city_b, framework, team):
    with pytest.raises(AssessmentError):
        rate(city_b, team["佐藤"], framework.skill_map["COMM"], 2)


def test_staff_and_candidates_are_ranked_for_a_role_best_first(city_a, framework, team):
    s = framework.skill_map
    for code in ("COMM", "LEAD", "NEGO", "SPEC"):
        rate(city_a, team["高橋"], s[code], 3)
    rate(city_a, team["鈴木"], s["COMM"], 3)
    ranking = rank_people(city_a, framework.central)
    assert [r.person.family_name for r in ranking] == ["高橋", "鈴木", "佐藤"]
    assert ranking[0].fit.score == 1.0 and ranking[2].fit.score == 0.0
    assert [g.skill for g in ranking[1].fit.gaps] == ["LEAD", "NEGO", "SPEC"]


def test_the_matrix_filters_by_department_and_role(city_a, framework, team, dx_department):
    rate(city_a, team["佐藤"], framework.skill_map["SPEC"], 2)
    view = skill_matrix(city_a, framework, department=dx_department, role=framework.central)
    assert [p.family_name for p in view.people] == ["佐藤", "鈴木"]
    assert view.matrix.skills == ("COMM", "LEAD", "NEGO", "SPEC")
    assert view.matrix.levels[0] == (None, None, None, 2)
    assert view.matrix.targets == (3, 3, 3, 2)


def test_completing_training_adds_evidence_that_waits_for_the_manager(city_a, framework, team):
    programme = TrainingProgramme.objects.create(
        organisation=city_a, name="DX研修", kind="internal_training", hours=200, months=7
    )
    ProgrammeSkill.objects.create(
        organisation=city_a, programme=programme, skill=framework.skill_map["SPEC"], to_level=2
    )
    enrolment = Enrolment.objects.create(
        organisation=city_a, programme=programme, person=team["鈴木"], enrolled_on=D(2025, 4, 1)
    )
    complete_enrolment(enrolment, D(2025, 10, 31))
    assert levels_of(city_a, framework).get(team["鈴木"].pk, {}).get("SPEC") is None
    assert pending_training_evidence(city_a).count() == 1
    rate(city_a, team["鈴木"], framework.skill_map["SPEC"], 2, day=D(2025, 11, 5))
    assert pending_training_evidence(city_a).count() == 0
    assert levels_of(city_a, framework)[team["鈴木"].pk]["SPEC"] == 2
    with pytest.raises(AssessmentError):
        complete_enrolment(enrolment, D(2025, 11, 1))


def test_people_of_another_organisation_never_reach_the_matrix(city_a, city_b, framework, team):
    Person.objects.create(organisation=city_b, external_id="K1", family_name="神戸")
    assert "神戸" not in [p.family_name for p in skill_matrix(city_a, framework).people]


def test_one_persons_levels_are_read_for_their_own_organisation_only(
    city_a, city_b, framework, team
):
    sato = team["佐藤"]
    rate(city_a, sato, framework.skill_map["COMM"], 3)
    kobe = Person.objects.create(organisation=city_b, external_id="K1", family_name="神戸")
    rate(city_b, kobe, framework.skill_map["COMM"], 4)
    assert levels_of(city_a, framework, [sato, kobe]) == {sato.pk: {"COMM": 3}}
    assert levels_of(city_b, framework, [sato, kobe]) == {kobe.pk: {"COMM": 4}}


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("max_age", [None, 200])
def test_the_database_picks_the_same_current_level_as_the_core_policy(
    city_a, framework, team, seed, max_age
):
    import random

    from dxtalent.core.assessments import CurrentLevelPolicy, current_levels_from_rows

    rng = random.Random(seed)
    people = list(team.values())
    skills = list(framework.skill_map.values())
    rows = []
    for _ in range(60):
        person, skill = rng.choice(people), rng.choice(skills)
        rating = rate(
            city_a,
            person,
            skill,
            rng.randrange(5),
            rng.choice(["self", "manager", "verified", "training"]),
            D(2025, 1, 1) + dt.timedelta(days=rng.randrange(400)),
        )
        rows.append((person.pk, skill.pk, rating.level, rating.source, rating.rated_on))
    policy = CurrentLevelPolicy(max_age_days=max_age, reference_day=D(2026, 2, 1))
    expected: dict[int, dict[str, int]] = {}
    for (person, skill), level in current_levels_from_rows(rows, policy).items():
        expected.setdefault(person, {})[next(s.code for s in skills if s.pk == skill)] = level
    assert levels_of(city_a, framework, policy=policy) == expected


def test_the_matrix_page_marks_cells_below_target_in_text_and_links_people(
    client, alice, city_a, framework, team
):
    rate(city_a, team["佐藤"], framework.skill_map["COMM"], 1)
    client.force_login(alice)
    page = client.get(
        f"/o/{city_a.code}/matrix/", {"framework": framework.pk, "role": framework.central.pk}
    ).content.decode()
    row = page[page.index(f"/people/{team['佐藤'].pk}/") :]
    row = row[: row.index("</tr>")]
    assert 'class="level level--1 level--below"' in row
    assert row.count("level--none level--below") == 3  # LEAD, NEGO, SPEC unrated but targeted
    assert "&lt;" not in row  # names are escaped once, not twice


def test_a_role_of_another_framework_in_the_url_is_ignored(client, alice, city_a, framework):
    from dxtalent.web.people.models import Framework as FrameworkModel

    other = FrameworkModel.objects.exclude(pk=framework.pk).first()
    client.force_login(alice)
    response = client.get(
        f"/o/{city_a.code}/matrix/", {"framework": other.pk, "role": framework.central.pk}
    )
    assert response.status_code == 200


def test_after_an_assessment_the_person_page_opens_on_the_framework_just_rated(
    client, alice, city_a, framework, team
):
    client.force_login(alice)
    response = client.post(
        f"/o/{city_a.code}/people/{team['佐藤'].pk}/assess/?framework={framework.pk}",
        {"rated_on": "2026-05-01", "source": "manager", "skill_SPEC": "2"},
    )
    assert response["Location"].endswith(f"/people/{team['佐藤'].pk}/?framework={framework.pk}")


def test_the_review_queue_names_the_framework_that_waits(city_a, framework, team):
    from dxtalent.web.people.services import review_queue

    rate(city_a, team["鈴木"], framework.skill_map["COMM"], 3, source="self")
    [item] = review_queue(city_a)
    assert (item.person, item.framework, item.self_ratings) == (team["鈴木"], framework, 1)
    rate(city_a, team["鈴木"], framework.skill_map["COMM"], 2, source="manager", day=D(2025, 5, 1))
    assert review_queue(city_a) == []


def test_a_programmes_seats_are_places_a_fiscal_year_not_a_calendar_year(city_a, team):
    from dxtalent.web.people import services, training

    programme = TrainingProgramme.objects.create(
        organisation=city_a, name="DX研修", kind="internal_training", seats=1
    )
    third = Person.objects.create(organisation=city_a, external_id="S009", family_name="伊藤")
    training.enrol(programme, team["佐藤"], dt.date(2026, 3, 31))  # fiscal year 2025
    training.enrol(programme, team["鈴木"], dt.date(2026, 4, 1))  # fiscal year 2026: a new seat
    with pytest.raises(services.AssessmentError):
        training.enrol(programme, third, dt.date(2027, 2, 1))  # still fiscal year 2026
    assert Enrolment.objects.filter(programme=programme).count() == 2


def test_a_persons_rating_history_names_each_rating_kind(client, alice, city_a, framework, team):
    sato = team["佐藤"]
    for source in ("self", "manager", "verified", "training"):
        rate(city_a, sato, framework.skill_map["COMM"], 2, source=source)
    client.force_login(alice)
    page = client.get(
        f"/o/{city_a.code}/people/{sato.pk}/?framework={framework.pk}", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    history = page.split('id="ratings-heading"', 1)[1]
    for name in ("Self-assessment", "Manager review", "Verified", "Training evidence"):
        assert f"<td>{name}</td>" in history
