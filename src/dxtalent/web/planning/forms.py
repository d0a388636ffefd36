from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from dxtalent.core.planning import (
    DEFAULT_OBJECTIVE,
    Hire,
    InvalidScenarioError,
    Lever,
    PoolDays,
    Scenario,
    Secondee,
    SideJob,
    Training,
    kind_label,
)
from dxtalent.web.organisations.models import Organisation
from dxtalent.web.planning import services
from dxtalent.web.planning.services import MAX_ROTATIONS, SupportRow, support_row


@dataclass(frozen=True)
class LeverRow:
    """One lever's line in the editor: its switch, cost and limit fields and their units; for
    an engagement, a full year's cost, support cap, support and net at the cost shown and the
    note on which support applies (support); for a hire, the field for the state support cap
    of a programme it is made under (support_cap: 地域プロジェクトマネージャー and the like);
    for a secondee or side job, the switch saying its firm is in the three metropolitan areas
    (firm)."""

    code: str
    name: str
    kind: str
    use: Any
    cost: Any
    limit: Any
    cost_unit: str
    limit_unit: str
    support: SupportRow | None = None
    support_cap: Any = None
    firm: Any = None


def lever_terms(lever: Lever) -> tuple[int, int]:
    """(cost, limit) as the editor shows them: yen per seat and seats a year for training,
    yen per day for pool days, else yen per year; starts a year."""
    if isinstance(lever, Training):
        return lever.cost_per_seat, lever.seats_per_year
    if isinstance(lever, PoolDays):
        return lever.cost_per_day, lever.max_per_year
    return lever.cost_per_year, lever.max_per_year


def has_firm(lever: Lever) -> bool:
    """Whether the lever's support depends on its firm being in the three metropolitan areas
    (地域活性化起業人: secondees and side-job professionals)."""
    return isinstance(lever, Secondee | SideJob)


def with_firm(lever: Lever, ticked: bool) -> Lever:
    """`lever` with the editor's firm switch: ticked, the firm is in the three metropolitan
    areas; unticked, not given (or outside, if the lever said so)."""
    if not isinstance(lever, Secondee | SideJob):
        return lever
    firm = True if ticked else (False if lever.firm_in_metropolitan_area is False else None)
    return dataclasses.replace(lever, firm_in_metropolitan_area=firm)


def with_terms(lever: Lever, cost: int, limit: int) -> Lever:
    """`lever` with the editor's cost and limit (see lever_terms)."""
    if isinstance(lever, Training):
        return dataclasses.replace(lever, cost_per_seat=cost, seats_per_year=limit)
    if isinstance(lever, PoolDays):
        return dataclasses.replace(lever, cost_per_day=cost, max_per_year=limit)
    return dataclasses.replace(lever, cost_per_year=cost, max_per_year=limit)


def has_support_cap(lever: Lever) -> bool:
    """Whether the editor sets the lever's state support cap: a hire, whose support depends on
    the programme it is made under (地域プロジェクトマネージャー and the like), which the
    planner does not check; the other kinds' support follows their programme's rules."""
    return isinstance(lever, Hire)


def with_support_cap(lever: Lever, cap: int) -> Lever:
    """`lever` with the editor's state support cap a year per person (a hire only)."""
    if not isinstance(lever, Hire):
        return lever
    return dataclasses.replace(lever, state_support_per_person_year=cap)


def _with_given_terms(lever: Lever, data: dict[str, Any]) -> Lever:
    """`lever` with the cost, limit and (a hire's) state support cap the editor's cleaned
    `data` gives (its own where a field is empty); InvalidScenarioError where the planner
    refuses them."""
    cost, limit = lever_terms(lever)
    given_cost = data.get(f"cost_{lever.code}")
    given_limit = data.get(f"limit_{lever.code}")
    lever = with_terms(
        lever,
        cost if given_cost is None else given_cost,
        limit if given_limit is None else given_limit,
    )
    given_cap = data.get(f"support_{lever.code}")
    return lever if given_cap is None else with_support_cap(lever, given_cap)


