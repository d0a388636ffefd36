"""Officers choose skill areas and skills by name, in their language: the skill matrix's area
filter and a programme's skill list show no code (the codes stay in the values sent)."""

from __future__ import annotations

import lxml.html
import pytest

from dxtalent.web.people.models import Framework, TrainingProgramme

pytestmark = pytest.mark.django_db

EXTERNAL = "MIC-2022-EXTERNAL-DX"


def options(page: bytes, select_id: str) -> list[tuple[str, str]]:
    """(value, text) of each option of the select `select_id`, the "all" option left out."""
    select = lxml.html.fromstring(page).get_element_by_id(select_id)
    return [
        (o.get("value"), o.text_content().strip()) for o in select.iter("option") if o.get("value")
    ]


@pytest.mark.parametrize(
    ("language", "first"),
    [
        ("ja", "プロデューサーのスキル（全庁的なDXの主導）"),
        ("en", "Producer skills: leading DX across the organisation"),
    ],
)
def test_the_matrix_filters_by_skill_area_names(client, alice, city_a, language, first):
    framework = Framework.objects.get(code=EXTERNAL, organisation=None)
    client.force_login(alice)
    page = client.get(
        f"/o/{city_a.code}/matrix/?framework={framework.pk}", HTTP_ACCEPT_LANGUAGE=language
    )
    areas = options(page.content, "matrix-area")
    # In the framework's own order, each by its name; the code is what the filter sends.
    assert areas[0] == ("MIC-A-PRODUCER", first)
    assert len(areas) == len(framework.definition["areas"])
    assert all(not text.startswith("MIC-") for _value, text in areas)
    chosen = client.get(
        f"/o/{city_a.code}/matrix/?framework={framework.pk}&area=MIC-A-PM",
        HTTP_ACCEPT_LANGUAGE=language,
    )
    selected = lxml.html.fromstring(chosen.content).get_element_by_id("matrix-area")
    assert [o.get("value") for o in selected.iter("option") if o.get("selected") is not None] == [
        "MIC-A-PM"
    ]


def test_a_framework_stored_without_its_areas_lists_them_by_code(city_a, framework):
    # The people tests' hand-made framework has a skill area "A" and no definition.
    assert framework.areas("ja") == [("A", "A")]


def test_a_programme_offers_its_skills_by_name_under_their_frameworks_names(client, alice, city_a):
    from dxtalent.web.people.models import Skill

    programme = TrainingProgramme.objects.create(organisation=city_a, name="DX研修")
    negotiation = Skill.objects.get(framework__code="NAKAGAWA-2025-COORDINATION", code="CO-NEGO")
    client.force_login(alice)
    for language, group, skill in (
        ("ja", "自治体DX推進のための外部人材スキル標準（総務省、2022年）", negotiation.name_ja),
        (
            "en",
            "Skill standard for external talent for municipal DX (MIC, 2022)",
            negotiation.name_en,
        ),
    ):
        page = client.get(
            f"/o/{city_a.code}/training/{programme.pk}/", HTTP_ACCEPT_LANGUAGE=language
        )
        select = lxml.html.fromstring(page.content).get_element_by_id("id_skill")
        groups = [g.get("label") for g in select.iter("optgroup")]
        assert group in groups and len(groups) == len(set(groups))
        skills = options(page.content, "id_skill")
        assert (str(negotiation.pk), skill) in skills
        # No framework or skill code in what is read.
        read = " ".join([*groups, *(text for _value, text in skills)])
        assert "MIC-" not in read and "CO-" not in read and "NAKAGAWA" not in read
    # The skill chosen by its id is added as before.
    response = client.post(
        f"/o/{city_a.code}/training/{programme.pk}/skills/",
        {"skill": negotiation.pk, "to_level": 3, "prerequisite": 0},
    )
    assert response.status_code == 302, response.content[:300]
    assert programme.skills.get().skill == negotiation


def visible_text(page: bytes) -> str:
    """What a reader reads in the page's main region: its text, not its attributes."""
    main = lxml.html.fromstring(page).find(".//main")
    for unread in main.xpath(".//script | .//style | .//template"):
        unread.drop_tree()
    return " ".join(main.text_content().split())


