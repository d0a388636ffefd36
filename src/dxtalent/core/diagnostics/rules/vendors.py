"""The rules about working with vendors and external professionals: external professionals
paired with in-house staff who know local government, and enough negotiators for the vendor
contracts (from the register's renewals and migrations when it has them)."""

from __future__ import annotations

from collections.abc import Sequence

from dxtalent.core.diagnostics import small
from dxtalent.core.diagnostics.capabilities import skill_name
from dxtalent.core.diagnostics.model import (
    Finding,
    Severity,
    SmallMunicipality,
    TeamMember,
    strength,
)
from dxtalent.core.diagnostics.rules.common import (
    count,
    enough,
    headcount,
    options,
    shared,
    small_note,
    small_status,
)
from dxtalent.core.diagnostics.rules.sources import SOURCES
from dxtalent.core.diagnostics.settings import ExternalPairingParams, NegotiationParams
from dxtalent.core.diagnostics.team import TeamView
from dxtalent.core.diagnostics.wording import current, people, sentences
from dxtalent.core.i18n import Phrase, _, bracketed, ngettext


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

    def text() -> str:
        if not partners:
            return ngettext(
                "No in-house member of staff at level {level} or above in {skill} is there to "
                "pair with the external professional {externals}; the paper finds such pairs "
                "key to success.",
                "No in-house member of staff at level {level} or above in {skill} is there to "
                "pair with the external professionals {externals}; the paper finds such pairs "
                "key to success.",
                len(externals),
            ).format(level=level, skill=current(name), externals=people(externals))
        return _(
            "{count} external professionals ({externals}) but only {partners} in-house at "
            "level {level} or above in {skill} to pair with them ({partner_names}); one partner "
            "is counted for up to {per_partner}."
        ).format(
            count=len(externals),
            externals=people(externals),
            partners=count(len(partners)),
            level=level,
            skill=current(name),
            partner_names=people(partners),
            per_partner=params.externals_per_partner,
        )

    found = tuple(m.id for m in externals) + tuple(m.id for m in partners)
    return [Finding(rule, Severity.WARNING, Phrase(text), found, SOURCES[rule])]


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
    if enough(able, needed):
        return []
    name, level = skill_name(params.skill), params.min_level
    status = small_status(team)
    if status.active:
        return [_small_negotiation(team, params, able, needed, status)]

    def text() -> str:
        if able:
            first = ngettext(
                "For {contracts} vendor contracts{large}, only {count} ({people}) is at level "
                "{level} or above in {skill}; the guide is {needed} (one per {per_negotiator} "
                "contracts, a large one counting as {large_weight}).",
                "For {contracts} vendor contracts{large}, only {count} ({people}) are at level "
                "{level} or above in {skill}; the guide is {needed} (one per {per_negotiator} "
                "contracts, a large one counting as {large_weight}).",
                len(able),
            )
        else:
            first = _(
                "For {contracts} vendor contracts{large}, nobody is at level {level} or above in "
                "{skill}; the guide is {needed} (one per {per_negotiator} contracts, a large one "
                "counting as {large_weight})."
            )
        large = (
            bracketed(_("{count} of them large").format(count=params.large_contracts))
            if params.large_contracts
            else ""
        )
        return sentences(
            [
                first.format(
                    contracts=params.contracts,
                    large=large,
                    count=headcount(able),
                    people=people(able),
                    level=level,
                    skill=current(name),
                    needed=needed,
                    per_negotiator=params.contracts_per_negotiator,
                    large_weight=params.large_contract_weight,
                ),
                _("Without enough negotiators, information asymmetry invites vendor lock-in."),
            ]
        )

    severity = Severity.WARNING if able else Severity.CRITICAL
    return [Finding(rule, severity, Phrase(text), tuple(m.id for m in able), SOURCES[rule])]


def _negotiation_by_year(team: TeamView, params: NegotiationParams) -> list[Finding]:
    """The register's renewals and migrations in each fiscal year of the horizon against the
    DX staff in post at the year's end who reach min_level in negotiation or in writing
    specifications (NegotiationParams); a finding for each year short of
    negotiators_needed_in, naming who of today's able staff will have rotated out by then.
    In small-municipality mode the shared resources for negotiation count too."""
    rule = "negotiation-capacity"
    status = small_status(team)
    from_shared = status.shared["negotiation"] if status.active else 0
    level = params.min_level

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
        staff = [m for m in team.members if m.is_dx and able(m) and team.in_post(m.id, year)]
        if strength(staff) + from_shared >= needed - 1e-9:
            continue
        gone = [m for m in able_now if not team.in_post(m.id, year)]
        severity = Severity.WARNING if staff or from_shared else Severity.CRITICAL
        found = tuple(m.id for m in staff) + tuple(m.id for m in gone)
        findings.append(
            Finding(
                rule,
                severity,
                _year_short(params, year, needed, staff, gone, from_shared),
                found,
                f"{SOURCES[rule]}; renewals and migrations from the organisation's register",
                fiscal_year=year,
            )
        )
    return findings


def _year_short(
    params: NegotiationParams,
    year: int,
    needed: int,
    staff: Sequence[TeamMember],
    gone: Sequence[TeamMember],
    from_shared: int,
) -> Phrase:
    work = params.workload[year]
    negotiation, specification = skill_name(params.skill), skill_name(params.specification_skill)

    def text() -> str:
        in_post = (
            _("{count} ({people})").format(count=headcount(staff), people=people(staff))
            if staff
            else _("nobody")
        )
        with_shared = (
            _(" with {count} from shared resources").format(count=from_shared)
            if from_shared
            else ""
        )
        parts = [
            _(
                "In FY{year} the register has {renewals} contract renewals and {migrations} "
                "migrations to standard-compliant systems, and {staff} at level {level} or above "
                "in {negotiation} or {specification}{shared}; the guide is {needed} (one per "
                "{per_negotiator} a year, an assumption of dxtalent you can change in the "
                "settings)."
            ).format(
                year=year,
                renewals=work.renewals,
                migrations=work.migrations,
                staff=in_post,
                level=params.min_level,
                negotiation=current(negotiation),
                specification=current(specification),
                shared=with_shared,
                needed=needed,
                per_negotiator=params.events_per_negotiator,
            )
        ]
        if gone:
            parts.append(
                _("{people}, able today, will have rotated out by then.").format(
                    people=people(gone)
                )
            )
        parts.append(
            _(
                "Without enough people to negotiate and write specifications, vendor lock-in "
                "becomes likely."
            )
        )
        return sentences(parts)

    return Phrase(text)


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
    met = total >= needed
    small_params = team.settings.small_municipality

    def text() -> str:
        parts = [
            small_note(
                _(
                    "for {contracts} vendor contracts, {in_house} in-house at level {level} or "
                    "above in {skill} and {shared} make {total} (the guide is {needed})."
                ).format(
                    contracts=params.contracts,
                    in_house=len(able),
                    level=level,
                    skill=current(name),
                    shared=shared(team, "negotiation", from_shared),
                    total=total,
                    needed=needed,
                )
            )
        ]
        if not met:
            parts.append(options(small.options(small_params, "negotiation", needed - total)))
        return sentences(parts)

    source = f"{SOURCES[rule]}; {small.SOURCE_SMALL}"
    severity = Severity.INFO if met else Severity.WARNING
    return Finding(rule, severity, Phrase(text), tuple(m.id for m in able), source)
