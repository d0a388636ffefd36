"""The diagnostic rules: each a small function from the team and its parameters to findings,
with an id, a switch (`enabled` in its parameters) and the source it rests on.

Rules about "now" look at the DX members in post on the reference day; the succession rule
looks at the end of each fiscal year of the horizon (see rotation). Messages are plain
sentences in Japanese and English that name the people concerned.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from dxtalent.core.assessments import Gap
from dxtalent.core.calendar import DepartureKind
from dxtalent.core.diagnostics import small
from dxtalent.core.diagnostics.advice import departure_steps
from dxtalent.core.diagnostics.capabilities import mic_roles, skill_name
from dxtalent.core.diagnostics.model import (
    EMPLOYMENT_LABELS,
    RULE_IDS,
    Capability,
    Criterion,
    Departure,
    DepartureReason,
    EmploymentType,
    Finding,
    LevelCriterion,
    RoleFitCriterion,
    Severity,
    SmallMunicipality,
    Successor,
    TeamMember,
    UnknownRuleError,
    strength,
)
from dxtalent.core.diagnostics.settings import (
    BusFactorParams,
    CentralFigureParams,
    CoordinatingStaffParams,
    ExternalPairingParams,
    MicRolesParams,
    NegotiationParams,
    SpecificationTeamParams,
    SuccessionParams,
)
from dxtalent.core.diagnostics.team import TeamView
from dxtalent.core.diagnostics.wording import en_list as _en_list
from dxtalent.core.diagnostics.wording import en_people as _en_people
from dxtalent.core.diagnostics.wording import en_person as _en_person
from dxtalent.core.diagnostics.wording import ja_date as _ja_date
from dxtalent.core.diagnostics.wording import ja_people as _ja_people
from dxtalent.core.diagnostics.wording import ja_person as _ja_person
from dxtalent.core.frameworks import Text

SOURCES: Mapping[str, str] = {
    "central-figure": (
        'Nakagawa 2025, "Discussion": a single central figure handles communication (1), '
        'leadership (2), negotiation (3) and specification documents; "Conclusion": '
        "exceptional local civil servants serving as control towers"
    ),
    "coordinating-staff": (
        'Nakagawa 2025, "Discussion": "alongside the central figure, the DX or digital '
        "department should include a minimum of two additional ones who are proficient in "
        'tasks related to abilities (1, 2, and 3) and the creation of specification documents"'
    ),
    "specification-team": (
        'Nakagawa 2025, "Discussion": "creating specification documents typically demands the '
        'involvement of at least three staff members"'
    ),
    "mic-roles": (
        "MIC 2022, 自治体DX推進のための外部人材スキル標準: four talent profiles, a menu from which "
        "each municipality chooses (https://blogs.itmedia.co.jp/business20/2022/07/post_7737.html); "
        "role targets and the fit threshold: dxtalent"
    ),
    "bus-factor": (
        'dxtalent, from Nakagawa 2025, "Discussion": staff rotate every three to five years, '
        "so no critical capability should rest on one person"
    ),
    "succession": (
        'Nakagawa 2025, "Discussion": staff rotate every three to five years unless in '
        "specialised posts; the central figure must recruit and groom at least two staff and "
        'nurture people without experience from the ground up; "Data and Empirics": many staff '
        "cannot attend training during working hours, so growing a successor takes time"
    ),
    "external-pairing": (
        'Nakagawa 2025, "Conclusion": digital professionals lack an understanding of how local '
        "governments function; strong relationships between digital professionals and in-house "
        "digital experts are key (Yurihonjo, Sakata, Nagai)"
    ),
    "negotiation-capacity": (
        'Nakagawa 2025, "Discussion", third challenge: vendor lock-in, information asymmetry, '
        "contracts of a year or longer; one negotiator per N contracts: dxtalent's assumption"
    ),
}

# Each rule's source in a short sentence the reader can act on; the original quote (SOURCES)
# stays behind a disclosure on the page.
SOURCE_SUMMARIES: Mapping[str, Text] = {
    "central-figure": Text(
        "中川（2025）「考察」「結論」: 中心となる1人が部門内の意思疎通、部門外の支持の獲得、事業者との"
        "交渉、仕様書作成を担い、司令塔は自治体の職員が務めている。",
        'Nakagawa (2025), "Discussion" and "Conclusion": one central figure handles the four '
        "abilities; the control towers are local civil servants.",
    ),
    "coordinating-staff": Text(
        "中川（2025）「考察」: 中心人物のほかに、同じ能力を持つ職員が少なくとも2人必要。",
        'Nakagawa (2025), "Discussion": at least two more staff with the same abilities besides '
        "the central figure.",
    ),
    "specification-team": Text(
        "中川（2025）「考察」: 仕様書の作成には通常3人以上の職員が関わる。",
        'Nakagawa (2025), "Discussion": a specification usually takes at least three staff.',
    ),
    "mic-roles": Text(
        "総務省（2022）「自治体DX推進のための外部人材スキル標準」: 4つの人材像から団体が必要なものを選ぶ。"
        "目標レベルと適合度の基準は dxtalent の設定。",
        "MIC (2022) skill standard for external DX talent: four profiles to choose from; targets "
        "and the fit threshold are dxtalent's.",
    ),
    "bus-factor": Text(
        "dxtalent（中川 2025「考察」より）: 職員は3〜5年で異動するため、重要な能力を1人に頼らない。",
        'dxtalent, from Nakagawa (2025), "Discussion": staff rotate every 3–5 years, so no '
        "critical capability should rest on one person.",
    ),
    "succession": Text(
        "中川（2025）「考察」「データと実証」: 職員は3〜5年で異動し、中心人物は後継者を育てる必要がある。"
        "勤務時間内に研修を受けられない職員が多く、育成には時間がかかる。",
        'Nakagawa (2025), "Discussion" and "Data and Empirics": staff rotate every 3–5 years; '
        "successors must be grown, and training in working hours is hard to attend.",
    ),
    "external-pairing": Text(
        "中川（2025）「結論」: 外部の専門人材は自治体の仕組みを知らないことが多く、庁内の職員との協働が鍵。",
        'Nakagawa (2025), "Conclusion": external professionals often do not know how local '
        "government works; pairing them with in-house staff is key.",
    ),
    "negotiation-capacity": Text(
        "中川（2025）「考察」: ベンダーロックインと情報の非対称性に対し、交渉できる職員が必要。"
        "交渉担当1人あたりの契約数は dxtalent の仮定。",
        'Nakagawa (2025), "Discussion": vendor lock-in and information asymmetry call for '
        "negotiators; contracts per negotiator is dxtalent's assumption.",
    ),
}

NAMES: Mapping[str, Text] = {
    "central-figure": Text("中心人物（司令塔）", "Central figure (control tower)"),
    "coordinating-staff": Text("中心人物のほかに調整を担う2人", "Two more coordinating staff"),
    "specification-team": Text("仕様書作成は3人以上", "Specifications take three people"),
    "mic-roles": Text("総務省の4つの人材像", "MIC's four roles"),
    "bus-factor": Text("一人に依存する能力", "Capabilities resting on one person"),
    "succession": Text("異動と後任", "Rotation and successors"),
    "external-pairing": Text(
        "外部人材と自治体業務に通じた職員の協働",
        "External professionals paired with in-house staff",
    ),
    "negotiation-capacity": Text("事業者との交渉力", "Negotiation capacity for vendor contracts"),
}

# Gaps listed per person in a message; the rest are counted.
MAX_GAPS_SHOWN = 3


# --- wording ------------------------------------------------------------------------------


def _en_count(count: int) -> str:
    return "1 person" if count == 1 else f"{count} people"


def _enough(members: Sequence[TeamMember], needed: float) -> bool:
    """Whether the members' full-time equivalents (model.strength) reach `needed`."""
    return strength(members) >= needed - 1e-9


