"""Small municipalities: the rules that need several people, read through shared resources.

211 municipalities of up to 50,000 people have at most one DX or information staff member
(FY2025; towns and villages average 2.4, domain-facts §6). For them the paper's three-person
team cannot be in-house; the prefecture's talent pool (all prefectures build one during
FY2025), MIC's 地域情報化アドバイザー (MIC pays, up to 3 days a project) and joint procurement
with neighbours share the work (domain-facts §4; MIC 自治体DX推進計画 2.3 §2(4): prefectures
and municipalities working together).

The rule, dxtalent's:

1. The mode is on when the organisation says so, or automatically when its census population
   is at most 50,000 and at most 2 DX members (advisers not counted) are in post today.
2. Shared resources count as people per kind of work (SmallMunicipalityParams.shared_people):
   the pool as one person per 24 days a fiscal year (at most two) for coordination,
   specifications and negotiation; the adviser as one for specifications; joint procurement
   as one for specifications and negotiation.
3. They fill any seat but one: a team of n seats with k in-house people counts
   k + min(shared, n − 1) when k ≥ 1, and 0 when nobody in-house does the work (the paper's
   control tower is a local civil servant, and external professionals succeed when paired
   with in-house staff, Nakagawa 2025 "Conclusion"). So a capability's in-house target
   becomes max(1, target − shared).
4. The findings then say what is possible: covered with shared resources is info; still short
   is a warning naming the resources not yet used, never critical. A missing central figure
   stays critical unless the pool supports the municipality (the pool's producer stands in
   while someone in-house grows).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from types import MappingProxyType

from dxtalent.core.diagnostics.model import (
    Capability,
    EmploymentType,
    SmallMunicipality,
    TeamMember,
)
from dxtalent.core.diagnostics.settings import (
    DiagnosisSettings,
    SmallMunicipalityMode,
    SmallMunicipalityParams,
)
from dxtalent.core.diagnostics.wording import commas
from dxtalent.core.i18n import Phrase, _, gettext_noop

# domain-facts §6 (small municipalities' staff) and §4 (the prefectures' talent pools, the
# advisers). Marked for the catalogue: the team page shows it in the reader's language; a
# finding's source keeps it in English next to the paper's passages.
SOURCE_SMALL = gettext_noop(
    "MIC surveys as reported in the press: 211 municipalities of up to 50,000 people have at "
    "most one DX or information staff member (FY2025), and towns and villages 2.4 on average. "
    "Every prefecture builds a talent pool for municipal DX during FY2025 (MIC, "
    "https://www.soumu.go.jp/denshijiti/renkei_DXsuishin.html). MIC pays for its regional "
    "informatization advisers, up to 3 days a project "
    "(https://dx-navi.soumu.go.jp/support/advisor). How the shared resources count toward the "
    "targets is dxtalent's."
)

# The kind of work each of the paper's capabilities is (core.diagnostics.capabilities). The
# central figure is coordination work: its in-house target never falls below 1, but in a small
# municipality the pool's coordinator is the second person the bus-factor rule asks for.
CAPABILITY_WORK: Mapping[str, str] = MappingProxyType(
    {
        "CO-CAP-CENTRAL": "coordination",
        "CO-CAP-TEAM": "coordination",
        "CO-CAP-SPEC": "specification",
        "CO-CAP-NEGO": "negotiation",
    }
)


def dx_staff(members: Sequence[TeamMember], settings: DiagnosisSettings) -> int:
    """DX members in post on the reference day, advisers not counted (they are a shared
    resource, not staff)."""
    today = settings.reference_day()
    return sum(
        1
        for m in members
        if m.is_dx and m.in_post_on(today) and m.employment_type != EmploymentType.ADVISER
    )


def counted(in_house: int, shared: int, seats: int) -> int:
    """People counted toward `seats`: in-house plus shared, the shared filling at most
    seats − 1; nothing from shared resources when nobody in-house does the work."""
    if in_house <= 0:
        return in_house
    return in_house + min(shared, max(seats - 1, 0))


def in_house_target(target: int, shared: int) -> int:
    """The in-house people a capability still needs once shared resources count: at least 1."""
    return max(1, target - shared)


def _reason(params: SmallMunicipalityParams, staff: int, active: bool) -> Phrase:
    if params.mode is SmallMunicipalityMode.ON:
        return Phrase.of(gettext_noop("Set on in the diagnosis settings."))
    if params.mode is SmallMunicipalityMode.OFF:
        return Phrase.of(gettext_noop("Set off in the diagnosis settings."))
    population = params.population
    if population is None:
        return Phrase.of(
            gettext_noop("The population is unknown, so the mode is not switched on automatically.")
        )

    def facts() -> str:
        census = (
            _("{year} census").format(year=params.census_year)
            if params.census_year
            else _("census")
        )
        return _(
            "population {population} ({census}), {staff} DX staff (threshold: population "
            "{max_population} or less and {max_staff} staff or fewer)"
        ).format(
            population=f"{population:,}",
            census=census,
            staff=staff,
            max_population=f"{params.max_population:,}",
            max_staff=params.max_staff,
        )

    if active:
        return Phrase(lambda: _("Switched on automatically: {facts}.").format(facts=facts()))
    return Phrase(lambda: _("Not a small municipality here: {facts}.").format(facts=facts()))


def small_municipality(
    members: Sequence[TeamMember],
    capabilities: Sequence[Capability],
    settings: DiagnosisSettings,
) -> SmallMunicipality:
    """Whether the small-municipality mode is on for this team (the module's rule 1), the
    people shared resources count as, and each of the paper's capabilities' in-house
    target."""
    params = settings.small_municipality
    staff = dx_staff(members, settings)
    if params.mode is SmallMunicipalityMode.AUTO:
        active = (
            params.population is not None
            and params.population <= params.max_population
            and staff <= params.max_staff
        )
    else:
        active = params.mode is SmallMunicipalityMode.ON
    shared = params.shared_people() if active else {k: 0 for k in params.shared_people()}
    targets = {
        c.code: (c.target, in_house_target(c.target, shared[CAPABILITY_WORK[c.code]]))
        for c in capabilities
        if c.code in CAPABILITY_WORK
    }
    return SmallMunicipality(
        active=active,
        reason=_reason(params, staff, active),
        population=params.population,
        census_year=params.census_year,
        dx_staff=staff,
        shared=MappingProxyType(dict(shared)),
        targets=MappingProxyType(targets),
        source=SOURCE_SMALL,
    )


def with_in_house_targets(
    capabilities: Sequence[Capability], status: SmallMunicipality
) -> tuple[Capability, ...]:
    """The capabilities with their in-house targets (rule 3) when the mode is on; unchanged
    otherwise. Forecast, bus-factor, succession and the rotation risk all use these."""
    if not status.active:
        return tuple(capabilities)
    return tuple(
        replace(c, target=status.targets[c.code][1]) if c.code in status.targets else c
        for c in capabilities
    )


def options(params: SmallMunicipalityParams, work: str, short: int) -> tuple[Phrase, ...]:
    """What is possible for a small municipality short of `short` people for `work`
    ("coordination", "specification" or "negotiation"): the shared resources it does not use
    yet, each with what it would count as."""
    found: list[Phrase] = []
    pool_room = params.max_pool_people - params.pool_people()
    if pool_room > 0:
        people = min(pool_room, max(short, 1)) + params.pool_people()
        days = people * params.pool_days_per_person
        per_person = params.pool_days_per_person
        found.append(
            Phrase(
                lambda: _(
                    "ask the prefecture's talent pool for {days} days a year or more "
                    "({per_person} days count as one person)"
                ).format(days=days, per_person=per_person)
            )
        )
    if work == "specification" and not params.adviser:
        found.append(
            Phrase.of(
                gettext_noop("invite a 地域情報化アドバイザー (MIC pays, up to 3 days a project)")
            )
        )
    if work in ("specification", "negotiation") and not params.joint_procurement:
        found.append(
            Phrase.of(
                gettext_noop(
                    "procure jointly with neighbouring municipalities (sharing the specification "
                    "and the negotiation)"
                )
            )
        )
    return tuple(found)


def used(params: SmallMunicipalityParams, work: str) -> Phrase:
    """The shared resources in use for `work`, as a list for a sentence; empty when none."""
    pool_days = params.pool_days if params.pool_people() else None
    adviser = work == "specification" and params.adviser
    joint = work in ("specification", "negotiation") and params.joint_procurement

    def text() -> str:
        found: list[str] = []
        if pool_days is not None:
            found.append(_("the prefecture's pool ({days} days a year)").format(days=pool_days))
        if adviser:
            found.append(_("a 地域情報化アドバイザー"))
        if joint:
            found.append(_("joint procurement with neighbours"))
        return commas(found)

    return Phrase(text)
