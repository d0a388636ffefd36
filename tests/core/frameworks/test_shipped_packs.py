"""The packs shipped in dxtalent.data.frameworks: they load, and they say what their sources say."""

from __future__ import annotations

import re

import pytest

from dxtalent.core.frameworks import (
    ANCHORED_LEVELS,
    Scope,
    load_crosswalk,
    load_framework,
    load_shipped_packs,
    shipped_pack_files,
)

MIC = "MIC-2022-EXTERNAL-DX"
COORDINATION = "NAKAGAWA-2025-COORDINATION"
SURVEY = "JMRC-2024-SURVEY-ITEMS"

# Nakagawa (2025), Tables 4, 5, 8 and 9, copied from the paper: item, responses, printed rate.
# Tables 4 and 8 are the IT & DX departments (n = 233), Tables 5 and 9 the HR departments
# (n = 237). Tables 4 and 5: digital talent; Tables 8 and 9: management positions.
TABLES: dict[int, list[tuple[str, int, float]]] = {
    4: [
        ("Innovative proposal for integrating ICT in business operations", 127, 54.5),
        ("Understanding information security", 82, 35.0),
        ("System and business process design skills", 77, 33.0),
        (
            "Coordination and negotiation skills for ICT utilization within the organization",
            75,
            32.2,
        ),
        ("Understanding of implemented systems and tools", 52, 22.3),
    ],
    5: [
        ("Innovative proposal for integrating ICT in business operations", 131, 55.3),
        ("Understanding information security", 76, 32.1),
        (
            "Coordination and negotiation skills for ICT utilization within the organization",
            58,
            24.5,
        ),
        ("Understanding of implemented systems and tools", 56, 23.6),
        ("Negotiation and coordination skills with external businesses", 55, 23.2),
    ],
    8: [
        (
            "Coordination and negotiation skills for ICT utilization within the organization",
            133,
            57.1,
        ),
        (
            "Coaching skills to foster awareness of ICT utilization within the organization",
            132,
            56.7,
        ),
        (
            "Driving force for establishing evidence-based policy making within the organization",
            111,
            47.6,
        ),
        ("Understanding information security", 103, 44.2),
        ("Innovative proposal for integrating ICT in business operations", 37, 15.9),
    ],
    9: [
        (
            "Coordination and negotiation skills for ICT utilization within the organization",
            135,
            57.0,
        ),
        ("Understanding information security", 110, 46.4),
        (
            "Coaching skills to foster awareness of ICT utilization within the organization",
            108,
            45.6,
        ),
        (
            "Driving force for establishing evidence-based policy making within the organization",
            85,
            35.9,
        ),
        ("Understanding of laws pertaining to ICT utilization", 54, 22.8),
    ],
}
RESPONDENTS = {4: 233, 5: 237, 8: 233, 9: 237}
ROLE_TABLES = {"JMRC-R-TALENT": (4, 5), "JMRC-R-MANAGER": (8, 9)}


@pytest.fixture(scope="module")
def packs():
    return load_shipped_packs()


def all_frameworks(packs):
    return list(packs.frameworks.values())


def test_every_shipped_pack_loads_and_validates(packs):
    names = [entry.name for entry in shipped_pack_files()]

    assert names == [
        "crosswalk-jmrc-2024-to-mic-2022.yaml",
        "crosswalk-jmrc-2024-to-nakagawa-2025.yaml",
        "jmrc-2024-survey-items.yaml",
        "mic-2022-external-dx.yaml",
        "nakagawa-2025-coordination.yaml",
    ]
    assert sorted(packs.frameworks) == [SURVEY, MIC, COORDINATION]
    assert sorted(packs.crosswalks) == ["JMRC-2024-TO-MIC-2022", "JMRC-2024-TO-NAKAGAWA-2025"]


def test_iterating_the_shipped_packs_gives_the_frameworks_then_the_crosswalks(packs):
    kinds = [type(pack).__name__ for pack in packs]

    assert kinds == ["Framework"] * 3 + ["Crosswalk"] * 2
    assert len(packs) == 5


def test_each_shipped_file_also_loads_on_its_own():
    frameworks = [
        load_framework(f) for f in shipped_pack_files() if not f.name.startswith("crosswalk-")
    ]
    crosswalks = [
        load_crosswalk(f, frameworks)
        for f in shipped_pack_files()
        if f.name.startswith("crosswalk-")
    ]

    assert len(frameworks) == 3
    assert len(crosswalks) == 2


