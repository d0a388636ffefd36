import io

import openpyxl
import pytest
from django.contrib.auth import get_user_model

from dxtalent.web.demo.services import prepare_demo

pytestmark = pytest.mark.django_db
QUERY = {"budget": "30000000", "years": "3", "objective": "coverage"}


@pytest.fixture
def editor(client):
    prepare_demo(seed=2025)
    client.force_login(get_user_model().objects.get(username="demo-editor"))
    return client


def test_the_plan_page_shows_three_strategies_each_checked(editor):
    from dxtalent.web.organisations.models import Organisation
    from dxtalent.web.planning.services import scenario_for

    levers = [
        lever.code for lever in scenario_for(Organisation.objects.get(code="DEMO-CITY-A")).levers
    ]
    query = {
        **QUERY,
        "levers": levers,
        **{
            f"target_{c}": t
            for c, t in (("CO-CAP-TEAM", 3), ("CO-CAP-SPEC", 3), ("CO-CAP-NEGO", 1))
        },
    }
    response = editor.get("/o/DEMO-CITY-A/plan/", query)
    assert response.status_code == 200
    strategies = response.context["strategies"]
    assert [s.strategy for s in strategies] == ["acquire", "develop", "mix"]
    assert all(s.violations == 0 for s in strategies)
    mix = strategies[2]
    acquire = strategies[0]
    assert mix.covered >= acquire.covered and mix.total_cost <= acquire.total_cost


def test_leaving_out_every_lever_leaves_nothing_to_do(editor):
    response = editor.get("/o/DEMO-CITY-A/plan/", {**QUERY, "edited": "True"})
    assert [(s.strategy, len(s.actions), s.total_cost) for s in response.context["strategies"]] == [
        ("acquire", 0, 0),
        ("develop", 0, 0),
        ("mix", 0, 0),
    ]


def test_a_negative_budget_is_refused_on_the_form(editor):
    response = editor.get("/o/DEMO-CITY-A/plan/", {**QUERY, "budget": "-5"})
    assert response.status_code == 400 and "budget" in response.context["form"].errors


def test_the_plan_exports_to_excel_with_a_sheet_per_strategy(editor):
    response = editor.get("/o/DEMO-CITY-A/plan.xlsx", QUERY)
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert len(book.sheetnames) == 7
    summary = book.worksheets[0]
    assert [summary.cell(row, 1).value for row in range(2, 5)] == ["acquire", "develop", "mix"]


def test_an_infeasible_target_is_explained_in_japanese_with_the_numbers(editor):
    response = editor.get(
        "/o/DEMO-CITY-A/plan/", {**QUERY, "objective": "cost"}, HTTP_ACCEPT_LANGUAGE="ja"
    )
    mix = response.context["strategies"][2]
    assert mix.plan.status.value == "infeasible" and mix.plan.explanation
    shortfall = mix.plan.explanation[0]
    assert f"目標{shortfall.target}人に対し" in response.content.decode()