def _ja_n(members: Sequence[TeamMember]) -> str:
    """ "2人", or "2人（常勤換算1.2人）" when someone works part of full time."""
    fte = strength(members)
    if fte == len(members):
        return f"{len(members)}人"
    return f"{len(members)}人（常勤換算{fte:g}人）"


def _en_n(members: Sequence[TeamMember]) -> str:
    """ "2 people", or "2 people (1.2 full-time equivalent)"."""
    fte = strength(members)
    if fte == len(members):
        return _en_count(len(members))
    return f"{_en_count(len(members))} ({fte:g} full-time equivalent)"


def _gaps(gaps: Sequence[Gap], language: str) -> str:
    shown = [f"{skill_name(g.skill).get(language)} {g.level}→{g.target}" for g in gaps]
    rest = len(shown) - MAX_GAPS_SHOWN
    if language == "ja":
        text = "、".join(shown[:MAX_GAPS_SHOWN])
        return text + (f" ほか{rest}件" if rest > 0 else "")
    text = ", ".join(shown[:MAX_GAPS_SHOWN])
    return text + (f" and {rest} more" if rest > 0 else "")


def _ja_minimums(minimums: Mapping[str, int]) -> str:
    names = [skill_name(skill).ja for skill in minimums]
    levels = set(minimums.values())
    if len(levels) == 1:
        if len(names) == 1:
            return f"{names[0]}がレベル{levels.pop()}以上"
        return f"{'、'.join(names)}がいずれもレベル{levels.pop()}以上"
    return "、".join(f"{skill_name(s).ja}がレベル{level}以上" for s, level in minimums.items())


def _en_minimums(minimums: Mapping[str, int]) -> str:
    names = [skill_name(skill).en for skill in minimums]
    levels = set(minimums.values())
    if len(levels) == 1:
        return f"level {levels.pop()} or above in {_en_list(names)}"
    return _en_list(
        [f"level {level} or above in {skill_name(s).en}" for s, level in minimums.items()]
    )


def _ja_candidates(candidates: Sequence[tuple[TeamMember, Sequence[Gap]]]) -> str:
    return "、".join(f"{_ja_person(m)}（{_gaps(gaps, 'ja')}）" for m, gaps in candidates)


def _en_candidates(candidates: Sequence[tuple[TeamMember, Sequence[Gap]]]) -> str:
    return ", ".join(f"{_en_person(m)} ({_gaps(gaps, 'en')})" for m, gaps in candidates)


def _origin(member: TeamMember) -> Text:
    label = EMPLOYMENT_LABELS[EmploymentType(member.employment_type)]
    if member.is_external:
        return Text(f"外部・{label.ja}", f"external, {label.en}")
    return Text(f"庁内・{label.ja}", f"in-house, {label.en}")


# --- small municipalities -----------------------------------------------------------------


def _small(team: TeamView) -> SmallMunicipality:
    return small.small_municipality(team.members, team.capabilities, team.settings)


def _ja_options(options: Sequence[Text]) -> str:
    return "できること: " + "／".join(o.ja for o in options) + "。" if options else ""


def _en_options(options: Sequence[Text]) -> str:
    return " What is possible: " + "; ".join(o.en for o in options) + "." if options else ""


def _ja_shared(team: TeamView, work: str, count: int) -> str:
    used = small.used(team.settings.small_municipality, work).ja
    return f"共有の人材{count}人分（{used}）" if used else "共有の人材0人分"


def _en_shared(team: TeamView, work: str, count: int) -> str:
    used = small.used(team.settings.small_municipality, work).en
    return (
        f"{count} counted from shared resources ({used})" if used else "none from shared resources"
    )


SMALL_JA = "小規模団体の読み替え: "
SMALL_EN = "Small municipality: "


# --- shared selections --------------------------------------------------------------------


