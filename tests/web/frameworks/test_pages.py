"""The framework pages: the list, one framework, copying it and changing a copy's targets."""

from dxtalent.web.people.models import Framework, RoleTarget

SHIPPED = "NAKAGAWA-2025-COORDINATION"


def shipped(code=SHIPPED):
    return Framework.objects.get(organisation=None, code=code)


def test_the_list_names_the_shipped_frameworks(client, bob, city_a):
    client.force_login(bob)
    page = client.get(f"/o/{city_a.code}/frameworks/").content.decode()
    assert f"/o/{city_a.code}/frameworks/{shipped().pk}/" in page


def test_the_crosswalks_of_a_framework_are_listed_with_their_mappings(client, bob, city_a):
    client.force_login(bob)
    body = client.get("/api/crosswalks", {"framework": SHIPPED}).json()
    assert [c["code"] for c in body] == ["JMRC-2024-TO-NAKAGAWA-2025"]
    assert any(m["to_skill"] == "CO-NEGO" for m in body[0]["mappings"])
    framework = client.get(f"/api/organisations/{city_a.code}/frameworks").json()
    listed = next(f for f in framework if f["code"] == SHIPPED)
    page = client.get(f"/o/{city_a.code}/frameworks/{listed['id']}/").content.decode()
    section = page[page.index('id="crosswalks-heading"') :]
    assert "JMRC-04" in section and "CO-NEGO" in section


def test_an_editor_copies_a_shipped_framework_and_lands_on_the_copy(client, alice, city_a):
    client.force_login(alice)
    response = client.post(f"/o/{city_a.code}/frameworks/{shipped().pk}/copy/")
    copy = Framework.objects.get(organisation=city_a, based_on=shipped())
    assert response.status_code == 302
    assert response["Location"] == f"/o/{city_a.code}/frameworks/{copy.pk}/"


def test_an_editor_changes_a_target_of_the_copy_and_the_shipped_one_stays(client, alice, city_a):
    client.force_login(alice)
    client.post(f"/o/{city_a.code}/frameworks/{shipped().pk}/copy/")
    copy = Framework.objects.get(organisation=city_a, based_on=shipped())
    role, skill = copy.roles.first(), copy.skills.order_by("position").first()
    before = RoleTarget.objects.filter(role__framework=shipped()).count()
    response = client.post(
        f"/o/{city_a.code}/frameworks/{copy.pk}/targets/", {f"target-{role.pk}-{skill.pk}": "4"}
    )
    assert response.status_code == 302
    assert RoleTarget.objects.get(role=role, skill=skill).level == 4
    assert RoleTarget.objects.filter(role__framework=shipped()).count() == before


def test_the_targets_of_a_shipped_framework_cannot_be_changed_from_the_page(client, alice, city_a):
    client.force_login(alice)
    framework = shipped()
    role, skill = framework.roles.first(), framework.skills.order_by("position").first()
    response = client.post(
        f"/o/{city_a.code}/frameworks/{framework.pk}/targets/",
        {f"target-{role.pk}-{skill.pk}": "4"},
    )
    assert response.status_code == 404
