"""What a plan breaks, said once for every reader: a Violation records the rule, what happened
(`what`, one of WHATS) and the figures behind it, and is written from them when it is shown:
with people, levers and capabilities by name in the reader's language for the plan page and
the command line (violation_text), with their codes in English for the plan's JSON
(`Violation.message`, written when the checker finds it).

The figures: "lever", "person" and "capability" are codes and ids, "year", "decided",
"available_from" and "available_until" fiscal years, "spent" and "budget" yen, "basis" the
budget's basis (gross or net), "kind" and "reported" lever kinds (LeverKind's values); the
rest are numbers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from dxtalent.core.calendar import format_fiscal_year
from dxtalent.core.i18n import _, gettext_noop, in_language, language, pgettext, yen
from dxtalent.core.planning.scenario import Scenario

Figure = str | int | float | None

WHATS: Mapping[str, str] = {
    "unknown_lever": gettext_noop("{lever} is not a lever of the scenario"),
    "outside_horizon": gettext_noop("{lever} starts in {year}, outside the plan's fiscal years"),
    "bad_count": gettext_noop("{lever}: {count} is not a whole number of 1 or more"),
    "wrong_kind": gettext_noop("{lever} is reported as “{reported}”, but it is “{kind}”"),
    "not_dx_staff": gettext_noop("{lever}: {person} is not on the DX staff"),
    "not_in_house": gettext_noop("{lever}: {person} is not in-house staff"),
    "prerequisite": gettext_noop("{lever}: {person} does not meet the programme's prerequisites"),
    "leaves": gettext_noop("{lever}: {person} leaves before the training is completed"),
    "availability": gettext_noop(
        "{lever} is available {available_from}–{available_until}, not for an engagement "
        "starting in {year}"
    ),
    "lead_time": gettext_noop(
        "{lever} starts in {year}, decided in {decided}; it needs {lead} year(s) from a "
        "decision within the plan's fiscal years"
    ),
    "too_many_starts": gettext_noop("{lever}: {started} start in {year}, at most {limit}"),
    "trained_twice": gettext_noop("{person} enrols {count} times; one programme per person"),
    "engaged_twice": gettext_noop("{person} is engaged {times} times at once in {year}"),
    "over_budget": gettext_noop("{year}: {spent} ({basis}) is over the budget of {budget}"),
    "pairing": gettext_noop(
        "{year}: {added} engaged professionals need an in-house partner who knows local "
        "government; the partners in post can take {room} more"
    ),
    "headcount": gettext_noop("{year}: {people} people, above the headcount cap of {cap}"),
    "coverage": gettext_noop("{year}, {capability}: {count} of the {target} people needed"),
    "coverage_misreported": gettext_noop(
        "{year}, {capability}: the plan's coverage differs from the recomputed one"
    ),
    "costs_misreported": gettext_noop("the plan's costs differ from the recomputed ones"),
}


@dataclass(frozen=True)
class Violation:
    """One rule a plan breaks. rule: "budget", "headcount", "seats", "lead_time",
    "prerequisite", "eligibility", "in_post", "train_once", "max_per_year", "horizon",
    "unknown_lever", "count", "named_once" (a named person engaged twice at once),
    "availability" (outside a named person's availability), "pairing" (engaged professionals
    without in-house partners), "coverage" or "report" (the plan's own figures disagree with
    the recomputation). fiscal_year: where it applies, None for the whole plan. message: in
    English with codes (the plan's JSON); what and figures: what happened, for
    violation_text."""

    rule: str
    fiscal_year: int | None
    message: str
    what: str = ""
    figures: Mapping[str, Figure] = field(default_factory=dict)


def violation(rule: str, fiscal_year: int | None, what: str, **figures: Figure) -> Violation:
    """A Violation of `rule`, `what` (one of WHATS) happening, with the figures its words
    name; its English message written now, with codes."""
    with in_language("en"):
        message = _render(what, figures, lambda _kind, value: str(value))
    return Violation(rule, fiscal_year, message, what, dict(figures))


def violation_text(scenario: Scenario, item: Violation) -> str:
    """What `item` says in the current language, each lever, person and capability by name;
    its stored message for a violation without a known `what`."""
    from dxtalent.core.planning.explain import person_names

    if item.what not in WHATS:
        return item.message
    people = person_names(scenario)
    levers = {lever.code: lever.name for lever in scenario.levers}
    # A candidate the levers name is not on the team: the first lever naming them names them.
    for lever in scenario.levers:
        candidate = getattr(lever, "candidate", "")
        if candidate:
            people.setdefault(candidate, lever.name)

    def named(kind: str, value: Figure) -> str:
        text = str(value)
        if kind == "lever":
            return _("“{name}”").format(name=levers.get(text, text))
        if kind == "person":
            return people.get(text, text)
        if kind == "capability":
            try:
                return _("“{name}”").format(name=scenario.capability(text).name.get(language()))
            except KeyError:
                return text
        return text

    try:
        return _render(item.what, item.figures, named)
    except (KeyError, IndexError, ValueError):  # a figure its words name is missing
        return item.message


def _render(what: str, figures: Mapping[str, Figure], entity: Callable[[str, Figure], str]) -> str:
    """WHATS[what] in the current language: entities through `entity`, fiscal years, yen,
    the budget's basis and lever kinds as the reader reads them, numbers as they are."""
    from dxtalent.core.planning.explain import kind_label

    words: dict[str, str] = {}
    for name, value in figures.items():
        if name in ("lever", "person", "capability"):
            words[name] = entity(name, value)
        elif name in ("year", "decided", "available_from", "available_until"):
            words[name] = "…" if value is None else format_fiscal_year(int(value), language())
        elif name in ("spent", "budget"):
            words[name] = yen(float(value or 0))
        elif name == "basis":
            words[name] = pgettext("budget basis", "gross" if value == "gross" else "net")
        elif name in ("kind", "reported"):
            words[name] = kind_label(str(value))
        elif isinstance(value, float):
            words[name] = f"{value:g}"
        else:
            words[name] = str(value)
    return _(WHATS[what]).format(**words)