def nearest(
    people: Iterable[TeamMember], criterion: Criterion, count: int
) -> list[tuple[TeamMember, tuple[Gap, ...]]]:
    """Up to `count` people who do not meet `criterion`, closest first (fewest level steps
    short, then the given order), each with the gaps to close."""
    short = [(criterion.shortfall(m.levels), index, m) for index, m in enumerate(people)]
    ranked = sorted((s for s in short if s[0] > 0), key=lambda s: (s[0], s[1]))
    return [(m, criterion.gaps(m.levels)) for _, _, m in ranked[:count]]


def central_figure_candidates(
    team: TeamView, params: CentralFigureParams
) -> tuple[TeamMember, ...]:
    """DX members in post today who meet the central figure's criterion, the strongest first
    (highest sum of levels in the criterion's skills, then the given order)."""
    criterion = LevelCriterion(params.minimums)
    able = [
        m
        for m in team.present()
        if criterion.meets(m.levels) and not (params.in_house_only and m.is_external)
    ]
    strength = {m.id: sum(m.level(skill) for skill in params.minimums) for m in able}
    return tuple(sorted(able, key=lambda m: -strength[m.id]))


# --- the rules ----------------------------------------------------------------------------


def check_central_figure(team: TeamView, params: CentralFigureParams) -> list[Finding]:
    """Critical when nobody meets the central figure's criterion (naming the two closest);
    info naming the central figure (the strongest candidate) otherwise."""
    rule = "central-figure"
    candidates = central_figure_candidates(team, params)
    ja_min, en_min = _ja_minimums(params.minimums), _en_minimums(params.minimums)
    if candidates:
        chosen, others = candidates[0], candidates[1:]
        ja = f"{_ja_person(chosen)}が中心人物（司令塔）の条件（{ja_min}）を満たしています。"
        en = f"{_en_person(chosen)} meets the criteria of the central figure (control tower): {en_min}."
        if others:
            ja += f"ほかに{_ja_people(others)}も満たしています。"
            en += f" So {'does' if len(others) == 1 else 'do'} {_en_people(others)}."
        return [
            Finding(
                rule, Severity.INFO, Text(ja, en), tuple(m.id for m in candidates), SOURCES[rule]
            )
        ]
    pool = [m for m in team.present() if not (params.in_house_only and m.is_external)]
    closest = nearest(pool, LevelCriterion(params.minimums), 2)
    scope_ja = "庁内の職員で" if params.in_house_only else ""
    scope_en = " among in-house staff" if params.in_house_only else ""
    ja = f"中心人物（司令塔）になれる職員がいません。{scope_ja}{ja_min}の人がいないためです。"
    en = f"Nobody can act as the central figure (control tower): no one{scope_en} has {en_min}."
    if closest:
        ja += f"最も近いのは{_ja_candidates(closest)}です。"
        en += f" Closest: {_en_candidates(closest)}."
    severity = Severity.CRITICAL
    source = SOURCES[rule]
    status = _small(team)
    if status.active:
        # The pool's professionals act as producer for municipalities (MIC 2024 model): they
        # stand in, but the control tower should grow in-house.
        params_small = team.settings.small_municipality
        source = f"{source}; {small.SOURCE_SMALL}"
        if params_small.pool_people():
            severity = Severity.WARNING
            ja += (
                f"{SMALL_JA}都道府県の人材プール（年{params_small.pool_days}日）のプロデューサー等が"
                "支える間に、庁内で中心人物を育ててください。"
            )
            en += (
                f" {SMALL_EN}the prefecture's pool ({params_small.pool_days} days a year) can "
                "act as producer meanwhile; grow the central figure in-house."
            )
        else:
            options = small.options(params_small, "coordination", 1)
            ja += SMALL_JA + _ja_options(options)
            en += " " + SMALL_EN + _en_options(options).strip()
    return [
        Finding(
            rule,
            severity,
            Text(ja, en),
            tuple(m.id for m, _ in closest),
            source,
        )
    ]


def check_coordinating_staff(team: TeamView, params: CoordinatingStaffParams) -> list[Finding]:
    """Besides the central figure (see check_central_figure; its parameters pick them even
    when that rule is off), at least min_people meet the criterion: info when so; a warning
    when fewer, critical when none, naming the nearest candidates."""
    rule = "coordinating-staff"
    candidates = central_figure_candidates(team, team.settings.central_figure)
    central = candidates[0] if candidates else None
    criterion = LevelCriterion(params.minimums)
    pool = [m for m in team.present() if central is None or m.id != central.id]
    able = [m for m in pool if criterion.meets(m.levels)]
    ja_min, en_min = _ja_minimums(params.minimums), _en_minimums(params.minimums)
    ja_central = f"（{_ja_person(central)}）" if central else ""
    en_central = f" ({_en_person(central)})" if central else ""
    status = _small(team)
    if status.active:
        return [_small_coordinating(team, params, central, pool, able, status)]
    if _enough(able, params.min_people):
        ja = (
            f"中心人物{ja_central}のほかに、{ja_min}の職員が{_ja_n(able)}います"
            f"（{_ja_people(able)}）。論文の求める{params.min_people}人以上を満たしています。"
        )
        en = (
            f"Besides the central figure{en_central}, {_en_n(able)} "
            f"{'has' if len(able) == 1 else 'have'} {en_min}: {_en_people(able)}; the paper "
            f"asks for at least {params.min_people}."
        )
        return [
            Finding(rule, Severity.INFO, Text(ja, en), tuple(m.id for m in able), SOURCES[rule])
        ]
    closest = nearest(pool, criterion, params.candidates)
    if able:
        ja = (
            f"中心人物{ja_central}のほかに、{ja_min}の職員が{_ja_n(able)}（{_ja_people(able)}）"
            f"しかいません。論文は少なくとも{params.min_people}人を求めています。"
        )
        en = (
            f"Besides the central figure{en_central}, only {_en_n(able)} "
            f"({_en_people(able)}) {'has' if len(able) == 1 else 'have'} {en_min}; the paper "
            f"asks for at least {params.min_people}."
        )
    else:
        ja = (
            f"中心人物{ja_central}のほかに、{ja_min}の職員がいません。"
            f"論文は少なくとも{params.min_people}人を求めています。"
        )
        en = (
            f"Besides the central figure{en_central}, nobody has {en_min}; the paper asks for "
            f"at least {params.min_people}."
        )
    if closest:
        ja += f"候補: {_ja_candidates(closest)}。"
        en += f" Nearest: {_en_candidates(closest)}."
    severity = Severity.WARNING if able else Severity.CRITICAL
    people = tuple(m.id for m in able) + tuple(m.id for m, _ in closest)
    return [Finding(rule, severity, Text(ja, en), people, SOURCES[rule])]


