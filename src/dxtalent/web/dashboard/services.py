"""What an officer opens the app for: the organisation's figures on one page (findings by
severity, capabilities below target this fiscal year and next, who leaves in the coming moves,
terms ending, ratings awaiting confirmation, the latest plan), or a getting-started checklist
for an organisation with no data yet."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dxtalent.core.calendar import add_months, fiscal_year_of
from dxtalent.core.diagnostics import Diagnosis, Severity, TeamMember
from dxtalent.web.diagnostics.services import capabilities_for, rules_only, to_domain
from dxtalent.web.organisations.models import Organisation
from dxtalent.web.people.models import Department, Person, Rating
from dxtalent.web.people.services import waiting_reviews
from dxtalent.web.planning.models import PlanRun

# Terms (fixed-term staff, secondees, 会計年度任用) ending within this many months are listed.
TERMS_AHEAD_MONTHS = 12


@dataclass(frozen=True)
class Step:
    """One item of the getting-started checklist."""

    key: str
    done: bool


@dataclass(frozen=True)
class Shortfall:
    """A capability below its target at the end of a fiscal year: name, people, target."""

    name: str
    fiscal_year: int
    count: float
    target: int


@dataclass(frozen=True)
class Leaver:
    """A DX member leaving in the coming moves (or at the end of a term); person_pk: their
    record's key for a link."""

    person_pk: int | None
    name: str
    last_day: dt.date | None


@dataclass(frozen=True)
class Overview:
    """The dashboard's figures; `checklist` is all there is for an organisation without staff."""

    checklist: tuple[Step, ...]
    has_team: bool
    severities: tuple[tuple[str, int], ...] = ()
    shortfalls: tuple[Shortfall, ...] = ()
    leavers: tuple[Leaver, ...] = ()  # the first LEAVERS_SHOWN
    leavers_total: int = 0
    terms_ending: tuple[Person, ...] = ()
    pending_ratings: int = 0
    latest_plan: PlanRun | None = None


# Leavers the dashboard names; the team page has them all (a large city's DX department
# sees a hundred moves a year).
LEAVERS_SHOWN = 10


def checklist(organisation: Organisation) -> tuple[Step, ...]:
    """Departments, staff, ratings, a DX department, a plan: what a new organisation sets up."""
    has_departments = Department.objects.filter(organisation=organisation).exists()
    has_dx = Department.objects.filter(organisation=organisation, is_dx=True).exists()
    has_staff = Person.objects.filter(organisation=organisation, kind="staff").exists()
    has_ratings = Rating.objects.filter(organisation=organisation).exists()
    has_plan = PlanRun.objects.filter(organisation=organisation).exists()
    return (
        Step("departments", has_departments and has_dx),
        Step("staff", has_staff),
        Step("ratings", has_ratings),
        Step("diagnosis", has_staff and has_ratings and has_dx),
        Step("plan", has_plan),
    )


def _shortfalls(
    diagnosis: Diagnosis, names: dict[str, str], years: set[int]
) -> tuple[Shortfall, ...]:
    found = []
    for row in diagnosis.forecast.cells:
        for cell in row:
            if cell.fiscal_year in years and not cell.met:
                found.append(
                    Shortfall(names[cell.capability], cell.fiscal_year, cell.count, cell.target)
                )
    return tuple(sorted(found, key=lambda s: (s.fiscal_year, s.name)))


def _leavers(diagnosis: Diagnosis, members: dict[str, TeamMember], year: int) -> tuple[Leaver, ...]:
    found = []
    for entry in diagnosis.timeline:
        member = members[entry.person]
        departure = entry.departure
        if member.is_dx and departure.last_fiscal_year == year:
            pk = int(member.id) if member.id.isdigit() else None
            found.append(Leaver(pk, member.name, departure.last_day))
    return tuple(sorted(found, key=lambda leaver: leaver.name))


def overview(organisation: Organisation, today: dt.date, language: str = "ja") -> Overview:
    """The organisation's dashboard as of `today`: the diagnosis without its Monte Carlo
    (the team page has it), in names, not codes."""
    steps = checklist(organisation)
    members = to_domain(organisation)
    if not any(m.is_dx for m in members):
        return Overview(checklist=steps, has_team=False)
    capabilities = capabilities_for(organisation)
    diagnosis = rules_only(organisation, years=2, today=today)
    year = fiscal_year_of(today)
    counts = {severity: len(diagnosis.with_severity(severity)) for severity in Severity}
    names = {c.code: c.name.get(language) for c in capabilities}
    ending = Person.objects.filter(
        organisation=organisation,
        kind="staff",
        active=True,
        contract_end__gte=today,
        contract_end__lte=add_months(today, TERMS_AHEAD_MONTHS),
    ).order_by("contract_end", "family_name")
    leavers = _leavers(diagnosis, {m.id: m for m in members}, year)
    return Overview(
        checklist=steps,
        has_team=True,
        severities=tuple((severity.value, counts[severity]) for severity in Severity),
        shortfalls=_shortfalls(diagnosis, names, {year, year + 1}),
        leavers=leavers[:LEAVERS_SHOWN],
        leavers_total=len(leavers),
        terms_ending=tuple(ending),
        # The review queue's training evidence, kept per data version: counting it afresh reads
        # every training record of a large city.
        pending_ratings=sum(row.training_count for row in waiting_reviews(organisation)),
        latest_plan=PlanRun.objects.filter(organisation=organisation).order_by("-pk").first(),
    )
