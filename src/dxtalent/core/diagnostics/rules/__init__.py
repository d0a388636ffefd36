"""The diagnostic rules: each a small function from the team and its parameters to findings,
with an id, a switch (`enabled` in its parameters) and the source it rests on.

Rules about "now" look at the DX members in post on the reference day; the succession rule
looks at the end of each fiscal year of the horizon (see rotation). Messages are plain
sentences that name the people concerned, written in English and marked for the catalogue
(core.i18n): a finding's message is a `Phrase`, made in the reader's language when shown.

One module per family: `team` (central figure, coordinating staff, specification team),
`roles` (MIC's roles, capabilities resting on one person), `succession`, `vendors` (external
professionals' partners, negotiation capacity); `common` holds what they share and `sources`
each rule's source and name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from dxtalent.core.diagnostics.model import RULE_IDS, Finding, UnknownRuleError
from dxtalent.core.diagnostics.rules.common import (
    MAX_GAPS_SHOWN,
    central_figure_candidates,
    nearest,
)
from dxtalent.core.diagnostics.rules.roles import check_bus_factor, check_mic_roles
from dxtalent.core.diagnostics.rules.sources import NAMES, SOURCE_SUMMARIES, SOURCES
from dxtalent.core.diagnostics.rules.succession import check_succession
from dxtalent.core.diagnostics.rules.team import (
    check_central_figure,
    check_coordinating_staff,
    check_specification_team,
)
from dxtalent.core.diagnostics.rules.vendors import (
    check_external_pairing,
    check_negotiation_capacity,
)
from dxtalent.core.diagnostics.team import TeamView
from dxtalent.core.i18n import Phrase

__all__ = [
    "MAX_GAPS_SHOWN",
    "NAMES",
    "RULES",
    "SOURCES",
    "SOURCE_SUMMARIES",
    "Rule",
    "central_figure_candidates",
    "check_bus_factor",
    "check_central_figure",
    "check_coordinating_staff",
    "check_external_pairing",
    "check_mic_roles",
    "check_negotiation_capacity",
    "check_specification_team",
    "check_succession",
    "nearest",
    "rule",
]


@dataclass(frozen=True)
class Rule:
    """A diagnostic rule: id (a RULE_IDS entry), name, source, and `run`, which applies the
    rule with its parameters from the team's settings, or gives nothing when it is off."""

    id: str
    name: Phrase
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