def test_role_targets_only_name_skills_of_their_framework(packs):
    for framework in all_frameworks(packs):
        skill_codes = {skill.code for skill in framework.skills}
        for role in framework.roles:
            assert role.targets, role.code
            assert set(role.targets) <= skill_codes, role.code
            assert all(0 <= level <= 4 for level in role.targets.values()), role.code


def test_every_skill_has_an_anchor_for_levels_one_to_four_in_japanese_and_english(packs):
    for framework in all_frameworks(packs):
        for skill in framework.skills:
            assert tuple(sorted(skill.anchors)) == ANCHORED_LEVELS, skill.code
            for level, anchor in skill.anchors.items():
                assert anchor.ja.strip() and anchor.en.strip(), (skill.code, level)
            anchors_ja = [skill.anchors[n].ja for n in ANCHORED_LEVELS]
            assert len(set(anchors_ja)) == 4, f"{skill.code}: each level needs its own anchor"


def test_every_skill_and_role_names_its_source(packs):
    for framework in all_frameworks(packs):
        for item in (*framework.skills, *framework.roles):
            assert len(item.source) > 20, item.code


def test_every_pack_says_the_anchors_are_dxtalents_own_writing(packs):
    for item in (*packs.frameworks.values(), *packs.crosswalks.values()):
        assert "dxtalent" in item.authorship_note.en and "dxtalent" in item.authorship_note.ja
    for framework in all_frameworks(packs):
        assert "anchors" in framework.authorship_note.en
        assert "行動指標" in framework.authorship_note.ja


def test_skill_codes_carry_the_prefix_of_their_framework(packs):
    prefixes = {MIC: "MIC-", COORDINATION: "CO-", SURVEY: "JMRC-"}
    for code, prefix in prefixes.items():
        framework = packs.framework(code)
        codes = [s.code for s in framework.skills] + [r.code for r in framework.roles]
        assert all(c.startswith(prefix) for c in codes), code


def test_japanese_texts_have_no_stray_spaces_from_yaml_line_folding(packs):
    between_japanese = re.compile(r"[^\x00-\x7f] [^\x00-\x7f]")
    texts = []
    for framework in all_frameworks(packs):
        texts += [framework.name, framework.description, framework.authorship_note]
        for skill in framework.skills:
            texts += [skill.name, skill.description, *skill.anchors.values()]
        texts += [t for role in framework.roles for t in (role.name, role.description)]
    for crosswalk in packs.crosswalks.values():
        texts += [crosswalk.description, *(m.note for m in crosswalk.mappings)]

    assert [t.ja for t in texts if between_japanese.search(t.ja)] == []


def test_mic_roles_keep_the_papers_hierarchy_and_mics_scopes(packs):
    mic = packs.framework(MIC)
    ranks = {role.code: role.rank for role in mic.roles}
    scopes = {role.code: role.scope for role in mic.roles}

    assert ranks == {"MIC-R-PRODUCER": 1, "MIC-R-PM": 2, "MIC-R-SD": 3, "MIC-R-ENGINEER": 4}
    assert scopes == {
        "MIC-R-PRODUCER": Scope.ORGANISATION,
        "MIC-R-PM": Scope.PROJECT,
        "MIC-R-SD": Scope.PROJECT,
        "MIC-R-ENGINEER": Scope.PROJECT,
    }
    assert mic.role("MIC-R-PRODUCER").name.ja == "プロデューサー（CIO補佐官等）"
    assert "footnote 1" in mic.role("MIC-R-ENGINEER").source


def test_mic_pack_states_that_the_four_roles_are_a_menu(packs):
    mic = packs.framework(MIC)

    assert "menu" in mic.description.en
    assert "メニュー" in mic.description.ja
    assert "hierarchy" in mic.description.en


def test_mic_pack_holds_the_skills_recoverable_from_mics_summary_table(packs):
    names = {skill.name.ja for skill in packs.framework(MIC).skills}

    assert names >= {
        "全体方針立案",
        "国の政策動向に関する知見",
        "サービスデザイン思考",
        "企画構想",
        "スケジュール管理",
        "コスト管理",
        "業務改革",
        "サービス設計",
        "UI・UX",
        "RPA・ローコード等に関する知見",
        "データ分析",
        "情報セキュリティ",
    }