def _small_coordinating(
    team: TeamView,
    params: CoordinatingStaffParams,
    central: TeamMember | None,
    pool: Sequence[TeamMember],
    able: Sequence[TeamMember],
    status: SmallMunicipality,
) -> Finding:
    """Coordinating staff read through shared resources: the central figure and the able
    staff are the in-house seats of a team of min_people + 1 (see core.diagnostics.small)."""
    rule = "coordinating-staff"
    shared = status.shared["coordination"]
    in_house = len(able) + (1 if central else 0)
    besides = small.counted(in_house, shared, params.min_people + 1) - (1 if central else 0)
    from_shared = besides - len(able)
    ja_central = f"（{_ja_person(central)}）" if central else ""
    en_central = f" ({_en_person(central)})" if central else ""
    ja_shared = _ja_shared(team, "coordination", from_shared)
    en_shared = _en_shared(team, "coordination", from_shared)
    ja = (
        f"{SMALL_JA}中心人物{ja_central}のほかに調整を担う人は、庁内{len(able)}人と{ja_shared}で"
        f"{besides}人です。"
    )
    en = (
        f"{SMALL_EN}besides the central figure{en_central}, {len(able)} in-house and "
        f"{en_shared} make {besides}."
    )
    people = tuple(m.id for m in able)
    source = f"{SOURCES[rule]}; {small.SOURCE_SMALL}"
    if besides >= params.min_people:
        ja += f"論文の求める{params.min_people}人を満たしています。"
        en += f" The paper asks for {params.min_people}: met."
        return Finding(rule, Severity.INFO, Text(ja, en), people, source)
    short = params.min_people - besides
    ja += f"論文の求める{params.min_people}人に{short}人足りません。"
    en += f" The paper asks for {params.min_people}: {short} short."
    if in_house == 0:
        ja += "庁内に担い手がいないため、共有の人材は数えられません。"
        en += " With nobody in-house to work with, shared resources do not count."
    ja += _ja_options(small.options(team.settings.small_municipality, "coordination", short))
    en += _en_options(small.options(team.settings.small_municipality, "coordination", short))
    closest = nearest(pool, LevelCriterion(params.minimums), params.candidates)
    if closest:
        ja += f"庁内で育てる候補: {_ja_candidates(closest)}。"
        en += f" To grow in-house: {_en_candidates(closest)}."
    people += tuple(m.id for m, _ in closest)
    return Finding(rule, Severity.WARNING, Text(ja, en), people, source)


def check_specification_team(team: TeamView, params: SpecificationTeamParams) -> list[Finding]:
    """At least min_people at min_level in the specification skill: info when so; a warning
    when fewer, critical when one or nobody (a specification is impractical for a single
    member of staff, "Discussion")."""
    rule = "specification-team"
    able = [m for m in team.present() if m.level(params.skill) >= params.min_level]
    name = skill_name(params.skill)
    level = params.min_level
    status = _small(team)
    if status.active:
        return [_small_specification(team, params, able, status)]
    if _enough(able, params.min_people):
        ja = (
            f"{name.ja}がレベル{level}以上の職員が{_ja_n(able)}います（{_ja_people(able)}）。"
            f"仕様書の作成に必要な{params.min_people}人を満たしています。"
        )
        en = (
            f"{_en_n(able)} {'is' if len(able) == 1 else 'are'} at level {level} or "
            f"above in {name.en} ({_en_people(able)}): enough for the {params.min_people} a "
            "specification takes."
        )
        return [
            Finding(rule, Severity.INFO, Text(ja, en), tuple(m.id for m in able), SOURCES[rule])
        ]
    if able:
        ja = (
            f"仕様書の作成には少なくとも{params.min_people}人が必要ですが、{name.ja}がレベル"
            f"{level}以上の職員は{_ja_n(able)}（{_ja_people(able)}）です。"
        )
        en = (
            f"A specification takes at least {params.min_people} people, but only "
            f"{_en_n(able)} {'is' if len(able) == 1 else 'are'} at level {level} or "
            f"above in {name.en} ({_en_people(able)})."
        )
    else:
        ja = (
            f"仕様書の作成には少なくとも{params.min_people}人が必要ですが、{name.ja}がレベル"
            f"{level}以上の職員がいません。"
        )
        en = (
            f"A specification takes at least {params.min_people} people, but nobody is at "
            f"level {level} or above in {name.en}."
        )
    severity = Severity.CRITICAL if strength(able) <= 1 else Severity.WARNING
    return [Finding(rule, severity, Text(ja, en), tuple(m.id for m in able), SOURCES[rule])]


