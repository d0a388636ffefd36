"""The staffing plan as a briefing for the mayor and the council: the three strategies side by
side, the cost of each fiscal year as a budget request reads it (gross; expected 特別交付税
support; other subsidies; own funds = net), what each strategy does, and what it leaves unmet.

The council version names no person: a candidate lever is called by its kind and trainees
are counted ("職員2名が…を受講"); the internal version names the candidates and lists the
trainees by name. (describe_plan's sentence per action costs a coverage recount each, too slow
for a designated city's hundreds of actions; its first sentence, why_plan, is used.)"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping

from dxtalent.core.calendar import format_fiscal_year
from dxtalent.core.i18n import _, gettext_noop, pgettext
from dxtalent.core.planning.explain import describe_plan, person_names, why_plan
from dxtalent.core.planning.plan import Plan, PlanStatus
from dxtalent.core.planning.scenario import Scenario, Training
from dxtalent.core.reports.document import (
    Audience,
    BarChart,
    Block,
    Document,
    Heading,
    Paragraph,
    Table,
    written_in_its_language,
    yen,
)

STRATEGY_ORDER = ("acquire", "develop", "mix")
SOLVED = (PlanStatus.OPTIMAL, PlanStatus.FEASIBLE, PlanStatus.TIME_LIMIT)


def strategy_names() -> dict[str, str]:
    """The strategies' names in the current language."""
    return {
        "acquire": pgettext("report", "Strategy 1: acquire"),
        "develop": pgettext("report", "Strategy 2: develop"),
        "mix": _("Optimal mix"),
    }


def strategy_name(name: str) -> str:
    """A strategy's name in the current language (an unknown strategy as it is)."""
    return strategy_names().get(name, name)


def _status_name(status: PlanStatus) -> str:
    return {
        PlanStatus.OPTIMAL: pgettext("report", "proven optimal"),
        PlanStatus.FEASIBLE: _("feasible"),
        PlanStatus.INFEASIBLE: pgettext("report", "no plan meets every target"),
        PlanStatus.TIME_LIMIT: pgettext("report", "best found within the time limit"),
        PlanStatus.ERROR: pgettext("report", "the solver failed"),
    }[status]


def _kind_name(kind: str) -> str:
    return {
        "hire": _("Hire"),
        "corporate_secondee": pgettext("report", "Corporate secondee (地域活性化起業人)"),
        "side_job": _("Side-job professional"),
        "pool": pgettext("report", "Days from the prefecture's pool"),
        "adviser": pgettext("report", "Adviser visits"),
        "training": _("Training"),
    }.get(kind, kind)


SOURCES = (
    gettext_noop(
        "Costs and funding: dxtalent's plan (optimised with HiGHS). Expected state support is "
        "estimated from each lever's cap; it is not a promise of allocation."
    ),
    gettext_noop(
        "Targets: the coordination skills of Nakagawa (2025) and MIC's skill standard for "
        "external DX talent."
    ),
)


def _fy(year: int, language: str) -> str:
    return format_fiscal_year(year, language)


def _lever_name(scenario: Scenario, code: str, audience: Audience, language: str) -> str:
    lever = scenario.lever(code)
    if audience is Audience.COUNCIL and bool(getattr(lever, "candidate", False)):
        return _("{kind} (candidate)").format(kind=_kind_name(lever.kind.value))
    return lever.name


def _actions(
    scenario: Scenario,
    plan: Plan,
    language: str,
    audience: Audience = Audience.COUNCIL,
    training: bool | None = None,
) -> tuple[str, ...]:
    """The plan's actions per fiscal year and lever: the units engaged or the number of staff
    trained (a candidate lever by its kind in the council version, by name internally).
    training: only the training programmes (True), only the other levers (False), or all."""
    counted: Counter[tuple[int, str]] = Counter()
    for action in plan.actions:
        counted[action.fiscal_year, action.lever] += action.count
    lines = []
    for (year, code), count in sorted(counted.items()):
        lever = scenario.lever(code)
        if training is not None and isinstance(lever, Training) is not training:
            continue
        name = _lever_name(scenario, code, audience, language)
        if isinstance(lever, Training):
            lines.append(
                _("{year}: {count} staff take “{name}”").format(
                    year=_fy(year, language), count=count, name=name
                )
            )
        else:
            lines.append(
                _("{year}: “{name}” ×{count}").format(
                    year=_fy(year, language), name=name, count=count
                )
            )
    return tuple(lines)


