"""A plan in plain words, in the reader's language: why this plan, what each action fills, and
what it leaves unmet, for an officer who reports it to the mayor and council. The sentences are
marked for the catalogue (dxtalent.core.i18n) and written when the plan is shown."""

from __future__ import annotations

from collections.abc import Sequence

from dxtalent.core.calendar import format_fiscal_year
from dxtalent.core.i18n import _, language, pgettext, yen
from dxtalent.core.planning.check import coverage_cells
from dxtalent.core.planning.plan import Action, Plan, PlanStatus
from dxtalent.core.planning.scenario import Scenario, Training, is_successor
from dxtalent.core.planning.shortfalls import shortfall_text

_SOLVED = (PlanStatus.OPTIMAL, PlanStatus.FEASIBLE, PlanStatus.TIME_LIMIT)


def _fy(year: int) -> str:
    return format_fiscal_year(year, language())


def _name(scenario: Scenario, code: str) -> str:
    return scenario.capability(code).name.get(language())


def _names(scenario: Scenario, codes: Sequence[str]) -> str:
    # Japanese quotes each name in 「」 and lists them with 、.
    return _(", ").join(_("“{name}”").format(name=_name(scenario, code)) for code in codes)


def person_names(scenario: Scenario) -> dict[str, str]:
    """Each member of the team by id → their name in the current language (a successor to
    come: whose successor, "上田 颯さんの後任" / "successor of 上田 颯")."""
    return {member.id: member.display_name(language()) for member in scenario.team}


def kind_label(kind: str) -> str:
    """A lever kind (LeverKind's value) in the current language."""
    labels = {
        "hire": _("Hire"),
        "corporate_secondee": _("Corporate secondee (地域活性化起業人)"),
        "side_job": _("Side-job professional"),
        "pool": _("Days from the prefecture's pool"),
        "adviser": _("Adviser visits"),
        "training": _("Training"),
    }
    return labels.get(kind, kind)


def strategy_label(strategy: str) -> str:
    """A strategy ("acquire", "develop", "mix") by its name in the current language."""
    return {
        "acquire": _("Strategy 1: acquire"),
        "develop": _("Strategy 2: develop"),
        "mix": _("Optimal mix"),
    }.get(strategy, strategy)


def status_label(status: str) -> str:
    """A plan's status (PlanStatus's value) in the current language."""
    return {
        "optimal": _("proven optimal"),
        "feasible": _("feasible"),
        "infeasible": _("no plan meets every target"),
        "time_limit": _("best found within the time limit"),
        "error": _("the solver failed"),
    }.get(status, status)


def filled_by(scenario: Scenario, plan: Plan, action: Action) -> tuple[str, ...]:
    """The capabilities whose count the action raises in some fiscal year: the plan's coverage
    against the same plan without this action."""
    without = [a for a in plan.actions if a != action]
    before = {(c.capability, c.fiscal_year): c.count for c in coverage_cells(scenario, without)}
    codes = []
    for cell in coverage_cells(scenario, plan.actions):
        raised = cell.count > before[cell.capability, cell.fiscal_year] + 1e-9
        if raised and cell.capability not in codes:
            codes.append(cell.capability)
    return tuple(codes)


def _action_text(scenario: Scenario, plan: Plan, action: Action) -> str:
    lever = scenario.lever(action.lever)
    people = person_names(scenario)
    filled = filled_by(scenario, plan, action)
    what = _names(scenario, filled)
    year = _fy(action.fiscal_year)
    if isinstance(lever, Training):
        who = people.get(action.person or "", action.person or "")
        counts_from = _fy(action.fiscal_year + lever.lead_time_years)
        # A successor to come is not yet a person by name: Japanese adds no さん to "…の後任".
        successor = is_successor(action.person or "")
        if filled and successor:
            text = pgettext(
                "successor",
                "{year}: {who} takes “{programme}” and, from {counts_from}, covers {what}.",
            )
        elif filled:
            text = _("{year}: {who} takes “{programme}” and, from {counts_from}, covers {what}.")
        elif successor:
            text = pgettext(
                "successor",
                "{year}: {who} takes “{programme}” and, from {counts_from}, helps to reach the "
                "targets.",
            )
        else:
            text = _(
                "{year}: {who} takes “{programme}” and, from {counts_from}, helps to reach the "
                "targets."
            )
        return text.format(
            year=year, who=who, programme=lever.name, counts_from=counts_from, what=what
        )
    count = f"×{action.count}" if action.count > 1 else ""
    decided = _fy(action.decided_in or action.fiscal_year)
    if filled:
        text = _("{year}: “{lever}”{count} arrives (decided in {decided}) and covers {what}.")
    else:
        text = _(
            "{year}: “{lever}”{count} arrives (decided in {decided}) and helps to reach the "
            "targets."
        )
    return text.format(year=year, lever=lever.name, count=count, decided=decided, what=what)


def why_plan(plan: Plan) -> str:
    """Why this plan, in one sentence in the current language (dxtalent.core.i18n): the
    objective and what it costs, gross and net (for a solved plan; describe_plan's first
    sentence)."""
    gross, net = plan.total_cost(net=False), plan.total_cost()
    if plan.objective == "cost":
        why = _(
            "Of the plans that meet every target, this one costs the organisation least "
            "({gross} gross, {net} after expected state support)."
        )
    else:
        why = _(
            "Within the budget this plan meets the most of the targets, and of those plans it "
            "costs least ({gross} gross, {net} after expected state support)."
        )
    return why.format(gross=yen(gross), net=yen(net))


def describe_plan(scenario: Scenario, plan: Plan) -> tuple[str, ...]:
    """Sentences in the current language (dxtalent.core.i18n): why this plan (the objective
    and what it costs), one per action naming the people, programmes and capabilities, then
    what stays unmet and why (the explanation of an infeasible plan, or the targets the best
    plan within the budget misses)."""
    if plan.status not in _SOLVED:
        found = [_("No plan meets every target within the budget and the limits. Why:")]
        found += [shortfall_text(scenario, item) for item in plan.explanation]
        return tuple(found)
    found = [why_plan(plan)]
    if not plan.actions:
        found.append(
            _("Nothing new is needed: the current team meets the targets.")
            if all(cell.met for cell in plan.coverage)
            else _("No lever fits within the budget and the limits.")
        )
    found += [_action_text(scenario, plan, action) for action in plan.actions]
    found += unmet_targets(scenario, plan) or [_("Every target is met in every fiscal year.")]
    return tuple(found)


def unmet_targets(scenario: Scenario, plan: Plan) -> list[str]:
    """The targets a solved plan leaves unmet, in the current language: a heading sentence,
    then one per capability and fiscal year ("2027年度（令和9年度）, 仕様書作成: 0 of 1.");
    nothing when every target is met. The plan page, reports and `dxtalent plan solve` say
    them alike."""
    unmet = [cell for cell in plan.coverage if not cell.met]
    if not unmet:
        return []
    return [
        _("Targets left unmet (the best within the budget, caps and seats falls short):"),
        *(
            _("{year}, {name}: {count} of {target}.").format(
                year=_fy(cell.fiscal_year),
                name=_name(scenario, cell.capability),
                count=f"{cell.count:g}",
                target=cell.target,
            )
            for cell in unmet
        ),
    ]
