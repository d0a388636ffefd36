"""Why a target is out of reach, said once for every reader: a Shortfall records its cause and
the figures behind it, and its reason is written from them in the reader's language when it is
shown (the plan page, the plain-words description, reports, the command line). The English
text is kept in `Shortfall.reason` as well, for the plan's JSON and for plans stored before
causes were recorded.

The causes, in the order explain_infeasible (solve.py) looks for them:
- "headcount": the current team alone is above the headcount cap in a fiscal year;
- "limits": every lever at its limits (budget ignored) reaches fewer people than the target
  (bounds.limits_bound: in post now, engagements, training);
- "alone": within the budget and the cap the target is out of reach even alone;
- "together": reachable alone, not together with the other targets;
- "unchecked": missed by the best joint plan, not checked alone (beyond MAX_ISOLATED_CHECKS);
- "combination": every target reachable, the solver found no plan meeting all at once;
- "rotation": met with the expected departures, not in every sampled rotation scenario.
"""

from __future__ import annotations

from collections.abc import Mapping

from dxtalent.core.calendar import format_fiscal_year
from dxtalent.core.i18n import _, gettext_noop, in_language, language
from dxtalent.core.planning.plan import Shortfall
from dxtalent.core.planning.scenario import Scenario

CAUSES: Mapping[str, str] = {
    "headcount": gettext_noop(
        "the current team alone is {present} people in {year}, above the headcount cap of "
        "{cap}: raise the cap (or leave it out); no plan fits under it, whatever the targets"
    ),
    "limits": gettext_noop(
        "with every lever at its limits, the budget aside: {base} in post meet it, "
        "engagements can add at most {engaged}, training at most {trained}"
    ),
    "alone": gettext_noop(
        "within the budget and the headcount cap, even with every other target dropped"
    ),
    "together": gettext_noop(
        "reachable alone, but not together with the other targets within the budget, the "
        "headcount cap, the seats and one programme per person; the best joint plan reaches "
        "{count}"
    ),
    "unchecked": gettext_noop(
        "the best joint plan within the budget reaches {count} (not checked alone)"
    ),
    "combination": gettext_noop(
        "every target can be covered within the budget, yet not all at once; the solver "
        "found the combination infeasible"
    ),
    "rotation": gettext_noop(
        "every target can be met with the expected departures, but not in all {rotations} "
        "sampled rotation scenarios as well; the objective “Most coverage within the budget” "
        "(coverage) gives the plan with the least expected shortfall"
    ),
}


def _reason(
    cause: str, fiscal_year: int, target: int, best: float, figures: Mapping[str, float]
) -> str:
    numbers = {name: f"{value:g}" for name, value in figures.items()}
    return _(CAUSES[cause]).format(
        year=format_fiscal_year(fiscal_year, language()),
        target=target,
        best=f"{best:g}",
        **numbers,
    )


def shortfall(
    capability: str,
    fiscal_year: int,
    target: int,
    best: float,
    cause: str,
    **figures: float,
) -> Shortfall:
    """A Shortfall of `cause` (one of CAUSES) with the figures its reason names; its English
    reason written now, from the same words every reader sees."""
    with in_language("en"):
        reason = _reason(cause, fiscal_year, target, best, figures)
    return Shortfall(capability, fiscal_year, target, best, reason, cause, dict(figures))


def shortfall_reason(item: Shortfall) -> str:
    """Why `item` is out of reach, in the current language (core.i18n); the stored English
    reason for a shortfall without a known cause (a plan kept from before causes were
    recorded)."""
    if item.cause not in CAUSES:
        return item.reason
    try:
        return _reason(item.cause, item.fiscal_year, item.target, item.best, item.figures)
    except (KeyError, IndexError):  # a figure the reason names is missing from a stored plan
        return item.reason


def shortfall_text(scenario: Scenario, item: Shortfall) -> str:
    """One sentence in the current language: the fiscal year, the capability by name, its
    target and the most any plan reaches, and why; for a shortfall of the whole plan (no
    capability: the headcount cap, the combination, rotation) the reason alone."""
    reason = shortfall_reason(item)
    if not item.capability:
        return _("{reason}.").format(reason=reason[:1].upper() + reason[1:])
    try:
        name = scenario.capability(item.capability).name.get(language())
    except KeyError:
        name = item.capability
    return _("{year}, {name}: target {target}, at most {best} ({reason}).").format(
        year=format_fiscal_year(item.fiscal_year, language()),
        name=name,
        target=item.target,
        best=f"{item.best:g}",
        reason=reason,
    )