def _small_specification(
    team: TeamView,
    params: SpecificationTeamParams,
    able: Sequence[TeamMember],
    status: SmallMunicipality,
) -> Finding:
    """The specification team read through shared resources (see core.diagnostics.small)."""
    rule = "specification-team"
    name, level = skill_name(params.skill), params.min_level
    total = small.counted(len(able), status.shared["specification"], params.min_people)
    from_shared = total - len(able)
    ja_who = f"（{_ja_people(able)}）" if able else ""
    en_who = f" ({_en_people(able)})" if able else ""
    ja = (
        f"{SMALL_JA}仕様書の作成に加われるのは、{name.ja}がレベル{level}以上の庁内の職員"
        f"{len(able)}人{ja_who}と{_ja_shared(team, 'specification', from_shared)}で{total}人です。"
    )
    en = (
        f"{SMALL_EN}{len(able)} in-house at level {level} or above in {name.en}{en_who} and "
        f"{_en_shared(team, 'specification', from_shared)} make {total} to write a "
        "specification."
    )
    people = tuple(m.id for m in able)
    source = f"{SOURCES[rule]}; {small.SOURCE_SMALL}"
    if total >= params.min_people:
        ja += f"必要な{params.min_people}人を満たしています。"
        en += f" A specification takes {params.min_people}: met."
        return Finding(rule, Severity.INFO, Text(ja, en), people, source)
    short = params.min_people - total
    ja += f"必要な{params.min_people}人に{short}人足りません。"
    en += f" A specification takes {params.min_people}: {short} short."
    if not able:
        ja += (
            f"共有の人材は庁内の担い手と組んで数えるため、{name.ja}がレベル{level}以上の職員が"
            "庁内に1人は必要です。"
        )
        en += (
            f" Shared resources count alongside someone in-house, so one member of staff at "
            f"level {level} or above in {name.en} is needed."
        )
    options = small.options(team.settings.small_municipality, "specification", short)
    ja += _ja_options(options)
    en += _en_options(options)
    return Finding(rule, Severity.WARNING, Text(ja, en), people, source)


def check_mic_roles(team: TeamView, params: MicRolesParams) -> list[Finding]:
    """For each MIC role, who covers it (role fit ≥ min_score), in-house or external: info.
    A wanted role nobody covers is a warning naming the closest person: MIC's roles are a
    menu, so a missing one is not critical."""
    rule = "mic-roles"
    findings = []
    present = team.present()
    for role in mic_roles() if params.roles is None else params.roles:
        criterion = RoleFitCriterion.from_role(role, params.min_score)
        scores = {m.id: criterion.score(m.levels) for m in present}
        ranked = sorted(present, key=lambda m: -scores[m.id])
        covering = [m for m in ranked if criterion.meets(m.levels)]
        if covering:
            ja_list = "、".join(
                f"{_ja_person(m)}（{_origin(m).ja}、適合度{scores[m.id]:.2f}）" for m in covering
            )
            en_list = _en_list(
                [f"{_en_person(m)} ({_origin(m).en}; fit {scores[m.id]:.2f})" for m in covering]
            )
            ja = f"総務省の人材像「{role.name.ja}」は{ja_list}が担えます。"
            en = f"MIC's role “{role.name.en}” is covered by {en_list}."
            people = tuple(m.id for m in covering)
            findings.append(Finding(rule, Severity.INFO, Text(ja, en), people, SOURCES[rule]))
            continue
        if params.wanted is not None and role.code not in params.wanted:
            continue
        ja = f"総務省の人材像「{role.name.ja}」を担える人（適合度{params.min_score:.2f}以上）がいません。"
        en = f"Nobody covers MIC's role “{role.name.en}” (fit {params.min_score:.2f} or above)."
        people = ()
        if ranked:
            best = ranked[0]
            ja += f"最も近いのは{_ja_person(best)}（適合度{scores[best.id]:.2f}）です。"
            en += f" Closest: {_en_person(best)} (fit {scores[best.id]:.2f})."
            people = (best.id,)
        ja += "総務省のスキル標準は必要な人材像を選ぶメニューです。この人材像が必要なら、外部人材の任用か職員の育成を検討してください。"
        en += (
            " MIC's standard is a menu to choose from: if the team needs this role, consider "
            "recruiting external talent or developing staff."
        )
        findings.append(Finding(rule, Severity.WARNING, Text(ja, en), people, SOURCES[rule]))
    return findings


def check_bus_factor(team: TeamView, params: BusFactorParams) -> list[Finding]:
    """Every critical capability rests on at least min_people in post today: a warning when
    fewer, critical when nobody."""
    rule = "bus-factor"
    findings = []
    status = _small(team)
    for capability in team.capabilities:
        if not capability.critical:
            continue
        holders = team.holders(capability)
        if _enough(holders, params.min_people):
            continue
        work = small.CAPABILITY_WORK.get(capability.code)
        if status.active and work is not None:
            findings.append(_small_bus_factor(team, params, capability, holders, work, status))
            continue
        name, wanted = capability.name, params.min_people
        if not holders:
            ja = f"「{name.ja}」を担える職員がいません（少なくとも{wanted}人が望まれます）。"
            en = f"Nobody can cover “{name.en}” (at least {wanted} people are wanted)."
        elif len(holders) == 1:
            person = holders[0]
            ja = (
                f"「{name.ja}」を担えるのは{_ja_person(person)}だけです。{_ja_person(person)}が"
                f"異動・退職すると、チームからこの能力がなくなります（少なくとも{wanted}人が望まれます）。"
            )
            en = (
                f"Only {_en_person(person)} can cover “{name.en}”; if {_en_person(person)} "
                f"leaves, the team loses it (at least {wanted} people are wanted)."
            )
        else:
            ja = (
                f"「{name.ja}」を担えるのは{_ja_people(holders)}の{_ja_n(holders)}だけです"
                f"（少なくとも{wanted}人が望まれます）。"
            )
            en = (
                f"Only {_en_n(holders)} can cover “{name.en}” ({_en_people(holders)}); "
                f"at least {wanted} are wanted."
            )
        severity = Severity.WARNING if holders else Severity.CRITICAL
        findings.append(
            Finding(
                rule,
                severity,
                Text(ja, en),
                tuple(m.id for m in holders),
                SOURCES[rule],
                capability=capability.code,
            )
        )
    return findings