@pytest.mark.parametrize("language", ["ja", "en"])
def test_a_persons_skills_gaps_ratings_and_assessment_name_each_skill(
    client, alice, city_a, language
):
    import datetime as dt

    from dxtalent.web.people.models import Person, ProgrammeSkill, RatingSource, Skill
    from dxtalent.web.people.services import assess

    coordination = Framework.objects.get(code="NAKAGAWA-2025-COORDINATION", organisation=None)
    person = Person.objects.create(
        organisation=city_a, external_id="E0042", family_name="森", given_name="葵"
    )
    assess(
        organisation=city_a,
        person=person,
        framework=coordination,
        levels={"CO-COMM": 1, "CO-SPEC": 2},
        source=RatingSource.MANAGER,
        rated_on=dt.date(2026, 6, 1),
        rated_by=alice,
    )
    negotiation = Skill.objects.get(framework=coordination, code="CO-NEGO")
    programme = TrainingProgramme.objects.create(organisation=city_a, name="交渉研修")
    ProgrammeSkill.objects.create(
        organisation=city_a, programme=programme, skill=negotiation, to_level=3
    )
    communication = Skill.objects.get(framework=coordination, code="CO-COMM")
    name = communication.name_en if language == "en" else communication.name_ja
    client.force_login(alice)
    pages = {
        "person": f"/o/{city_a.code}/people/{person.pk}/?framework={coordination.pk}",
        "assessment": f"/o/{city_a.code}/people/{person.pk}/assess/?framework={coordination.pk}",
        # The person counted as a candidate too: their gaps against the role.
        "candidates": f"/o/{city_a.code}/candidates/?framework={coordination.pk}&staff=1",
        "programmes": f"/o/{city_a.code}/training/",
        "programme": f"/o/{city_a.code}/training/{programme.pk}/",
    }
    for what, url in pages.items():
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200, what
        text = visible_text(response.content)
        assert "CO-" not in text, (what, text[text.index("CO-") - 80 : text.index("CO-") + 40])
        negotiation_name = negotiation.name_en if language == "en" else negotiation.name_ja
        # The programme raises negotiation; the largest gaps lead the candidates' list.
        expected = name if what in ("person", "assessment") else negotiation_name
        assert expected in text, what


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_matrix_heads_each_column_with_the_skills_name(client, alice, city_a, language):
    from dxtalent.web.people.models import Person

    Person.objects.create(organisation=city_a, external_id="E1", family_name="森", given_name="葵")
    framework = Framework.objects.get(code=EXTERNAL, organisation=None)
    client.force_login(alice)
    page = client.get(
        f"/o/{city_a.code}/matrix/?framework={framework.pk}&kind=staff",
        HTTP_ACCEPT_LANGUAGE=language,
    )
    heads = [
        " ".join(th.text_content().split())
        for th in lxml.html.fromstring(page.content).xpath('//th[@class="matrix-skill"]')
    ]
    skills = framework.skills.order_by("position")
    assert heads == [s.name_en if language == "en" else s.name_ja for s in skills]
    assert not any(head.startswith("MIC-") for head in heads)


@pytest.mark.parametrize(
    ("language", "legend", "colon"),
    [("ja", "目標レベル（{role}）", "："), ("en", "Target level ({role})", ": ")],
)
def test_the_persons_chart_is_given_its_words_in_the_readers_language(
    client, alice, city_a, language, legend, colon
):
    """The chart draws what the page gives it: the target's legend with the role's name in
    brackets, and the colon of its hover labels, as the reader's language writes them."""
    from dxtalent.web.people.models import Person, Role

    framework = Framework.objects.get(code=EXTERNAL, organisation=None)
    role = Role.objects.filter(framework=framework).order_by("pk").first()
    person = Person.objects.create(
        organisation=city_a, external_id="E0043", family_name="森", given_name="蓮"
    )
    client.force_login(alice)
    page = client.get(
        f"/o/{city_a.code}/people/{person.pk}/?framework={framework.pk}&role={role.pk}",
        HTTP_ACCEPT_LANGUAGE=language,
    )
    chart = lxml.html.fromstring(page.content).get_element_by_id("person-chart-plot")
    name = role.name_en if language == "en" else role.name_ja
    assert chart.get("data-label-target-role") == legend.format(role=name)
    assert chart.get("data-colon") == colon