class PlanForm(forms.Form):
    """The scenario editor: budget, horizon, objective, headcount cap, robustness, a target
    per capability, and per lever whether the plan may use it, its cost and its yearly limit.
    The levers come from the organisation's candidates and training programmes; changes made
    here apply to this plan only (the candidates' and programmes' pages edit the records).
    too_many: set when the user already has as many solves running as allowed (429)."""

    too_many: bool = False
    # The organisation's scenario the editor starts from (plan_form sets it).
    base: Scenario | None = None

    budget = forms.IntegerField(
        label=_("Yearly budget (yen)"), min_value=0, max_value=10_000_000_000
    )
    years = forms.IntegerField(label=_("Fiscal years"), min_value=1, max_value=10)
    objective = forms.ChoiceField(
        label=_("Objective"),
        choices=[
            ("coverage", _("Most coverage within the budget")),
            ("cost", _("Least cost that meets every target")),
        ],
    )
    # Set by the page's form: an empty lever choice then means "no levers", not "all" (a
    # browser sends nothing for unticked boxes).
    edited = forms.BooleanField(widget=forms.HiddenInput, initial=True, required=False)
    headcount_cap = forms.DecimalField(
        label=_("Headcount cap (people, optional)"), min_value=0, required=False
    )
    rotations = forms.IntegerField(
        label=_("Rotation scenarios to plan against"),
        help_text=_(
            "0 plans for the expected departures. With 10 or 20, the plan must also hold when "
            "people rotate out earlier or later than expected (solved to within 1 per cent of the "
            "optimum; slower)."
        ),
        min_value=0,
        max_value=MAX_ROTATIONS,
        initial=0,
        required=False,
    )

    def __init__(
        self,
        *args: Any,
        capabilities: list[tuple[str, str, int]],
        levers: tuple[Lever, ...],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.levers = levers
        for code, name, target in capabilities:
            self.fields[f"target_{code}"] = forms.IntegerField(
                label=name, min_value=0, max_value=50, initial=target, required=False
            )
        self.fields["levers"] = forms.MultipleChoiceField(
            label=_("Levers the plan may use"),
            choices=[(lever.code, lever.name) for lever in levers],
            initial=[lever.code for lever in levers],
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
        for lever in levers:
            cost, limit = lever_terms(lever)
            self.fields[f"cost_{lever.code}"] = forms.IntegerField(
                label=_("Cost of %(lever)s (yen)") % {"lever": lever.name},
                min_value=0,
                max_value=1_000_000_000,
                initial=cost,
                required=False,
            )
            self.fields[f"limit_{lever.code}"] = forms.IntegerField(
                label=_("Limit of %(lever)s per year") % {"lever": lever.name},
                min_value=0,
                max_value=1_000,
                initial=limit,
                required=False,
            )
            if has_support_cap(lever):
                self.fields[f"support_{lever.code}"] = forms.IntegerField(
                    label=_("State support cap a year for %(lever)s (yen)") % {"lever": lever.name},
                    min_value=0,
                    max_value=1_000_000_000,
                    initial=getattr(lever, "state_support_per_person_year", 0),
                    required=False,
                    widget=forms.NumberInput(attrs={"aria-describedby": f"support-{lever.code}"}),
                )
            if has_firm(lever):
                self.fields[f"firm_{lever.code}"] = forms.BooleanField(
                    label=_("The firm of %(lever)s is in the three metropolitan areas")
                    % {"lever": lever.name},
                    initial=getattr(lever, "firm_in_metropolitan_area", None) is True,
                    required=False,
                )

    def clean(self) -> dict[str, Any]:
        """Each lever's cost and limit as the planner checks them (core.planning.levers): e.g.
        a pool lever's limit above the days the prefecture allocated is refused on its field."""
        data = super().clean() or {}
        for lever in self.levers:
            try:
                _with_given_terms(lever, data)
            except InvalidScenarioError as error:
                self.add_error(f"limit_{lever.code}", str(error))
        return data

    def target_fields(self) -> list[Any]:
        return [self[name] for name in self.fields if name.startswith("target_")]

    def general_fields(self) -> list[Any]:
        names = ("budget", "years", "objective", "headcount_cap", "rotations")
        return [self[name] for name in names]

    def _as_shown(self, lever: Lever) -> Lever:
        """`lever` with the cost, support cap and firm switch the page shows (the data sent,
        if any and valid, else the lever's own)."""
        if not self.is_bound:
            return lever
        cost, limit = lever_terms(lever)
        given = _whole_or(self.data.get(f"cost_{lever.code}", ""), cost)
        if given >= 0:
            lever = with_terms(lever, given, limit)
        if has_support_cap(lever):
            cap = _whole_or(self.data.get(f"support_{lever.code}", ""), -1)
            if 0 <= cap <= 1_000_000_000:
                lever = with_support_cap(lever, cap)
        name = f"firm_{lever.code}"
        if has_firm(lever) and self.data.get("edited"):
            lever = with_firm(lever, bool(self.fields[name].to_python(self.data.get(name))))
        return lever

    def lever_rows(self) -> list[LeverRow]:
        """The lever editor's lines, in the scenario's order."""
        choices = {widget.data["value"]: widget for widget in self["levers"]}
        language = get_language() or "ja"
        rows = []
        for lever in self.levers:
            training = isinstance(lever, Training)
            rows.append(
                LeverRow(
                    code=lever.code,
                    name=lever.name,
                    kind=kind_label(lever.kind.value),
                    use=choices[lever.code],
                    cost=self[f"cost_{lever.code}"],
                    limit=self[f"limit_{lever.code}"],
                    cost_unit=str(
                        _("yen per seat")
                        if training
                        else _("yen per day")
                        if isinstance(lever, PoolDays)
                        else _("yen per year")
                    ),
                    limit_unit=str(_("seats a year") if training else _("starts a year")),
                    support=support_row(self._as_shown(lever), language),
                    support_cap=(self[f"support_{lever.code}"] if has_support_cap(lever) else None),
                    firm=self[f"firm_{lever.code}"] if has_firm(lever) else None,
                )
            )
        return rows

    def targets(self) -> dict[str, int]:
        return {
            name.removeprefix("target_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("target_") and value is not None
        }

    def apply(self, scenario: Scenario) -> Scenario:
        """`scenario` (already built for the chosen budget and horizon) with the form's
        targets, headcount cap and levers: only the ones chosen, with their cost and limit."""
        data = self.cleaned_data
        # A link without a lever choice (e.g. a bookmark) uses every lever.
        chosen = (
            set(data["levers"]) if data.get("edited") else {lever.code for lever in scenario.levers}
        )
        levers = []
        for lever in scenario.levers:
            if lever.code not in chosen:
                continue
            lever = _with_given_terms(lever, data)
            if data.get("edited") and has_firm(lever):
                lever = with_firm(lever, bool(data.get(f"firm_{lever.code}")))
            levers.append(lever)
        targets = {
            code: dict.fromkeys(scenario.fiscal_years(), target)
            for code, target in self.targets().items()
        }
        cap = float(data["headcount_cap"]) if data.get("headcount_cap") is not None else None
        return dataclasses.replace(
            scenario, levers=tuple(levers), targets=targets, headcount_cap=cap
        )


def _whole_or(text: str, default: int) -> int:
    """`text` as a whole number, else `default` (a field's raw value, before cleaning)."""
    try:
        return int(text)
    except ValueError:
        return default


def plan_form(
    organisation: Organisation, data: Any = None, targets: dict[str, int] | None = None
) -> PlanForm:
    """The editor for `organisation`'s scenario, bound to `data` (a QueryDict) if given;
    `targets` (capability code → people) pre-fills targets, e.g. from a diagnosis finding."""
    base = services.scenario_for(organisation)
    english = (get_language() or "ja").startswith("en")
    chosen = targets or {}
    capabilities = [
        (c.code, c.name.en if english else c.name.ja, chosen.get(c.code, c.target))
        for c in base.capabilities
    ]
    initial = {
        "budget": base.yearly_budget,
        "years": min(base.horizon_years, 10),
        "objective": DEFAULT_OBJECTIVE,
        "rotations": 0,
    }
    form = PlanForm(data, capabilities=capabilities, levers=base.levers, initial=initial)
    form.base = base
    return form
