import io

import openpyxl
import pytest

from dxtalent.web.demo.services import prepare_demo
from dxtalent.web.organisations.models import Organisation
from dxtalent.web.people.matrix import skill_matrix
from dxtalent.web.people.models import Department, Enrolment, Person, Rating
from dxtalent.web.people.services import pending_training_evidence

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    logins = prepare_demo(seed=2025)
    return Organisation.objects.get(code="DEMO-CITY-A"), {login.username: login for login in logins}


def test_the_demo_city_has_a_dx_department_of_about_a_dozen_an_hr_department_and_six_candidates(
    demo,
):
    city, _logins = demo
    dx = Department.objects.get(organisation=city, is_dx=True)
    in_dx = (
        Person.objects.filter(posts__department=dx, posts__ended_on__isnull=True).distinct().count()
    )
    assert 10 <= in_dx <= 14
    assert Department.objects.filter(organisation=city, is_hr=True, posts__isnull=False).exists()
    assert Person.objects.filter(organisation=city, kind="candidate").count() == 6
    assert city.is_synthetic


def test_the_demo_has_rating_history_training_and_evidence_awaiting_the_manager(demo):
    city, _logins = demo
    sources = set(Rating.objects.filter(organisation=city).values_list("source", flat=True))
    assert sources == {"self", "manager", "verified", "training"}
    people_with_history = (
        Rating.objects.filter(organisation=city, source="manager")
        .values("person", "skill")
        .distinct()
        .count()
    )
    assert people_with_history > 50
    assert Enrolment.objects.filter(organisation=city, status="completed").exists()
    assert pending_training_evidence(city).exists()


def test_the_demo_links_the_editor_and_viewer_to_people_for_review_and_self_assessment(demo):
    city, _logins = demo
    editor = Person.objects.get(organisation=city, user__username="demo-editor")
    viewer = Person.objects.get(organisation=city, user__username="demo-viewer")
    assert viewer.manager == editor


def test_running_the_demo_twice_gives_the_same_people_and_new_passwords(demo):
    city, first = demo
    names = list(
        Person.objects.filter(organisation=city)
        .order_by("external_id")
        .values_list("family_name", "given_name")
    )
    second = {login.username: login for login in prepare_demo(seed=2025)}
    assert (
        list(
            Person.objects.filter(organisation=city)
            .order_by("external_id")
            .values_list("family_name", "given_name")
        )
        == names
    )
    assert all(first[u].password != second[u].password for u in first)


def test_the_matrix_export_is_an_excel_heatmap_of_the_demo_team(demo):
    from dxtalent.web.people.matrix import matrix_xlsx
    from dxtalent.web.people.models import Framework

    city, _logins = demo
    framework = Framework.objects.get(code="NAKAGAWA-2025-COORDINATION", organisation=None)
    view = skill_matrix(city, framework)
    book = openpyxl.load_workbook(io.BytesIO(matrix_xlsx(view, framework)))
    sheet = book.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    # The columns name the person and each skill as an officer reads them, not by code.
    assert header[:2] == ["職員番号", "氏名"]
    assert header[2] == "コミュニケーション（DX部門内）" and not any(
        "CO-" in str(h) for h in header
    )
    levels = [row[2].value for row in sheet.iter_rows(min_row=2, max_row=len(view.people) + 1)]
    expected = [row[0] for row in view.matrix.levels]
    assert [None if v in (None, "") else int(v) for v in levels] == expected
    coloured = {
        row[2].fill.fgColor.rgb
        for row in sheet.iter_rows(min_row=2, max_row=len(view.people) + 1)
        if row[2].value not in (None, "")
    }
    assert len(coloured) >= 2  # different levels, different colours
    assert sheet.freeze_panes in ("A2", "B2", "C2")


def test_the_demo_register_brings_a_negotiation_finding_in_the_year_negotiators_rotate_out(demo):
    from dxtalent.core.diagnostics import Severity
    from dxtalent.web.diagnostics.services import diagnose
    from dxtalent.web.standardization.models import Contract, System

    city, _logins = demo
    assert System.objects.filter(organisation=city).count() == 21
    renewal_years = {c.renewal_on.year for c in Contract.objects.filter(organisation=city)}
    [year] = renewal_years  # every renewal on 1 April of the cluster year
    findings = [
        f for f in diagnose(city, runs=10).diagnosis.findings if f.rule == "negotiation-capacity"
    ]
    [finding] = findings
    assert finding.fiscal_year == year
    assert finding.severity in (Severity.WARNING, Severity.CRITICAL)
    assert "異動する見込み" in finding.message.ja  # named: the able staff gone by then
    assert "assumption" in finding.message.en
