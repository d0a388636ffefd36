"""A draft of the digital-talent chapter of the organisation's 人材育成・確保基本方針, from its
own data: the talent it needs, where it stands, how it will develop and secure people, the
environment, the organisation, targets with checkpoints per fiscal year and cooperation
beyond the organisation.

Every statement carries its source (a figure of the diagnosis or the plan, a rule of the
paper, MIC's standard or notice); nothing is said about the organisation that its data does
not say. It names no person: the policy is a public document."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from dxtalent.core.calendar import format_day, format_fiscal_year
from dxtalent.core.diagnostics.capabilities import mic_roles
from dxtalent.core.diagnostics.rules import SOURCE_SUMMARIES
from dxtalent.core.i18n import _, gettext_noop, labelled, ngettext, pgettext
from dxtalent.core.planning.explain import why_plan
from dxtalent.core.planning.plan import Plan
from dxtalent.core.planning.scenario import Scenario, Training
from dxtalent.core.reports.document import (
    Audience,
    Block,
    Document,
    Heading,
    Paragraph,
    Table,
    written_in_its_language,
    yen,
)
from dxtalent.core.reports.plan import (
    SOLVED,
    _actions,
    funding_table,
    strategy_name,
)

GUIDELINE = gettext_noop(
    "Structure after MIC's guideline for the talent development and securing policy (2023-12-22)."
)
POOL_NOTICE = gettext_noop(
    "MIC, prefecture–municipality DX support (minister's letter and notice, 2024-01-19): "
    "every prefecture builds a support system and a talent pool for its municipalities in "
    "FY2025."
)
# The paper's hierarchy of the team, by the rule that states it.
HIERARCHY = (
    ("central-figure", gettext_noop("One central figure leads.")),
    ("coordinating-staff", gettext_noop("At least two more staff with the same abilities.")),
    ("specification-team", gettext_noop("At least three staff who can write specifications.")),
)


@dataclass(frozen=True)
class PolicyFacts:
    """What the chapter needs besides the diagnosis and the plan: DX staff in post, of whom in
    specialist posts (exempt from rotation); and the shared resources the diagnosis settings
    record (days a year from the prefecture's pool, an adviser, joint procurement)."""

    dx_staff: int
    specialist_posts: int
    pool_days: int = 0
    adviser: bool = False
    joint_procurement: bool = False


# The source suffix _cited writes, in either language (Japanese drafts kept before
# labels took a full-width colon read "（出典: …）").
CITED = re.compile(r"^(?P<text>.*?)(?:（出典[：:] ?(?P<ja>.*)）| \(Source: (?P<en>.*)\))$", re.S)


def _cited(text: str, source: str, language: str) -> Paragraph:
    return Paragraph(_("{text} (Source: {source})").format(text=text, source=source))


def _fy(year: int, language: str) -> str:
    return format_fiscal_year(year, language)


@written_in_its_language
def policy_document(
    data: Mapping[str, Any],
    scenario: Scenario,
    plans: Mapping[str, Plan],
    facts: PolicyFacts,
    *,
    organisation: str,
    language: str,
    generated: dt.date,
    strategy: str = "mix",
) -> Document:
    """The chapter's draft. data: the diagnosis as report_json gives it; plans: a plan run's
    strategies, of which `strategy` is the one chosen; facts: PolicyFacts."""
    as_of = data["today"]
    diagnosis_source = _("dxtalent's team diagnosis as of {day}").format(
        day=format_day(dt.date.fromisoformat(as_of), language)
    )
    plan_source = _("dxtalent's staffing plan ({strategy})").format(
        strategy=strategy_name(strategy)
    )
    records = _("the organisation's training records")
    settings_source = _("the diagnosis settings (shared resources)")
    plan = plans[strategy]
    forecast: list[Mapping[str, Any]] = list(data["forecast"])
    findings: list[Mapping[str, Any]] = list(data["findings"])
    years: list[int] = list(data["fiscal_years"])
    rule = {key: text.get(language) for key, text in SOURCE_SUMMARIES.items()}
    blocks: list[Block] = [Paragraph(_(GUIDELINE), note=True)]

    # 1. The talent needed: MIC's four roles and the paper's hierarchy.
    blocks.append(Heading(_("1 The digital talent needed")))
    for role in mic_roles():
        blocks.append(
            _cited(
                labelled(role.name.get(language), role.description.get(language)),
                rule["mic-roles"],
                language,
            )
        )
    for key, text in HIERARCHY:
        blocks.append(_cited(_(text), rule[key], language))

    # 2. Where the organisation stands.
    blocks.append(Heading(_("2 Where the organisation stands")))
    if years:
        met = sum(1 for row in forecast if row["years"] and row["years"][0]["met"])
        blocks.append(
            _cited(
                _("In {year}, {met} of {capabilities} capabilities meet their target.").format(
                    year=_fy(years[0], language), met=met, capabilities=len(forecast)
                ),
                diagnosis_source,
                language,
            )
        )
        blocks.append(
            Table(
                header=(_("Capability"), pgettext("report", "Target"), _("Now")),
                rows=tuple(
                    (row["name"], str(row["target"]), f"{row['years'][0]['count']:g}")
                    for row in forecast
                    if row["years"]
                ),
                numeric=(1, 2),
                caption=diagnosis_source,
            )
        )
    succession = sum(1 for f in findings if f["rule"] == "succession")
    critical = sum(1 for f in findings if f["severity"] == "critical")
    blocks.append(
        _cited(
            ngettext(
                "{count} finding ({critical} critical), {succession} about succession.",
                "{count} findings ({critical} critical), {succession} about succession.",
                len(findings),
            ).format(count=len(findings), critical=critical, succession=succession),
            diagnosis_source,
            language,
        )
    )
    blocks.append(Paragraph(rule["succession"], note=True))

    # 3. Developing people.
    blocks.append(Heading(_("3 Developing people")))
    programmes = [lever for lever in scenario.levers if isinstance(lever, Training)]
    if programmes:
        blocks.append(
            Table(
                header=(
                    _("Programme"),
                    pgettext("report", "Months"),
                    pgettext("report", "Seats a year"),
                    _("Cost a seat"),
                    _("Held"),
                ),
                rows=tuple(
                    (
                        lever.name,
                        str(lever.months),
                        str(lever.seats_per_year),
                        yen(lever.cost_per_seat, language),
                        pgettext("report", "outside working hours")
                        if lever.outside_working_hours
                        else _("in working hours"),
                    )
                    for lever in programmes
                ),
                numeric=(1, 2, 3),
                caption=records,
            )
        )
    else:
        blocks.append(
            _cited(
                _("No training programme is recorded."),
                records,
                language,
            )
        )
    for line in _actions(scenario, plan, language, training=True):
        blocks.append(_cited(line, plan_source, language))

    # 4. Securing people.
    blocks.append(Heading(_("4 Securing people")))
    if plan.status in SOLVED:
        blocks.append(_cited(why_plan(plan), plan_source, language))
        for line in _actions(scenario, plan, language, training=False):
            blocks.append(_cited(line, plan_source, language))
        blocks.append(funding_table({strategy: plan}, language))
        blocks.append(Paragraph(plan_source, note=True))
    else:
        blocks.append(
            _cited(
                _("No plan meets every target within the budget and the limits."),
                plan_source,
                language,
            )
        )

    # 5. The environment.
    blocks.append(Heading(_("5 The environment")))
    blocks.append(
        _cited(
            _(
                "Of {staff} DX staff, {specialists} hold specialist posts exempt from rotation."
            ).format(staff=facts.dx_staff, specialists=facts.specialist_posts),
            diagnosis_source,
            language,
        )
    )
    outside = sum(1 for lever in programmes if lever.outside_working_hours)
    blocks.append(
        _cited(
            _("{outside} of {count} programmes are held outside working hours.").format(
                outside=outside, count=len(programmes)
            ),
            records,
            language,
        )
    )
    blocks.append(Paragraph(rule["bus-factor"], note=True))

    # 6. The organisation: the central figure, two coordinating staff, three writers.
    blocks.append(Heading(_("6 The organisation")))
    by_code = {row["capability"]: row for row in forecast}
    for code, key in (
        ("CO-CAP-CENTRAL", "central-figure"),
        ("CO-CAP-TEAM", "coordinating-staff"),
        ("CO-CAP-SPEC", "specification-team"),
    ):
        row = by_code.get(code)
        if row is None or not row["years"]:
            continue
        count = row["years"][0]["count"]
        blocks.append(
            _cited(
                _("{capability}: target {target}, now {count}.").format(
                    capability=row["name"], target=row["target"], count=f"{count:g}"
                ),
                f"{diagnosis_source}; {rule[key]}",
                language,
            )
        )

    # 7. Targets with checkpoints per fiscal year.
    blocks.append(Heading(_("7 Targets and checkpoints")))
    plan_years = scenario.fiscal_years()
    cells = {(cell.capability, cell.fiscal_year): cell for cell in plan.coverage}
    blocks.append(
        Table(
            header=(_("Capability"), *(_fy(year, language) for year in plan_years)),
            rows=tuple(
                (
                    capability.name.get(language),
                    *(
                        f"{cells[capability.code, year].count:g} / {cells[capability.code, year].target}"
                        if (capability.code, year) in cells
                        else "—"
                        for year in plan_years
                    ),
                )
                for capability in scenario.capabilities
            ),
            numeric=tuple(range(1, len(plan_years) + 1)),
            caption=_("Planned people / target") + f" — {plan_source}",
        )
    )

    # 8. Cooperation beyond the organisation.
    blocks.append(Heading(_("8 Cooperation beyond the organisation")))
    shared = _(
        "{days} days a year from the prefecture's pool; adviser: {adviser}; joint "
        "procurement: {joint}."
    ).format(
        days=facts.pool_days,
        adviser=pgettext("policy adviser", "yes")
        if facts.adviser
        else pgettext("policy adviser", "no"),
        joint=pgettext("policy joint procurement", "yes")
        if facts.joint_procurement
        else pgettext("policy joint procurement", "no"),
    )
    blocks.append(_cited(shared, settings_source, language))
    blocks.append(Paragraph(_(POOL_NOTICE), note=True))
    return Document(
        title=_("Talent policy: the digital talent chapter (draft)"),
        organisation=organisation,
        audience=Audience.COUNCIL,
        generated=generated,
        data_as_of=dt.date.fromisoformat(as_of),
        language=language,
        blocks=tuple(blocks),
        sources=(_(GUIDELINE), diagnosis_source, plan_source, _(POOL_NOTICE)),
    )


def uncited(document: Document) -> Sequence[str]:
    """The paragraphs of a policy draft that state something without a source (notes, which
    are sources themselves, excepted)."""
    return [
        block.text
        for block in document.blocks
        if isinstance(block, Paragraph) and not block.note and CITED.match(block.text) is None
    ]