def _small_bus_factor(
    team: TeamView,
    params: BusFactorParams,
    capability: Capability,
    holders: Sequence[TeamMember],
    work: str,
    status: SmallMunicipality,
) -> Finding:
    """A critical capability of a small municipality resting on fewer than min_people
    in-house: info when shared resources make up the rest, else a warning saying what is
    possible (see core.diagnostics.small)."""
    rule = "bus-factor"
    name, wanted = capability.name, params.min_people
    total = small.counted(len(holders), status.shared[work], wanted)
    from_shared = total - len(holders)
    ja_who = _ja_people(holders) if holders else "庁内の誰も"
    en_who = _en_people(holders) if holders else "nobody in-house"
    ja = (
        f"{SMALL_JA}「{name.ja}」を担えるのは{ja_who}で、{_ja_shared(team, work, from_shared)}と"
        f"合わせて{total}人です（少なくとも{wanted}人が望まれます）。"
    )
    en = (
        f"{SMALL_EN}“{name.en}” rests on {en_who}, with {_en_shared(team, work, from_shared)}: "
        f"{total} (at least {wanted} are wanted)."
    )
    source = f"{SOURCES[rule]}; {small.SOURCE_SMALL}"
    people = tuple(m.id for m in holders)
    if total >= wanted:
        return Finding(
            rule, Severity.INFO, Text(ja, en), people, source, capability=capability.code
        )
    options = small.options(team.settings.small_municipality, work, wanted - total)
    ja += _ja_options(options)
    en += _en_options(options)
    return Finding(rule, Severity.WARNING, Text(ja, en), people, source, capability=capability.code)


def _ja_leaving(member: TeamMember, departure: Departure) -> str:
    if departure.reason is DepartureReason.HARD_END and departure.last_day is not None:
        return f"{_ja_person(member)}の任期が{_ja_date(departure.last_day)}に終わる"
    return f"{_ja_person(member)}が{departure.last_fiscal_year}年度末に異動する"


def _en_leaving(member: TeamMember, departure: Departure) -> str:
    if departure.reason is DepartureReason.HARD_END and departure.last_day is not None:
        return f"{_en_person(member)}'s term ends on {departure.last_day.isoformat()}"
    return f"{_en_person(member)} rotates out at the end of FY{departure.last_fiscal_year}"


def _ja_leavers(leavers: Sequence[TeamMember], team: TeamView) -> str:
    if len(leavers) == 1:
        return _ja_leaving(leavers[0], team.departures[leavers[0].id]) + "と"
    parts = []
    for m in leavers:
        departure = team.departures[m.id]
        if departure.reason is DepartureReason.HARD_END and departure.last_day is not None:
            parts.append(f"{_ja_person(m)}（{_ja_date(departure.last_day)}に任期満了）")
        else:
            parts.append(f"{_ja_person(m)}（{departure.last_fiscal_year}年度末に異動）")
    return "、".join(parts) + "が抜けると"


def _en_leavers(leavers: Sequence[TeamMember], team: TeamView) -> str:
    if len(leavers) == 1:
        return "When " + _en_leaving(leavers[0], team.departures[leavers[0].id])
    parts = []
    for m in leavers:
        departure = team.departures[m.id]
        if departure.reason is DepartureReason.HARD_END and departure.last_day is not None:
            parts.append(f"{_en_person(m)} (term ending {departure.last_day.isoformat()})")
        else:
            parts.append(
                f"{_en_person(m)} (rotating out at the end of FY{departure.last_fiscal_year})"
            )
    return f"When {_en_list(parts)} leave"


def check_succession(team: TeamView, params: SuccessionParams) -> list[Finding]:
    """For every capability and fiscal year of the horizon in which departures leave fewer
    people meeting it than its target (taking it below target, or further below when it
    already was): who leaves, what is left, and the best successors (people in post that
    year, closest to the criterion) with the gaps each must close. Critical for a critical
    capability lost within imminent_years after the current fiscal year, else a warning."""
    findings = []
    for capability in team.capabilities:
        before = team.holders(capability)
        for year in team.fiscal_years:
            after = team.holders(capability, year)
            after_ids = {m.id for m in after}
            leavers = [m for m in before if m.id not in after_ids]
            # Arrivals may make up for leavers; only a net loss below target is reported.
            dropped = strength(after) < min(strength(before), capability.target) - 1e-9
            if leavers and dropped:
                findings.append(
                    _succession_finding(team, params, capability, year, leavers, len(after))
                )
            before = after
    return findings


def _succession_finding(
    team: TeamView,
    params: SuccessionParams,
    capability: Capability,
    year: int,
    leavers: Sequence[TeamMember],
    left: int,
) -> Finding:
    rule = "succession"
    leaving = {m.id for m in leavers}
    pool = [
        m
        for m in team.members
        if m.id not in leaving
        and (m.is_dx or params.include_other_departments)
        and (team.in_post(m.id, year) if m.is_dx else team.employed(m.id, year))
    ]
    # DX members first among equally close people: they need no transfer.
    pool.sort(key=lambda m: not m.is_dx)
    successors = nearest(pool, capability.criterion, params.candidates)
    name, target = capability.name, capability.target
    ja_left = f"{left}人になります" if left else "いなくなります"
    en_left = f"only {_en_count(left)} can" if left else "nobody can"
    ja = f"{_ja_leavers(leavers, team)}、「{name.ja}」を担える職員が{ja_left}（目標{target}人）。"
    en = f"{_en_leavers(leavers, team)}, {en_left} cover “{name.en}” (target {target})."
    if successors:
        ja += f"後任の候補: {_ja_candidates(successors)}。"
        en += f" Best successors: {_en_candidates(successors)}."
    else:
        ja += "後任の候補になる職員がいません。"
        en += " Nobody in the team is in line to succeed."
    # Training mostly happens outside working hours (the paper), so the time left to the
    # departure decides what can still be done (core.diagnostics.advice).
    outlook, steps = departure_steps(team, capability, leavers, successors)
    if outlook is not None:
        time_left = outlook.time_left.text()
        if outlook.kind is DepartureKind.TERM_END:
            ja += f"任期満了（{_ja_date(outlook.last_day)}）まであと{time_left.ja}です。"
            en += f" {time_left.en} to the end of the term on {outlook.last_day.isoformat()}."
        else:
            ja += f"異動（{_ja_date(outlook.departure_day)}）まであと{time_left.ja}です。"
            en += f" {time_left.en} to the move on {outlook.departure_day.isoformat()}."
    status = _small(team)
    work = small.CAPABILITY_WORK.get(capability.code)
    shared = status.shared[work] if status.active and work is not None else 0
    if shared:
        ja += f"{SMALL_JA}目標は共有の人材{shared}人分を差し引いた庁内の人数です。"
        en += f" {SMALL_EN}the target is the in-house one, {shared} counted from shared resources."
    imminent = year <= team.current_fiscal_year + params.imminent_years
    severity = Severity.CRITICAL if capability.critical and imminent else Severity.WARNING
    return Finding(
        rule,
        severity,
        Text(ja, en),
        tuple(m.id for m in leavers) + tuple(m.id for m, _ in successors),
        SOURCES[rule],
        fiscal_year=year,
        capability=capability.code,
        successors=tuple(
            Successor(m.id, gaps, capability.criterion.shortfall(m.levels))
            for m, gaps in successors
        ),
        departure_day=outlook.departure_day if outlook else None,
        time_left=outlook.time_left if outlook else None,
        next_steps=steps,
    )


