"""The team as the rules see it: who is in post today and at the end of each fiscal year of
the horizon, and who meets each capability."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from dxtalent.core.diagnostics.model import (
    Capability,
    Departure,
    DepartureReason,
    DuplicatePersonError,
    InvalidCapabilityError,
    TeamMember,
)
from dxtalent.core.diagnostics.rotation import (
    expected_departure,
    first_fiscal_year,
    in_post_at_end,
)
from dxtalent.core.diagnostics.settings import DiagnosisSettings


@dataclass(frozen=True)
class TeamView:
    """A team prepared for diagnosis (build it with `view_team`).

    members: everyone given, in the given order (DX and other departments). qualified:
    capability code → ids of the members who meet it. departures and first_years: per member
    id, the expected departure and the first fiscal year counted (see rotation).
    """

    members: tuple[TeamMember, ...]
    capabilities: tuple[Capability, ...]
    settings: DiagnosisSettings
    today: dt.date
    current_fiscal_year: int
    fiscal_years: tuple[int, ...]
    departures: Mapping[str, Departure]
    first_years: Mapping[str, int]
    qualified: Mapping[str, frozenset[str]]

    def present(self) -> tuple[TeamMember, ...]:
        """DX members in post today, in the given order: whom the rules about now look at."""
        return tuple(m for m in self.members if m.is_dx and m.in_post_on(self.today))

    def in_post(self, person: str, fiscal_year: int) -> bool:
        """Whether the member is in post at the end of `fiscal_year`."""
        return in_post_at_end(self.first_years[person], self.departures[person], fiscal_year)

    def employed(self, person: str, fiscal_year: int) -> bool:
        """Whether the member is still with the organisation at the end of `fiscal_year`, in
        any post: rotation moves people within it, only a hard end takes them out."""
        departure = self.departures[person]
        if departure.reason is not DepartureReason.HARD_END:
            return self.first_years[person] <= fiscal_year
        return self.in_post(person, fiscal_year)

    def holders(
        self, capability: Capability, fiscal_year: int | None = None
    ) -> tuple[TeamMember, ...]:
        """DX members meeting `capability`: in post today (fiscal_year None) or at the end of
        `fiscal_year`."""
        able = self.qualified[capability.code]
        if fiscal_year is None:
            return tuple(m for m in self.present() if m.id in able)
        return tuple(
            m for m in self.members if m.is_dx and m.id in able and self.in_post(m.id, fiscal_year)
        )


def check_team(members: Sequence[TeamMember], capabilities: Sequence[Capability]) -> None:
    """DuplicatePersonError or InvalidCapabilityError for ids or codes given twice."""
    seen: set[str] = set()
    for member in members:
        if member.id in seen:
            raise DuplicatePersonError(f'person id "{member.id}" appears twice in the team')
        seen.add(member.id)
    codes: set[str] = set()
    for capability in capabilities:
        if capability.code in codes:
            raise InvalidCapabilityError(
                f'capability code "{capability.code}" appears twice; each code once'
            )
        codes.add(capability.code)


def view_team(
    members: Sequence[TeamMember],
    capabilities: Sequence[Capability],
    settings: DiagnosisSettings,
) -> TeamView:
    """The team prepared for diagnosis; raises check_team's errors."""
    check_team(members, capabilities)
    qualified = {
        capability.code: frozenset(m.id for m in members if capability.counts(m))
        for capability in capabilities
    }
    return TeamView(
        members=tuple(members),
        capabilities=tuple(capabilities),
        settings=settings,
        today=settings.reference_day(),
        current_fiscal_year=settings.current_fiscal_year(),
        fiscal_years=settings.fiscal_years(),
        departures=MappingProxyType({m.id: expected_departure(m, settings) for m in members}),
        first_years=MappingProxyType({m.id: first_fiscal_year(m, settings) for m in members}),
        qualified=MappingProxyType(qualified),
    )