@written_in_its_language
def funding_table(plans: Mapping[str, Plan], language: str) -> Table:
    """One table for the three strategies: per fiscal year gross, expected state support
    (特別交付税 and the like), other subsidies and own funds (net), with each strategy's total.
    A strategy without a plan (no plan meets every target) has one row saying so."""
    header = (
        _("Strategy"),
        _("Fiscal year"),
        _("Gross"),
        _("Expected state support"),
        _("Other"),
        _("Own funds (net)"),
    )
    rows: list[tuple[str, ...]] = []
    for name, plan in plans.items():
        label = strategy_name(name)
        if plan.status not in SOLVED:
            rows.append((label, _status_name(plan.status), "—", "—", "—", "—"))
            continue
        total = [0, 0, 0, 0]
        for index, line in enumerate(plan.funding_by_year()):
            values = (line.gross, line.support, line.subsidy, line.net)
            total = [a + b for a, b in zip(total, values, strict=True)]
            rows.append(
                (
                    label if index == 0 else "",
                    _fy(line.fiscal_year, language),
                    *(yen(v, language) for v in values),
                )
            )
        rows.append(("", _("Total"), *(yen(v, language) for v in total)))
    return Table(header=header, rows=tuple(rows), numeric=(2, 3, 4, 5))


@written_in_its_language
def plan_document(
    scenario: Scenario,
    plans: Mapping[str, Plan],
    *,
    organisation: str,
    audience: Audience,
    language: str,
    generated: dt.date,
    data_as_of: dt.date,
) -> Document:
    """The plan briefing. plans: strategy ("acquire", "develop", "mix") → Plan, shown in that
    order; data_as_of: the day the scenario was built from the live data."""
    ordered = {name: plans[name] for name in STRATEGY_ORDER if name in plans}
    ordered.update({name: plan for name, plan in plans.items() if name not in ordered})
    years = scenario.fiscal_years()
    blocks: list[Block] = [
        Heading(_("Summary")),
        Paragraph(
            _(
                "Three ways to reach the targets from {first} to {last} ({count} fiscal years): "
                "acquire from outside, develop staff, and the optimal mix. Amounts in yen."
            ).format(first=_fy(years[0], language), last=_fy(years[-1], language), count=len(years))
        ),
    ]
    summary_rows = []
    for name, plan in ordered.items():
        wanted = sum(cell.target for cell in plan.coverage)
        covered = sum(min(cell.count, cell.target) for cell in plan.coverage)
        share = f"{100 * covered / wanted:.0f}%" if wanted and plan.status in SOLVED else "—"
        summary_rows.append(
            (
                strategy_name(name),
                _status_name(plan.status),
                yen(plan.total_cost(net=False), language) if plan.status in SOLVED else "—",
                yen(plan.total_cost(), language) if plan.status in SOLVED else "—",
                share,
            )
        )
    blocks.append(
        Table(
            header=(_("Strategy"), _("Result"), _("Gross"), _("Net"), _("Targets met")),
            rows=tuple(summary_rows),
            numeric=(2, 3, 4),
            caption=_("The three strategies side by side"),
        )
    )
    blocks.append(Heading(_("Cost per fiscal year and funding")))
    blocks.append(funding_table(ordered, language))
    blocks.append(
        BarChart(
            title=_("Net cost per fiscal year"),
            categories=tuple(_fy(year, language).split("（")[0] for year in years),
            series=tuple(
                (
                    strategy_name(name),
                    tuple(plan.cost_by_year()[year] / 1000 for year in years),
                )
                for name, plan in ordered.items()
                if plan.status in SOLVED
            ),
            unit=_("thousand yen"),
        )
    )
    for name, plan in ordered.items():
        blocks.append(Heading(strategy_name(name)))
        if plan.status not in SOLVED:
            # Why no plan: the targets no lever can meet (no person is named there).
            # describe_plan speaks the current language (core.i18n), which the caller set
            blocks += [Paragraph(text) for text in describe_plan(scenario, plan)]
            continue
        lines: tuple[str, ...] = (why_plan(plan),)
        lines += _actions(scenario, plan, language, audience) or (_("Nothing new is needed."),)
        for cell in plan.coverage:
            if cell.met:
                continue
            capability = scenario.capability(cell.capability).name.get(language)
            lines += (
                _("Unmet: {year}, {capability} ({count} of {target})").format(
                    year=_fy(cell.fiscal_year, language),
                    capability=capability,
                    count=f"{cell.count:g}",
                    target=cell.target,
                ),
            )
        blocks += [Paragraph(line) for line in lines]
        trainees = [action for action in plan.actions if action.person]
        if audience is Audience.INTERNAL and trainees:
            people = person_names(scenario)
            blocks.append(
                Table(
                    header=(_("Fiscal year"), _("Trainee"), _("Programme")),
                    rows=tuple(
                        (
                            _fy(action.fiscal_year, language),
                            people.get(action.person or "", action.person or ""),
                            scenario.lever(action.lever).name,
                        )
                        for action in trainees
                    ),
                    caption=_("Trainees by name"),
                )
            )
    notes: list[str] = []
    used = {action.lever for plan in ordered.values() for action in plan.actions}
    for lever in scenario.levers:
        if lever.code in used and not isinstance(lever, Training):
            # The facts for the mayor and council, not how to change a scenario.
            note = lever.support_note(advice=None).get(language)
            if note and note not in notes:
                notes.append(note)
    return Document(
        title=_("Staffing plan: the strategies compared"),
        organisation=organisation,
        audience=audience,
        generated=generated,
        data_as_of=data_as_of,
        language=language,
        blocks=tuple(blocks),
        sources=tuple(_(source) for source in SOURCES) + tuple(notes),
    )