def check_external_pairing(team: TeamView, params: ExternalPairingParams) -> list[Finding]:
    """External professionals below min_level in understanding local government need
    in-house partners at min_level or above, one partner for up to externals_per_partner of
    them: a warning when there are too few partners."""
    rule = "external-pairing"
    present = team.present()
    externals = [m for m in present if m.is_external and m.level(params.skill) < params.min_level]
    partners = [
        m for m in present if not m.is_external and m.level(params.skill) >= params.min_level
    ]
    if not externals or len(partners) * params.externals_per_partner >= len(externals):
        return []
    name, level = skill_name(params.skill), params.min_level
    if not partners:
        ja = (
            f"外部人材の{_ja_people(externals)}と組める、{name.ja}がレベル{level}以上の庁内の職員が"
            "いません。論文は、外部の専門人材と自治体業務を知る庁内の職員との協働が成果の鍵だとしています。"
        )
        en = (
            f"No in-house member of staff at level {level} or above in {name.en} is there to "
            f"pair with the external professional{'s' if len(externals) > 1 else ''} "
            f"{_en_people(externals)}; the paper finds such pairs key to success."
        )
    else:
        ja = (
            f"外部人材{len(externals)}人（{_ja_people(externals)}）に対し、組める庁内の職員"
            f"（{name.ja}がレベル{level}以上）は{len(partners)}人（{_ja_people(partners)}）です。"
            f"1人が組める外部人材は{params.externals_per_partner}人までとしています。"
        )
        en = (
            f"{len(externals)} external professionals ({_en_people(externals)}) but only "
            f"{_en_count(len(partners))} in-house at level {level} or above in {name.en} to "
            f"pair with them ({_en_people(partners)}); one partner is counted for up to "
            f"{params.externals_per_partner}."
        )
    people = tuple(m.id for m in externals) + tuple(m.id for m in partners)
    return [Finding(rule, Severity.WARNING, Text(ja, en), people, SOURCES[rule])]


def check_negotiation_capacity(team: TeamView, params: NegotiationParams) -> list[Finding]:
    """Enough people at min_level in negotiation for the vendor contracts (see
    NegotiationParams.negotiators_needed): a warning when fewer, critical when nobody; silent
    without contracts."""
    rule = "negotiation-capacity"
    if params.workload:
        return _negotiation_by_year(team, params)
    needed = params.negotiators_needed()
    if needed == 0:
        return []
    able = [m for m in team.present() if m.level(params.skill) >= params.min_level]
    if _enough(able, needed):
        return []
    name, level = skill_name(params.skill), params.min_level
    status = _small(team)
    if status.active:
        return [_small_negotiation(team, params, able, needed, status)]
    ja_large = f"（うち大規模{params.large_contracts}件）" if params.large_contracts else ""
    en_large = f" ({params.large_contracts} of them large)" if params.large_contracts else ""
    ja_who = f"は{_ja_n(able)}（{_ja_people(able)}）です" if able else "がいません"
    en_who = (
        f"only {_en_n(able)} ({_en_people(able)}) {'is' if len(able) == 1 else 'are'}"
        if able
        else "nobody is"
    )
    ja = (
        f"事業者との契約{params.contracts}件{ja_large}に対し、{name.ja}がレベル{level}以上の職員{ja_who}。"
        f"目安は{needed}人です（{params.contracts_per_negotiator}件に1人、大規模な契約は"
        f"{params.large_contract_weight}件分）。交渉できる職員が足りないと、情報の非対称性から"
        "ベンダーロックインに陥りやすくなります。"
    )
    en = (
        f"For {params.contracts} vendor contracts{en_large}, {en_who} at level {level} or above "
        f"in {name.en}; the guide is {needed} (one per {params.contracts_per_negotiator} "
        f"contracts, a large one counting as {params.large_contract_weight}). Without enough "
        "negotiators, information asymmetry invites vendor lock-in."
    )
    severity = Severity.WARNING if able else Severity.CRITICAL
    return [Finding(rule, severity, Text(ja, en), tuple(m.id for m in able), SOURCES[rule])]