def test_mic_pack_cites_mics_urls_and_says_its_targets_are_dxtalents_reading(packs):
    mic = packs.framework(MIC)

    assert "https://www.soumu.go.jp/menu_news/s-news/01ryutsu06_02000438.html" in mic.source
    assert "https://www.soumu.go.jp/main_content/000818221.pdf" in mic.source
    for role in mic.roles:
        assert "targets: dxtalent's reading of MIC's role descriptions" in role.source


def test_mic_producer_needs_more_of_its_own_skills_than_any_other_role(packs):
    mic = packs.framework(MIC)
    for skill in mic.skills_in("MIC-A-PRODUCER"):
        producer = mic.target("MIC-R-PRODUCER", skill.code)
        others = [mic.target(r.code, skill.code) for r in mic.roles if r.code != "MIC-R-PRODUCER"]
        assert producer is not None
        assert all(other is not None and producer >= other for other in others), skill.code


def test_coordination_pack_has_the_papers_skills_and_team_roles(packs):
    coordination = packs.framework(COORDINATION)
    central = coordination.role("CO-R-CENTRAL")
    staff = coordination.role("CO-R-STAFF")
    core = ("CO-COMM", "CO-LEAD", "CO-NEGO", "CO-SPEC")

    assert {s.code for s in coordination.skills} == {*core, "CO-GOVT"}
    assert all(central.target(code) == 4 for code in core)
    assert all(staff.target(code) == 3 for code in core)
    assert central.rank < staff.rank
    assert "at least two" in staff.description.en
    assert all('"Discussion"' in coordination.skill(code).source for code in core)
    assert '"Conclusion"' in coordination.skill("CO-GOVT").source


def test_every_item_of_tables_4_5_8_and_9_is_in_the_survey_pack(packs):
    survey = packs.framework(SURVEY)
    by_english = {skill.name.en: skill for skill in survey.skills}

    items = {item for rows in TABLES.values() for item, _, _ in rows}
    assert set(by_english) == items
    for table, rows in TABLES.items():
        for item, responses, _ in rows:
            source = by_english[item].source
            assert f"Table {table} (" in source, (item, table)
            assert f"{responses} of {RESPONDENTS[table]}" in source, (item, table)


def test_survey_items_have_japanese_names_that_are_not_the_english_ones(packs):
    for skill in packs.framework(SURVEY).skills:
        assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", skill.name.ja), skill.code


def test_survey_role_targets_follow_the_documented_rate_rule(packs):
    """Higher of the two departments' rates: ≥ 50 % → 3, ≥ 30 % → 2, else 1; no target for
    items in neither table."""
    survey = packs.framework(SURVEY)
    code_of = {skill.name.en: skill.code for skill in survey.skills}
    for role_code, tables in ROLE_TABLES.items():
        best: dict[str, float] = {}
        for table in tables:
            for item, _, rate in TABLES[table]:
                best[code_of[item]] = max(rate, best.get(code_of[item], 0.0))
        expected = {
            code: 3 if rate >= 50 else 2 if rate >= 30 else 1 for code, rate in best.items()
        }
        assert dict(survey.role(role_code).targets) == expected, role_code


def test_printed_rates_match_the_counts_except_one_known_rounding_slip():
    slips = [
        (table, item)
        for table, rows in TABLES.items()
        for item, responses, rate in rows
        if round(100 * responses / RESPONDENTS[table], 1) != rate
    ]

    # Table 4 prints 35.0 % for 82 of 233 (35.2 %); the pack's source notes it.
    assert slips == [(4, "Understanding information security")]


def test_the_survey_crosswalks_map_coordination_items_as_the_paper_does(packs):
    to_coordination = packs.crosswalk("JMRC-2024-TO-NAKAGAWA-2025")
    to_mic = packs.crosswalk("JMRC-2024-TO-MIC-2022")

    assert {m.to_skill for m in to_coordination.mappings_from("JMRC-04")} == {"CO-COMM", "CO-LEAD"}
    assert [m.to_skill for m in to_coordination.mappings_from("JMRC-06")] == ["CO-NEGO"]
    assert to_coordination.translate({"JMRC-04": 3, "JMRC-06": 2}) == {
        "CO-COMM": 3,
        "CO-LEAD": 3,
        "CO-NEGO": 2,
    }
    assert to_mic.translate({"JMRC-02": 3}) == {"MIC-P05": 3}
    assert to_mic.translate({"JMRC-04": 4, "JMRC-06": 4, "JMRC-07": 4}) == {}
