"""Who leaves the post when: expected departures, the bounds Monte Carlo draws within, and the
timeline of who is in post in each fiscal year.

The rule, in order:

1. A hard end date (fixed term, secondment) is fixed: the person leaves on that day. It wins
   over rotation and over a specialist post. A 会計年度任用職員's appointment ends every 31
   March, but reappointment is the normal case: that date is not a departure unless the
   organisation limits reappointments without open recruitment (`appointment_end`).
2. A specialist post (専門職) never rotates: the person stays beyond any horizon; nor does a
   会計年度任用職員, appointed to a job rather than moved by 人事異動.
3. Otherwise the person rotates at the end of a fiscal year (31 March, when Japanese local
   governments move staff: 人事異動 takes effect on 1 April). Staff rotate every 3–5 years
   unless in a specialist post (Nakagawa 2025, "Discussion"); the window is the person's own
   or the organisation's. The expected departure is the end of the fiscal year in which the
   person completes the middle of the window in post: with (3, 5) and a start on
   2023-04-01, four years are complete on 2027-03-31, so the last fiscal year is FY2026.
   A window whose middle falls on half a year, such as (3, 4), rounds to whole months (42).
4. A person past the window (still in post) is expected to leave at the end of the current
   fiscal year: nobody rotates out in the past.

A person counts in a fiscal year when in post at its end (31 March): the team that year's
rotation leaves behind. Moves are announced at the March 内示 and take effect on 1 April, so
someone whose last fiscal year is FY2026 is gone on 1 April 2027 and not counted in FY2027.
`years_in_post` is the one place that turns this into fiscal years; the diagnosis, the
planner, its checker and the Monte Carlo all call it (or `departure_bounds` for the draws). So a term ending on 30 September is not counted for that fiscal year,
and someone arriving on 1 October is. Without a post start date the window is counted from the
start of the current fiscal year.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from dxtalent.core.calendar import add_months, fiscal_year_end, fiscal_year_of, fiscal_year_start
from dxtalent.core.diagnostics.model import (
    Departure,
    DepartureReason,
    EmploymentType,
    TeamMember,
    TimelineEntry,
)
from dxtalent.core.diagnostics.settings import DiagnosisSettings


def completes_in(start: dt.date, months: int) -> int:
    """The fiscal year in which someone who started on `start` completes `months` in post: the
    fiscal year of the day before the anniversary (start 2023-04-01, 48 months → FY2026)."""
    return fiscal_year_of(add_months(start, months) - dt.timedelta(days=1))


def last_counted_year(last_day: dt.date) -> int:
    """The last fiscal year whose 31 March falls on or before `last_day`: the fiscal year of
    `last_day` when it is 31 March, else the one before."""
    fiscal_year = fiscal_year_of(last_day)
    return fiscal_year if last_day == fiscal_year_end(fiscal_year) else fiscal_year - 1


def appointment_end(member: TeamMember, settings: DiagnosisSettings) -> dt.date | None:
    """The day the member's appointment really ends: the hard end date, except for a
    会計年度任用職員 whose term ends on a 31 March, who is reappointed (地方公務員法 22条の2: a
    one-fiscal-year term; reappointment is the normal case). With settings.reappointments = N
    the post is openly recruited after N reappointments: the end is 31 March of the N-th
    fiscal year after the first appointment (the fiscal year of post_start, or of the
    current term's end when unknown). A term that ends on another day is a real end."""
    end = member.hard_end
    if end is None or member.employment_type != EmploymentType.FIXED_TERM_PART_TIME:
        return end
    if end != fiscal_year_end(fiscal_year_of(end)):
        return end
    if settings.reappointments is None:
        return None
    first = fiscal_year_of(member.post_start) if member.post_start else fiscal_year_of(end)
    return fiscal_year_end(max(first + settings.reappointments, fiscal_year_of(end)))


def stays(member: TeamMember, settings: DiagnosisSettings) -> bool:
    """Whether the member never rotates: a specialist post, or a 会計年度任用職員 (appointed to
    a job, not moved by 人事異動), when no appointment end applies."""
    if appointment_end(member, settings) is not None:
        return False
    return member.specialist_post or member.employment_type == EmploymentType.FIXED_TERM_PART_TIME


def window_of(member: TeamMember, settings: DiagnosisSettings) -> tuple[int, int]:
    """The member's rotation window in years in post, or the organisation's."""
    return member.rotation_window or settings.rotation_window


def _rotation_start(member: TeamMember, current: int) -> dt.date:
    return member.post_start or fiscal_year_start(current)


def first_fiscal_year(member: TeamMember, settings: DiagnosisSettings) -> int:
    """The first fiscal year, from the current one on, at whose end the member is in post:
    the current one, or a later one for a planned arrival."""
    current = settings.current_fiscal_year()
    if member.post_start is None:
        return current
    return max(current, fiscal_year_of(member.post_start))


def departure_bounds(member: TeamMember, settings: DiagnosisSettings) -> tuple[int, int] | None:
    """The earliest and latest last fiscal year in post that the rotation rule allows, both
    ends included; equal for a hard end; None for a specialist who stays.

    Rotation: the fiscal years in which the member completes min and max years in post,
    neither before the current fiscal year (someone still in post has not left). A hard end
    may give a fiscal year before the current one: the member is already gone at its end.
    """
    end = appointment_end(member, settings)
    if end is not None:
        last = last_counted_year(end)
        return last, last
    if stays(member, settings):
        return None
    current = settings.current_fiscal_year()
    start = _rotation_start(member, current)
    shortest, longest = window_of(member, settings)
    earliest = completes_in(start, 12 * shortest)
    latest = completes_in(start, 12 * longest)
    return max(earliest, current), max(latest, current)


def expected_departure(member: TeamMember, settings: DiagnosisSettings) -> Departure:
    """When the member is expected to leave (the module's rule)."""
    end = appointment_end(member, settings)
    if end is not None:
        return Departure(member.id, DepartureReason.HARD_END, end, last_counted_year(end))
    if stays(member, settings):
        return Departure(member.id, DepartureReason.STAYS, None, None)
    current = settings.current_fiscal_year()
    shortest, longest = window_of(member, settings)
    middle_months = round(6 * (shortest + longest))
    last = completes_in(_rotation_start(member, current), middle_months)
    reason = DepartureReason.ROTATION
    if last < current:
        last, reason = current, DepartureReason.OVERDUE
    return Departure(member.id, reason, fiscal_year_end(last), last)


def in_post_at_end(first_year: int, departure: Departure, fiscal_year: int) -> bool:
    """Whether someone whose first counted year is `first_year` and who leaves as `departure`
    is in post at the end of `fiscal_year`."""
    last = departure.last_fiscal_year
    return first_year <= fiscal_year and (last is None or fiscal_year <= last)


def years_in_post(
    member: TeamMember, settings: DiagnosisSettings, fiscal_years: Sequence[int] | None = None
) -> tuple[int, ...]:
    """The fiscal years of `fiscal_years` (default: the settings' horizon) at whose end the
    member is in post under the expected departures, seen from settings' reference day: the
    one rule of who is in post when (module notes). Fiscal years after the horizon are
    answered too (the planner's may start after the current one)."""
    years = settings.fiscal_years() if fiscal_years is None else fiscal_years
    departure = expected_departure(member, settings)
    first = first_fiscal_year(member, settings)
    return tuple(year for year in years if in_post_at_end(first, departure, year))


def timeline(
    members: Sequence[TeamMember], settings: DiagnosisSettings
) -> tuple[TimelineEntry, ...]:
    """For each member, in the given order, the horizon's fiscal years they are in post at the
    end of, and their expected departure. A member already gone has no fiscal years."""
    return tuple(
        TimelineEntry(
            member.id, years_in_post(member, settings), expected_departure(member, settings)
        )
        for member in members
    )