def _negotiation_by_year(team: TeamView, params: NegotiationParams) -> list[Finding]:
    """The register's renewals and migrations in each fiscal year of the horizon against the
    DX staff in post at the year's end who reach min_level in negotiation or in writing
    specifications (NegotiationParams); a finding for each year short of
    negotiators_needed_in, naming who of today's able staff will have rotated out by then.
    In small-municipality mode the shared resources for negotiation count too."""
    rule = "negotiation-capacity"
    status = _small(team)
    shared = status.shared["negotiation"] if status.active else 0
    level = params.min_level
    negotiation, specification = skill_name(params.skill), skill_name(params.specification_skill)

    def able(member: TeamMember) -> bool:
        return (
            member.level(params.skill) >= level or member.level(params.specification_skill) >= level
        )

    able_now = [m for m in team.present() if able(m)]
    findings = []
    for year in team.fiscal_years:
        needed = params.negotiators_needed_in(year)
        if needed == 0:
            continue
        work = params.workload[year]
        staff = [m for m in team.members if m.is_dx and able(m) and team.in_post(m.id, year)]
        if strength(staff) + shared >= needed - 1e-9:
            continue
        gone = [m for m in able_now if not team.in_post(m.id, year)]
        ja_staff = f"{_ja_n(staff)}（{_ja_people(staff)}）" if staff else "0人"
        en_staff = f"{_en_n(staff)} ({_en_people(staff)})" if staff else "nobody"
        ja_gone = f"今いる{_ja_people(gone)}はそれまでに異動する見込みです。" if gone else ""
        en_gone = f" {_en_people(gone)}, able today, will have rotated out by then." if gone else ""
        ja_shared = f"共有資源{shared}人を含め、" if shared else ""
        en_shared = f" with {shared} from shared resources" if shared else ""
        ja = (
            f"{year}年度は契約の更新{work.renewals}件と標準準拠システムへの移行{work.migrations}件が"
            f"あり、{ja_shared}{negotiation.ja}か{specification.ja}がレベル{level}以上の職員は"
            f"{ja_staff}です。目安は{needed}人です（1人あたり年{params.events_per_negotiator}件"
            f"という前提は dxtalent の仮定で、設定で変えられます）。{ja_gone}"
            "交渉や仕様書作成ができる職員が足りないと、ベンダーロックインに陥りやすくなります。"
        )
        en = (
            f"In FY{year} the register has {work.renewals} contract renewals and "
            f"{work.migrations} migrations to standard-compliant systems, and {en_staff} at "
            f"level {level} or above in {negotiation.en} or {specification.en}{en_shared}; the "
            f"guide is {needed} (one per {params.events_per_negotiator} a year, an assumption "
            f"of dxtalent you can change in the settings).{en_gone} Without enough people to "
            "negotiate and write specifications, vendor lock-in becomes likely."
        )
        severity = Severity.WARNING if staff or shared else Severity.CRITICAL
        people = tuple(m.id for m in staff) + tuple(m.id for m in gone)
        findings.append(
            Finding(
                rule,
                severity,
                Text(ja, en),
                people,
                f"{SOURCES[rule]}; renewals and migrations from the organisation's register",
                fiscal_year=year,
            )
        )
    return findings


def _small_negotiation(
    team: TeamView,
    params: NegotiationParams,
    able: Sequence[TeamMember],
    needed: int,
    status: SmallMunicipality,
) -> Finding:
    """Negotiators for a small municipality, counting shared resources (see
    core.diagnostics.small): info when they make up the rest, else a warning."""
    rule = "negotiation-capacity"
    name, level = skill_name(params.skill), params.min_level
    total = small.counted(len(able), status.shared["negotiation"], needed)
    from_shared = total - len(able)
    ja = (
        f"{SMALL_JA}事業者との契約{params.contracts}件に対し、{name.ja}がレベル{level}以上の庁内の"
        f"職員{len(able)}人と{_ja_shared(team, 'negotiation', from_shared)}で{total}人です"
        f"（目安は{needed}人）。"
    )
    en = (
        f"{SMALL_EN}for {params.contracts} vendor contracts, {len(able)} in-house at level "
        f"{level} or above in {name.en} and {_en_shared(team, 'negotiation', from_shared)} "
        f"make {total} (the guide is {needed})."
    )
    source = f"{SOURCES[rule]}; {small.SOURCE_SMALL}"
    people = tuple(m.id for m in able)
    if total >= needed:
        return Finding(rule, Severity.INFO, Text(ja, en), people, source)
    options = small.options(team.settings.small_municipality, "negotiation", needed - total)
    ja += _ja_options(options)
    en += _en_options(options)
    return Finding(rule, Severity.WARNING, Text(ja, en), people, source)


# --- the registry -------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """A diagnostic rule: id (a RULE_IDS entry), name, source, and `run`, which applies the
    rule with its parameters from the team's settings, or gives nothing when it is off."""

    id: str
    name: Text
    source: str
    check: Callable[[TeamView], list[Finding]]

    def run(self, team: TeamView) -> list[Finding]:
        """The rule's findings for `team`; [] when the rule is disabled."""
        if not team.settings.rule(self.id).enabled:
            return []
        return self.check(team)


def _rule(rule_id: str, check: Callable[[TeamView], list[Finding]]) -> Rule:
    return Rule(rule_id, NAMES[rule_id], SOURCES[rule_id], check)


RULES: tuple[Rule, ...] = (
    _rule("central-figure", lambda t: check_central_figure(t, t.settings.central_figure)),
    _rule(
        "coordinating-staff",
        lambda t: check_coordinating_staff(t, t.settings.coordinating_staff),
    ),
    _rule(
        "specification-team",
        lambda t: check_specification_team(t, t.settings.specification_team),
    ),
    _rule("mic-roles", lambda t: check_mic_roles(t, t.settings.mic_roles)),
    _rule("bus-factor", lambda t: check_bus_factor(t, t.settings.bus_factor)),
    _rule("succession", lambda t: check_succession(t, t.settings.succession)),
    _rule("external-pairing", lambda t: check_external_pairing(t, t.settings.external_pairing)),
    _rule(
        "negotiation-capacity",
        lambda t: check_negotiation_capacity(t, t.settings.negotiation_capacity),
    ),
)
assert tuple(rule.id for rule in RULES) == RULE_IDS


def rule(rule_id: str) -> Rule:
    """The rule with `rule_id`; UnknownRuleError if none."""
    for candidate in RULES:
        if candidate.id == rule_id:
            return candidate
    raise UnknownRuleError(rule_id)
