"""The staffing plan of an organisation: its scenario built from live data (team, candidates,
training programmes, budget), solved with core.planning."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from dxtalent.core.calendar import fiscal_year_of
from dxtalent.core.diagnostics import DiagnosisSettings, LevelCriterion, paper_capabilities
from dxtalent.core.i18n import in_language
from dxtalent.core.planning import (
    Advice,
    Adviser,
    ExternalPairing,
    Hire,
    Lever,
    Location,
    Plan,
    Scenario,
    Secondee,
    SideJob,
    Training,
    expected_successors,
    plan_risk,
    plan_staffing,
)
from dxtalent.core.planning import defaults as planning_defaults
from dxtalent.core.planning.explain import kind_label, person_names, status_label, strategy_label
from dxtalent.core.planning.scenario import MAX_PLAN_YEARS, is_successor
from dxtalent.core.planning.shortfalls import shortfall_text
from dxtalent.core.planning.solve_limits import DEFAULT_LIMITS
from dxtalent.web import versions
from dxtalent.web.diagnostics.services import profile_of, settings_for, to_domain
from dxtalent.web.organisations.models import Organisation
from dxtalent.web.people.models import CurrentLevel, Person, TrainingProgramme

STRATEGY_ORDER = ("acquire", "develop", "mix")
# Monte Carlo runs when a plan is evaluated against rotation, and the limits a request may ask.
RISK_RUNS = 10_000
MAX_RUNS = DEFAULT_LIMITS.runs
MAX_ROTATIONS = DEFAULT_LIMITS.rotations


def _candidate_levels(organisation: Organisation) -> dict[int, dict[str, int]]:
    levels: dict[int, dict[str, int]] = {}
    rows = CurrentLevel.objects.filter(
        organisation=organisation, person__kind="candidate"
    ).values_list("person_id", "skill__code", "level")
    for person, code, level in rows:
        cell = levels.setdefault(person, {})
        cell[code] = max(level, cell.get(code, 0))
    return levels


def candidate_lever(person: Person, levels: dict[str, int]) -> Lever:
    """A candidate as a lever of the kind their employment implies: a secondee
    (地域活性化起業人, 3 years), a side-job professional (a fraction of a person), an adviser
    or a hire.

    The cost is the candidate's expected yearly cost, else the kind's default from
    core.planning.defaults: an adviser ¥0 (MIC pays), a side job the 副業型 minimum of 48 days
    at the 政府CIO補佐官 day rate, a secondee or hire a DX manager's pay (Nara). Whether a
    secondee's or side-job professional's firm is in the three metropolitan areas is not in
    the candidate's record: not given (no state support counted) until the plan page says.
    """
    code = f"C-{person.external_id}"
    name = f"{person.family_name} {person.given_name}".strip() + (
        f"（{person.source_programme}）" if person.source_programme else ""
    )
    given = person.expected_yearly_cost
    # A candidate is one named person: engaged at most once at a time (Engagement.candidate).
    named: dict[str, Any] = {"candidate": person.external_id, "max_per_year": 1}
    if person.employment_type == "corporate_secondee":
        cost = given if given is not None else planning_defaults.HIRE_DX_MANAGER_COST_PER_YEAR
        return Secondee(
            code=code, name=name, levels=levels, cost_per_year=cost, duration_years=3.0, **named
        )
    if person.employment_type == "side_job":
        cost = given if given is not None else planning_defaults.SIDE_JOB_COST_PER_YEAR
        return SideJob(code=code, name=name, levels=levels, cost_per_year=cost, **named)
    if person.employment_type == "adviser":
        cost = given if given is not None else planning_defaults.ADVISER_COST_PER_VISIT
        return Adviser(code=code, name=name, levels=levels, cost_per_year=cost, **named)
    return Hire(
        code=code,
        name=name,
        levels=levels,
        cost_per_year=given or planning_defaults.HIRE_DX_MANAGER_COST_PER_YEAR,
        term_years=3 if person.employment_type == "fixed_term" else None,
        specialist_post=person.employment_type == "fixed_term",
        **named,
    )


def location_of(organisation: Organisation) -> Location | None:
    """Where the organisation is, for the programmes with area rules: its local-government
    code and whether it has a 条件不利地域 (diagnosis settings); None for an organisation that
    is not a local government (or is synthetic demo data, whose code is not a real one)."""
    if not organisation.is_local_government:
        return None
    return Location(organisation.code, profile_of(organisation).disadvantaged_area)


@dataclass(frozen=True)
class SupportRow:
    """One engagement lever's yen for a full year of one unit: gross, the state support cap
    that counts where the organisation is, the support and the net; and the note saying which
    support applies and why (in the reader's language). eligible: False when a programme's
    area rules rule the support out here."""

    code: str
    name: str
    kind: str
    gross: int
    cap: int
    support: int
    net: int
    note: str
    eligible: bool


def support_row(lever: Lever, language: str) -> SupportRow | None:
    """The lever's SupportRow; None for training (no state support, cost per seat)."""
    if isinstance(lever, Training):
        return None
    gross, support = lever.gross_in(1.0), lever.support_in(1.0)
    found = lever.eligibility()
    return SupportRow(
        code=lever.code,
        name=lever.name,
        kind=kind_label(lever.kind.value),
        gross=gross,
        cap=lever.support_cap(),
        support=support,
        net=gross - support,
        note=lever.support_note(Advice.PAGE).get(language),
        eligible=found is None or found.eligible,
    )


def support_rows(scenario: Scenario, plans: dict[str, Plan], language: str) -> list[SupportRow]:
    """The SupportRow of each engagement lever some plan uses, in the scenario's order."""
    used = {action.lever for plan in plans.values() for action in plan.actions}
    rows = [support_row(lever, language) for lever in scenario.levers if lever.code in used]
    return [row for row in rows if row is not None]


def programme_lever(programme: TrainingProgramme) -> Training | None:
    raises_to = {g.skill.code: g.to_level for g in programme.skills.select_related("skill")}
    if not raises_to:
        return None
    prerequisites = {
        g.skill.code: g.prerequisite
        for g in programme.skills.select_related("skill")
        if g.prerequisite
    }
    return Training(
        code=f"T-{programme.pk}",
        name=programme.name,
        raises_to=raises_to,
        seats_per_year=programme.seats or planning_defaults.TRAINING_SEATS_PER_YEAR,
        cost_per_seat=programme.cost_per_seat,
        months=max(1, programme.months),
        prerequisites=prerequisites,
        outside_working_hours=programme.outside_working_hours,
        completion_rate=programme.completion_rate,
    )


def scenario_for(
    organisation: Organisation, budget: int | None = None, years: int | None = None
) -> Scenario:
    """The organisation's scenario from its live data: the DX team with current levels and
    rotation, the paper's capabilities (central figure plus two, three specification writers,
    negotiation), each candidate as a lever, each training programme with the skills it raises,
    the days of the prefecture's accepted pool allocations (web.pool.services.plan_levers), and the yearly
    budget from the diagnosis settings. Kept per data version and day (web/versions.py; it
    holds the prefecture's last event, so a newly accepted allocation counts)."""
    return versions.kept(
        ("scenario", versions.data_version(organisation), budget, years, timezone.localdate()),
        lambda: _scenario(organisation, budget, years),
    )


def _scenario(organisation: Organisation, budget: int | None, years: int | None) -> Scenario:
    profile = profile_of(organisation)
    levels = _candidate_levels(organisation)
    candidates = Person.objects.filter(
        organisation=organisation, kind="candidate", active=True
    ).order_by("external_id")
    levers: list[Any] = [candidate_lever(p, levels.get(p.pk, {})) for p in candidates]
    for programme in TrainingProgramme.objects.filter(organisation=organisation).order_by("pk"):
        lever = programme_lever(programme)
        if lever is not None:
            levers.append(lever)
    today = timezone.localdate()
    first = fiscal_year_of(today) + 1
    # The diagnosis may forecast MAX_HORIZON_YEARS from today; a plan from next year one fewer.
    horizon = years or min(profile.horizon_years, MAX_PLAN_YEARS)
    team = tuple(to_domain(organisation))
    window = (profile.rotation_min_years, profile.rotation_max_years)
    # 人事異動 replaces those who rotate out: their successors arrive new to DX and can be
    # trained (scenario.expected_successors).
    seen_from = DiagnosisSettings(
        today=today,
        horizon_years=first + horizon - fiscal_year_of(today),
        rotation_window=window,
        reappointments=profile.reappointments,
    )
    team += expected_successors(team, seen_from, first + horizon - 1)
    capabilities = tuple(
        c
        for c in paper_capabilities(central_in_house=profile.central_in_house)
        if isinstance(c.criterion, LevelCriterion)
    )
    # The prefecture's accepted pool days: a lever in the fiscal year they were allocated for.
    from dxtalent.web.pool.services import plan_levers

    levers.extend(plan_levers(organisation, capabilities, range(first, first + horizon)).levers)
    return Scenario(
        name=organisation.name,
        # Plans start with the next fiscal year: its budget is the one still being drawn up.
        # Who is in post then is seen from today, as in the diagnosis: moves announced at the
        # March 内示 take effect on 1 April, before the first planned year is counted.
        first_fiscal_year=first,
        as_of=today,
        horizon_years=horizon,
        yearly_budget=budget if budget is not None else profile.yearly_budget,
        capabilities=capabilities,
        team=team,
        levers=tuple(levers),
        rotation_window=window,
        budget_basis=profile.budget_basis,
        reappointments=profile.reappointments,
        external_pairing=pairing_of(settings_for(organisation)),
        location=location_of(organisation),
    )


def pool_contribution(organisation: Organisation, scenario: Scenario) -> list[dict[str, Any]]:
    """What the prefecture's accepted pool allocations bring the organisation's plan (its
    `scenario`), as the plan page lists it (empty when none is accepted)."""
    from dxtalent.web.pool.services import contribution_rows, plan_levers

    return contribution_rows(
        plan_levers(organisation, scenario.capabilities, scenario.fiscal_years())
    )


def pairing_of(settings: DiagnosisSettings) -> ExternalPairing | None:
    """The diagnosis's external-pairing rule as the planner's constraint (None when off)."""
    rule = settings.external_pairing
    if not rule.enabled:
        return None
    return ExternalPairing(rule.skill, rule.min_level, rule.externals_per_partner)


def solve_strategies(scenario: Scenario, objective: str = "cost") -> dict[str, Plan]:
    """The same scenario three ways: acquire only, develop only, and the optimal mix."""
    return {
        strategy: plan_staffing(scenario, objective=objective, strategy=strategy)
        for strategy in STRATEGY_ORDER
    }


def plan_dict(
    scenario: Scenario,
    objective: str,
    strategy: str,
    rotations: int = 0,
    seed: int = 0,
    runs: int = RISK_RUNS,
    language: str = "ja",
) -> dict[str, Any]:
    """The plan as JSON-ready values, with "risk": its Monte Carlo evaluation against
    rotation (None when runs is 0 or there is no plan), and each shortfall's sentence in
    `language` (`with_texts`)."""
    plan = plan_staffing(
        scenario,
        objective=objective,
        strategy=strategy,
        rotation_scenarios=rotations,
        seed=seed,
        time_limit=DEFAULT_LIMITS.time_limit,
    )
    data = with_texts(plan.to_dict(), plan, scenario, language)
    solved = plan.status.value in ("optimal", "feasible", "time_limit")
    data["risk"] = (
        plan_risk(scenario, plan.actions, runs=runs, seed=seed).to_dict()
        if runs and solved
        else None
    )
    return data


def with_texts(
    data: dict[str, Any], plan: Plan, scenario: Scenario, language: str
) -> dict[str, Any]:
    """A plan's JSON (`data`, Plan.to_dict of `plan`) with each shortfall of its explanation
    written as the plan page writes it, in `language`, as "text": the fiscal year, the
    capability by name, its target, the most any plan reaches and why. The English `reason`,
    the `cause` and its `figures` stay as they are (the plan's stored form)."""
    with in_language(language):
        for entry, item in zip(data.get("explanation", []), plan.explanation, strict=True):
            entry["text"] = shortfall_text(scenario, item)
    return data


def stage_label(stage: str) -> str:
    """A run's stage ("solve acquire", "risk mix", ...) in the reader's language."""
    from django.utils.translation import gettext as _

    step, _space, strategy = stage.partition(" ")
    name = {
        "acquire": _("strategy 1 (acquire)"),
        "develop": _("strategy 2 (develop)"),
        "mix": _("the optimal mix"),
    }.get(strategy, strategy)
    if step == "solve":
        return _("Solving %(strategy)s") % {"strategy": name}
    if step == "risk":
        return _("Testing %(strategy)s against rotation (Monte Carlo)") % {"strategy": name}
    return stage


def action_row(action: Any, scenario: Scenario) -> dict[str, Any]:
    """An action as the page shows it: the lever's and the trainee's names (a link for a
    trainee with a record; a successor to come has none yet)."""
    names = person_names(scenario)
    try:
        lever_name = scenario.lever(action.lever).name
    except KeyError:
        lever_name = action.lever
    person = action.person
    return {
        "action": action,
        "kind": kind_label(action.kind.value),
        "lever_name": lever_name,
        "person_name": names.get(person, person) if person else "",
        "person_link": person if person and person.isdigit() else None,
    }


@dataclass(frozen=True)
class StrategySummary:
    strategy: str
    # The strategy's name and the plan's status in the reader's language.
    label: str
    status: str
    # Whether there is a plan (optimal, feasible or the best within the time limit): its cost,
    # coverage and check are shown only then.
    solved: bool
    plan: Plan
    total_cost: int
    gross_cost: int
    cost_by_year: list[tuple[int, int]]
    covered: float
    wanted: int
    actions: list[Any]
    # What the independent checker found wrong, in the reader's words (violation_text).
    violations: list[str]
    # (fiscal year, probability that every target of the year holds) from the Monte Carlo
    # rotation model; empty without an evaluation.
    all_met: list[tuple[int, float]]
    weakest: tuple[str, int, float] | None
    # The mean over capabilities and fiscal years of the probability that the target holds.
    held: float | None
    # The plan in plain words, in the reader's language (core.planning.describe_plan).
    description: list[str]


def summary(
    strategy: str, plan: Plan, scenario: Scenario, risk: dict[str, Any] | None = None
) -> StrategySummary:
    """What a mayor compares: total cost, cost per year, how much of the targets is met, the
    actions, that the independent checker found nothing wrong, and how likely the targets
    hold as people rotate out (`risk`: PlanRisk.to_dict())."""
    from django.utils.translation import get_language

    from dxtalent.core.planning import check_plan, describe_plan, violation_text

    covered = sum(min(cell.count, cell.target) for cell in plan.coverage)
    wanted = sum(cell.target for cell in plan.coverage)
    solved = plan.status.value in ("optimal", "feasible", "time_limit")
    all_met: list[tuple[int, float]] = []
    weakest = None
    held = None
    if risk:
        all_met = list(zip(risk["fiscal_years"], risk["all_met"], strict=True))
        cells = [
            (code, int(year), p)
            for code, by_year in risk["capabilities"].items()
            for year, p in by_year.items()
        ]
        weakest = min(cells, key=lambda cell: cell[2]) if cells else None
        if weakest is not None:
            # The capability by name in the reader's language, not its code.
            name = scenario.capability(weakest[0]).name.get(get_language() or "ja")
            weakest = (name, weakest[1], weakest[2])
        held = sum(cell[2] for cell in cells) / len(cells) if cells else None
    return StrategySummary(
        strategy=strategy,
        label=strategy_label(strategy),
        status=status_label(plan.status.value),
        solved=solved,
        plan=plan,
        total_cost=plan.total_cost(),
        gross_cost=plan.total_cost(net=False),
        cost_by_year=sorted(plan.cost_by_year().items()),
        covered=covered,
        wanted=wanted,
        actions=[action_row(a, scenario) for a in plan.actions],
        violations=(
            [violation_text(scenario, found) for found in check_plan(scenario, plan)]
            if solved
            else []
        ),
        all_met=all_met,
        weakest=weakest,
        held=held,
        description=list(describe_plan(scenario, plan)),
    )


@dataclass(frozen=True)
class PostRow:
    """A line of "who is in post when": a staff member (person id) or an engagement."""

    label: str
    person: str | None
    kind: str
    cells: list[str]  # per fiscal year: "in", "training", "trained", "engaged" or ""


def who_is_in_post(scenario: Scenario, plan: Plan) -> list[PostRow]:
    """Under `plan` and the expected departures: the fiscal years in post of each DX staff
    member still in post in one of them (in training, or with the training completed), then
    each engagement's."""
    from dxtalent.core.planning.check import _engagement_years

    years = scenario.fiscal_years()
    training: dict[str, tuple[int, int]] = {}
    for action in plan.actions:
        lever = scenario.lever(action.lever)
        if isinstance(lever, Training) and action.person:
            training[action.person] = (
                action.fiscal_year,
                action.fiscal_year + lever.lead_time_years,
            )
    rows = []
    names = person_names(scenario)
    for member in scenario.staff():
        present = set(scenario.years_in_post(member))
        if not present:  # gone before the plan begins
            continue
        start, counts_from = training.get(member.id, (None, None))
        cells = []
        for year in years:
            if year not in present:
                cells.append("")
            elif counts_from is not None and year >= counts_from:
                cells.append("trained")
            elif start is not None and year >= start:
                cells.append("training")
            else:
                cells.append("in")
        # A successor 人事異動 is expected to send has no record of their own yet.
        link = None if is_successor(member.id) else member.id
        rows.append(PostRow(names[member.id], link, "staff", cells))
    for action in plan.actions:
        lever = scenario.lever(action.lever)
        if isinstance(lever, Training):
            continue
        engaged = {year for year, _k, _left in _engagement_years(scenario, action)}
        label = f"{lever.name}" + (f" ×{action.count}" if action.count > 1 else "")
        rows.append(
            PostRow(
                label,
                None,
                kind_label(lever.kind.value),
                ["engaged" if year in engaged else "" for year in years],
            )
        )
    return rows


def chart_data(
    plans: dict[str, Plan],
    scenario: Scenario,
    risks: dict[str, dict[str, Any] | None] | None = None,
) -> dict[str, Any]:
    """Cost per year stacked by lever, coverage per capability and year, and (with `risks`)
    the probability that each target holds, per strategy; `labels` names the strategies,
    levers, capabilities, fiscal years and the cost axis in the reader's language (the
    charts' legends and axes show names, not codes)."""
    from django.utils.translation import get_language
    from django.utils.translation import gettext as _

    language = get_language() or "ja"
    years = list(scenario.fiscal_years())
    levers = {lever.code: lever.name for lever in scenario.levers}
    out: dict[str, Any] = {
        "fiscal_years": years,
        "strategies": {},
        "labels": {
            "strategies": {name: strategy_label(name) for name in plans},
            "levers": levers,
            "capabilities": {c.code: c.name.get(language) for c in scenario.capabilities},
            "fiscal_years": [
                f"FY{year}" if language.startswith("en") else f"{year}年度" for year in years
            ],
            "cost_axis": _("Net cost (yen)"),
        },
    }
    for name, plan in plans.items():
        by_lever: dict[str, dict[int, int]] = {}
        for line in plan.costs:
            by_lever.setdefault(line.lever, {})[line.fiscal_year] = (
                by_lever.get(line.lever, {}).get(line.fiscal_year, 0) + line.net
            )
        coverage: dict[str, dict[int, float]] = {}
        for cell in plan.coverage:
            coverage.setdefault(cell.capability, {})[cell.fiscal_year] = cell.count
        out["strategies"][name] = {
            "status": plan.status.value,
            "cost": {
                lever: [values.get(y, 0) for y in years] for lever, values in by_lever.items()
            },
            "coverage": {
                code: [values.get(y, 0) for y in years] for code, values in coverage.items()
            },
            "risk": {
                code: [by_year[str(y)] for y in years]
                for code, by_year in ((risks or {}).get(name) or {}).get("capabilities", {}).items()
            },
        }
    return out


def plans_xlsx(
    plans: dict[str, Plan],
    scenario: Scenario,
    risks: dict[str, dict[str, Any] | None] | None = None,
) -> bytes:
    """The three plans in one workbook, in the reader's language and in names (levers,
    people, capabilities): a summary sheet; each plan's actions, its cost per fiscal year by
    funding source (gross, expected state support, other subsidies, own funds) and its
    coverage; the state support of the levers used; and (with `risks`) the probability that
    each target holds as people rotate."""
    from django.utils.translation import get_language
    from django.utils.translation import gettext as _

    from dxtalent.core.tabular import Sheet, write_xlsx

    language = get_language() or "ja"
    people = person_names(scenario)
    capability_names = {c.code: c.name.get(language) for c in scenario.capabilities}

    def lever_name(code: str) -> str:
        try:
            return scenario.lever(code).name
        except KeyError:
            return code

    summary_rows = []
    sheets = []
    for name, plan in plans.items():
        label = strategy_label(name)
        covered = sum(min(c.count, c.target) for c in plan.coverage)
        wanted = sum(c.target for c in plan.coverage) or 1
        solved = plan.status.value not in ("infeasible", "error")
        summary_rows.append(
            [
                label,
                status_label(plan.status.value),
                plan.total_cost(net=False) if solved else "",
                plan.total_cost() if solved else "",
                round(100 * covered / wanted, 1) if solved else "",
            ]
        )
        sheets.append(
            Sheet(
                title=f"{label} {_('actions')}"[:31],
                columns=[
                    _("Fiscal year"),
                    _("Decide in"),
                    _("Kind"),
                    _("Lever"),
                    _("Count"),
                    _("Person"),
                ],
                rows=[
                    [
                        a.fiscal_year,
                        a.decided_in,
                        kind_label(a.kind.value),
                        lever_name(a.lever),
                        a.count,
                        people.get(a.person, a.person) if a.person else "",
                    ]
                    for a in plan.actions
                ],
            )
        )
        sheets.append(
            Sheet(
                title=f"{label} {_('cost')}"[:31],
                columns=[
                    _("Fiscal year"),
                    _("Gross cost (yen)"),
                    _("Expected state support (yen)"),
                    _("Other subsidies (yen)"),
                    _("Own funds (yen)"),
                    _("Lever"),
                ],
                rows=[
                    [f.fiscal_year, f.gross, f.support, f.subsidy, f.net, _("All levers")]
                    for f in plan.funding_by_year()
                ]
                + [
                    [c.fiscal_year, c.gross, c.support, c.subsidy, c.net, lever_name(c.lever)]
                    for c in plan.costs
                ],
            )
        )
        sheets.append(
            Sheet(
                title=f"{label} {_('coverage')}"[:31],
                columns=[
                    _("Fiscal year"),
                    _("Capability"),
                    _("People counted"),
                    _("Target (people)"),
                ],
                rows=[
                    [
                        c.fiscal_year,
                        capability_names.get(c.capability, c.capability),
                        c.count,
                        c.target,
                    ]
                    for c in plan.coverage
                ],
            )
        )
    support = support_rows(scenario, plans, language)
    if support:
        sheets.append(
            Sheet(
                title=_("State support")[:31],
                columns=[
                    _("Lever"),
                    _("Kind"),
                    _("Cost a year (yen)"),
                    _("State support cap a year (yen)"),
                    _("Net a year (yen)"),
                    _("Which support applies, and why"),
                ],
                rows=[[lever_name(r.code), r.kind, r.gross, r.cap, r.net, r.note] for r in support],
            )
        )
    risk_rows = [
        [strategy_label(name), capability_names.get(code, code), int(year), probability]
        for name, risk in (risks or {}).items()
        if risk
        for code, by_year in risk["capabilities"].items()
        for year, probability in by_year.items()
    ]
    if risk_rows:
        sheets.append(
            Sheet(
                title=_("Rotation risk")[:31],
                columns=[
                    _("Strategy"),
                    _("Capability"),
                    _("Fiscal year"),
                    _("Probability that the target holds"),
                ],
                rows=risk_rows,
            )
        )
    head = Sheet(
        title=_("Strategies")[:31],
        columns=[
            _("Strategy"),
            _("Status"),
            _("Total gross cost (yen)"),
            _("Total net cost (yen)"),
            _("Targets met (%)"),
        ],
        rows=summary_rows,
    )
    return write_xlsx([head, *sheets])
