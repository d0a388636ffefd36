"""Small municipalities: the rules that need three people read through shared resources (the
prefecture's pool, an adviser, joint procurement)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from dxtalent.core.diagnostics import (
    DiagnosisSettings,
    InvalidSettingError,
    Severity,
    SmallMunicipalityParams,
    diagnose_team,
    forecast_coverage,
    paper_capabilities,
    simulate_rotation,
    small_municipality,
    with_in_house_targets,
)
from dxtalent.core.diagnostics.small import counted, in_house_target
from tests.core.diagnostics.builders import LEADER, STRONG, TODAY, person

TOWN = SmallMunicipalityParams(population=7_334, census_year=2020)
SHARED = replace(TOWN, pool_days=48, adviser=True, joint_procurement=True)


def one_person():
    """A town's only DX member, strong in the paper's four abilities, in a specialist post."""
    return [person("sato", "佐藤", name_en="Sato", levels=LEADER)]


def diagnose(members, params, contracts=6):
    settings = DiagnosisSettings(today=TODAY, small_municipality=params).with_rule(
        "negotiation-capacity", contracts=contracts
    )
    return diagnose_team(members, paper_capabilities(), settings)


def severity_of(diagnosis, rule_id, capability=None):
    return [
        f.severity
        for f in diagnosis.of_rule(rule_id)
        if capability is None or f.capability == capability
    ]


@pytest.mark.parametrize(
    ("in_house", "shared", "seats", "expected"),
    [(1, 0, 3, 1), (1, 1, 3, 2), (1, 4, 3, 3), (2, 1, 3, 3), (0, 4, 3, 0), (1, 2, 1, 1)],
)
def test_shared_resources_fill_every_seat_but_the_in_house_one(in_house, shared, seats, expected):
    assert counted(in_house, shared, seats) == expected


def test_a_capabilitys_in_house_target_never_falls_below_one():
    assert [in_house_target(3, s) for s in (0, 1, 2, 5)] == [3, 2, 1, 1]


def test_the_pool_counts_one_person_per_24_days_at_most_two():
    assert [replace(TOWN, pool_days=d).pool_people() for d in (0, 23, 24, 47, 48, 200)] == [
        0,
        0,
        1,
        1,
        2,
        2,
    ]
    assert dict(SHARED.shared_people()) == {
        "coordination": 2,
        "specification": 4,
        "negotiation": 3,
    }


def test_a_one_person_town_is_a_small_municipality_automatically():
    status = small_municipality(one_person(), paper_capabilities(), DiagnosisSettings(
        today=TODAY, small_municipality=TOWN))  # fmt: skip
    assert status.active
    assert status.dx_staff == 1
    assert "人口7,334人（2020年国勢調査）、DX担当の職員1人" in status.reason.ja


def test_an_adviser_is_a_shared_resource_not_a_member_of_staff():
    members = [
        *one_person(),
        person("adv", employment_type="adviser", is_external=True),
        person("b"),
    ]
    settings = DiagnosisSettings(today=TODAY, small_municipality=TOWN)
    assert small_municipality(members, [], settings).dx_staff == 2


def test_a_one_person_town_without_shared_resources_gets_warnings_saying_what_is_possible():
    diagnosis = diagnose(one_person(), TOWN)
    assert not diagnosis.with_severity(Severity.CRITICAL)
    [spec] = diagnosis.of_rule("specification-team")
    assert spec.severity is Severity.WARNING
    assert "必要な3人に2人足りません" in spec.message.ja
    assert "地域情報化アドバイザーを招く（総務省が費用を負担、1件3日まで）" in spec.message.ja
    assert "ask the prefecture's talent pool for 48 days a year or more" in spec.message.en
    assert "211 municipalities of up to 50,000 people" in spec.source
    assert severity_of(diagnosis, "coordinating-staff") == [Severity.WARNING]
    assert severity_of(diagnosis, "negotiation-capacity") == [Severity.WARNING]


def test_a_one_person_town_with_the_pool_an_adviser_and_joint_procurement_is_covered():
    diagnosis = diagnose(one_person(), SHARED)
    for rule_id in ("coordinating-staff", "specification-team", "negotiation-capacity"):
        assert severity_of(diagnosis, rule_id) == [Severity.INFO], rule_id
    assert set(severity_of(diagnosis, "bus-factor")) == {Severity.INFO}
    [spec] = diagnosis.of_rule("specification-team")
    assert spec.message.en.startswith(
        "Small municipality: 1 in-house at level 2 or above in specification writing (Sato) "
        "and 2 counted from shared resources (the prefecture's pool (48 days a year), a "
        "地域情報化アドバイザー, joint procurement with neighbours) make 3"
    )


def test_the_forecast_counts_the_in_house_targets_left_by_shared_resources():
    settings = DiagnosisSettings(today=TODAY, small_municipality=SHARED)
    forecast = forecast_coverage(one_person(), paper_capabilities(), settings)
    team = forecast.cell("CO-CAP-TEAM", 2025)
    assert (team.count, team.target, team.met) == (1, 1, True)
    status = diagnose_team(one_person(), paper_capabilities(), settings).small_municipality
    assert status.targets["CO-CAP-SPEC"] == (3, 1)
    risk = simulate_rotation(
        one_person(),
        with_in_house_targets(paper_capabilities(), status),
        settings,
        runs=50,
        seed=1,
    )
    assert risk.probability[risk.capabilities.index("CO-CAP-TEAM")][0] == 1.0


def test_shared_resources_do_not_count_when_nobody_in_house_does_the_work():
    diagnosis = diagnose([person("ito", "伊藤", levels={"CO-SPEC": 1})], SHARED)
    [spec] = diagnosis.of_rule("specification-team")
    assert spec.severity is Severity.WARNING
    assert "庁内に1人は必要です" in spec.message.ja


def test_without_a_central_figure_the_pool_makes_it_a_warning_not_critical():
    members = [person("ito", "伊藤", levels={"CO-SPEC": 2})]
    assert severity_of(diagnose(members, TOWN), "central-figure") == [Severity.CRITICAL]
    assert severity_of(diagnose(members, SHARED), "central-figure") == [Severity.WARNING]


def test_a_city_above_50000_is_diagnosed_as_before():
    city = SmallMunicipalityParams(population=50_001, census_year=2020, pool_days=48)
    unaffected = diagnose(one_person(), city)
    unknown = diagnose(one_person(), SmallMunicipalityParams())
    assert not unaffected.small_municipality.active
    assert unaffected.findings == unknown.findings
    assert severity_of(unaffected, "specification-team") == [Severity.CRITICAL]
    assert "Not a small municipality here: population 50,001" in (
        unaffected.small_municipality.reason.en
    )


def test_a_town_of_exactly_50000_with_two_staff_is_small():
    members = [*one_person(), person("b")]
    town = SmallMunicipalityParams(population=50_000)
    assert diagnose(members, town).small_municipality.active
    assert not diagnose([*members, person("c")], town).small_municipality.active


def test_the_organisation_can_switch_the_mode_on_or_off():
    city = SmallMunicipalityParams(population=120_000, mode="on", pool_days=24)
    assert diagnose(one_person(), city).small_municipality.active
    town = replace(TOWN, mode="off")
    diagnosis = diagnose(one_person(), town)
    assert not diagnosis.small_municipality.active
    assert severity_of(diagnosis, "specification-team") == [Severity.CRITICAL]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"mode": "sometimes"}, 'small-municipality.mode: "sometimes" is not accepted'),
        ({"pool_days": -1}, "small-municipality.pool_days: -1 is not accepted"),
        ({"pool_days_per_person": 0}, "pool_days_per_person: 0 is not accepted"),
    ],
)
def test_a_bad_small_municipality_setting_names_the_field(changes, message):
    with pytest.raises(InvalidSettingError, match=message):
        SmallMunicipalityParams(**changes)


def test_a_small_towns_request_for_a_successor_mentions_the_pool():
    members = [person("sato", "佐藤", levels=STRONG, specialist_post=False,
                      post_start=dt.date(2021, 4, 1))]  # fmt: skip
    diagnosis = diagnose(members, TOWN)
    requests = [
        s for f in diagnosis.of_rule("succession") for s in f.next_steps
        if s.code == "request-successor"
    ]  # fmt: skip
    assert requests
    assert all("都道府県の人材プールに支援を依頼する" in s.message.ja for s in requests)
