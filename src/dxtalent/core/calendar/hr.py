"""The personnel (人事) calendar of a Japanese local government, and what can still be done
about a departure before it happens.

The cycle that ends in the moves of 1 April of year Y (the start of fiscal year Y; Local
Autonomy Act art. 208: the fiscal year runs from 1 April to 31 March):

1. Self-declaration (自己申告) and personnel hearings (人事ヒアリング): typically October–November
   of Y−1. Here the department asks 人事課 to keep someone in post, to make a post a specialist
   (non-rotating) one, to extend a fixed term, or to post a successor with the right skills.
2. The draft of the moves (異動案) is made between the hearings and the notice: a request may
   still be heard, but late.
3. The informal notice (内示): typically mid-March of Y. From then on the move is practically
   fixed.
4. The move takes effect on 1 April of Y.

The dates of steps 1 and 3 are typical practice, a dxtalent assumption: no published source
gives them and organisations differ, so `HrCalendar` takes other dates.

Time left is counted in whole months (`whole_months`), with the days beyond them.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
import enum
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from dxtalent.core.calendar.fiscal_year import FISCAL_YEAR_START_MONTH, fiscal_year_start
from dxtalent.core.i18n import Phrase, gettext_noop, ngettext

HR_CALENDAR_SOURCE = (
    "Typical practice of Japanese local governments, a dxtalent assumption (organisations "
    "differ): self-declaration and personnel hearings (自己申告・人事ヒアリング) in October–"
    "November, the informal notice (内示) in mid-March; moves take effect on 1 April, the "
    "first day of the fiscal year (Local Autonomy Act art. 208)"
)


class InvalidHrCalendarError(ValueError):
    """A personnel calendar whose dates are impossible or out of order."""


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` moved by whole months (negative: back); the 29th–31st become the month's last day
    when it has fewer days (2026-01-31 + 1 → 2026-02-28)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, _calendar.monthrange(year, month)[1]))


def whole_months(start: dt.date, end: dt.date) -> int:
    """Whole months from `start` to `end`: the largest m with add_months(start, m) ≤ end.

    2026-09-01 → 2027-04-01: 7 (exactly seven months); 2026-09-02 → 2027-04-01: 6;
    2027-03-20 → 2027-04-01: 0. A month from the 29th–31st is complete on the last day of a
    shorter month (2026-01-31 → 2026-02-28: 1). 0 when `end` is on or before `start`.
    """
    if end <= start:
        return 0
    months = (end.year - start.year) * 12 + end.month - start.month
    if add_months(start, months) > end:
        months -= 1
    return max(months, 0)


@dataclass(frozen=True)
class TimeLeft:
    """Time from a day to a date: whole months, and the days beyond them (0–30). Both 0 on
    or after the date."""

    months: int
    days: int

    @classmethod
    def between(cls, start: dt.date, end: dt.date) -> TimeLeft:
        """The time from `start` to `end` (see whole_months)."""
        months = whole_months(start, end)
        days = max((end - add_months(start, months)).days, 0)
        return cls(months, days)

    def text(self) -> Phrase:
        """ "7か月" / "7 months"; under a month the days: "1か月未満（12日）" / "12 days"."""
        months, days = self.months, self.days
        if months:
            return Phrase(
                lambda: ngettext("{months} month", "{months} months", months).format(months=months)
            )
        return Phrase(lambda: ngettext("{days} day", "{days} days", days).format(days=days))


def _month_day(value: object, where: str, months: range) -> tuple[int, int]:
    accepted = f"a (month, day) pair with the month from {months.start} to {months.stop - 1}"
    if (
        not isinstance(value, tuple)
        or len(value) != 2
        or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
        or value[0] not in months
    ):
        raise InvalidHrCalendarError(f"{where}: {value!r} is not accepted; {accepted}")
    month, day = value
    # A leap year, so that 29 February is accepted.
    if not 1 <= day <= _calendar.monthrange(2028, month)[1]:
        raise InvalidHrCalendarError(
            f"{where}: {value!r} is not a day of month {month}; {accepted}"
        )
    return month, day


def _on(year: int, month_day: tuple[int, int]) -> dt.date:
    month, day = month_day
    return dt.date(year, month, min(day, _calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class HrCycle:
    """One personnel cycle: the hearings, the notice and the move day (1 April)."""

    hearings_start: dt.date
    hearings_end: dt.date
    notice: dt.date
    move_day: dt.date


@dataclass(frozen=True)
class HrCalendar:
    """The dates of the personnel cycle, as (month, day).

    hearings_start / hearings_end: self-declaration and personnel hearings, in the autumn
    before the move (months April–December of the year before; default 1 October to
    30 November). notice: the 内示 (January–March of the move's year; default 15 March).
    Moves take effect on 1 April. Defaults: typical practice, a dxtalent assumption.
    """

    hearings_start: tuple[int, int] = (10, 1)
    hearings_end: tuple[int, int] = (11, 30)
    notice: tuple[int, int] = (3, 15)
    source: str = HR_CALENDAR_SOURCE

    def __post_init__(self) -> None:
        autumn = range(FISCAL_YEAR_START_MONTH, 13)
        start = _month_day(self.hearings_start, "hr_calendar.hearings_start", autumn)
        end = _month_day(self.hearings_end, "hr_calendar.hearings_end", autumn)
        _month_day(self.notice, "hr_calendar.notice", range(1, FISCAL_YEAR_START_MONTH))
        if start > end:
            raise InvalidHrCalendarError(
                f"hr_calendar.hearings_end: {end!r} is before hearings_start {start!r}; the "
                "hearings end on or after the day they start"
            )

    def cycle(self, fiscal_year: int) -> HrCycle:
        """The cycle whose moves take effect on 1 April of `fiscal_year` (its first day)."""
        return HrCycle(
            hearings_start=_on(fiscal_year - 1, self.hearings_start),
            hearings_end=_on(fiscal_year - 1, self.hearings_end),
            notice=_on(fiscal_year, self.notice),
            move_day=fiscal_year_start(fiscal_year),
        )


HR_CALENDAR = HrCalendar()


class HrPhase(enum.StrEnum):
    """Where today falls in the cycle of a departure.

    before_hearings, hearings, drafting (after the hearings, before the notice), after_notice
    (the move is practically fixed), gone (on or after the departure day); off_cycle: the
    departure is not a 1 April move (a term ending mid-year).
    """

    BEFORE_HEARINGS = "before_hearings"
    HEARINGS = "hearings"
    DRAFTING = "drafting"
    AFTER_NOTICE = "after_notice"
    GONE = "gone"
    OFF_CYCLE = "off_cycle"


PHASE_NAMES: Mapping[HrPhase, Phrase] = MappingProxyType(
    {
        HrPhase.BEFORE_HEARINGS: Phrase.of(
            gettext_noop("before the self-declaration and personnel hearings")
        ),
        HrPhase.HEARINGS: Phrase.of(
            gettext_noop("during the self-declaration and personnel hearings")
        ),
        HrPhase.DRAFTING: Phrase.of(
            gettext_noop("after the hearings, before the notice (the moves are being drafted)")
        ),
        HrPhase.AFTER_NOTICE: Phrase.of(
            gettext_noop("after the notice (内示): the move is practically fixed")
        ),
        HrPhase.GONE: Phrase.of(gettext_noop("after the departure")),
        HrPhase.OFF_CYCLE: Phrase.of(gettext_noop("a departure other than a 1 April move")),
    }
)


class StepStatus(enum.StrEnum):
    """Whether a step can still be taken before a departure: open (in time, through the usual
    channel), late (the usual channel has passed; may still work if asked at once), closed
    (too late for this departure)."""

    OPEN = "open"
    LATE = "late"
    CLOSED = "closed"

    @property
    def rank(self) -> int:
        """0 open, 1 late, 2 closed: the order steps are listed in."""
        return (StepStatus.OPEN, StepStatus.LATE, StepStatus.CLOSED).index(self)


class DepartureKind(enum.StrEnum):
    """rotation: a move by 人事異動; term_end: a fixed term or secondment that ends."""

    ROTATION = "rotation"
    TERM_END = "term_end"


@dataclass(frozen=True)
class HrStep:
    """A step the department can take before a departure.

    applies_to: the kinds of departure it helps with. Through the usual channel it is in time
    until `due` ("hearings_end" or "last_day"), and can still work, late, until `final`
    ("notice" or "last_day"); for a departure off the April cycle both are the last day.
    """

    code: str
    name: Phrase
    applies_to: frozenset[DepartureKind]
    due: str
    final: str


_BOTH = frozenset(DepartureKind)

# In the order they are advised among steps equally feasible: keep the person (defer, make
# the post a specialist one, extend the term), then bring or grow the successor.
HR_STEPS: tuple[HrStep, ...] = (
    HrStep(
        "defer-move",
        Phrase.of(gettext_noop("ask 人事課 to defer the move")),
        frozenset({DepartureKind.ROTATION}),
        "hearings_end",
        "notice",
    ),
    HrStep(
        "specialist-post",
        Phrase.of(
            gettext_noop("ask 人事課 to make the post a specialist one (exempt from rotation)")
        ),
        frozenset({DepartureKind.ROTATION}),
        "hearings_end",
        "notice",
    ),
    HrStep(
        "extend-term",
        Phrase.of(gettext_noop("ask 人事課 to extend or renew the term")),
        frozenset({DepartureKind.TERM_END}),
        "hearings_end",
        "notice",
    ),
    HrStep(
        "request-successor",
        Phrase.of(gettext_noop("ask 人事課 to post a successor who has the capability")),
        _BOTH,
        "hearings_end",
        "notice",
    ),
    HrStep(
        "handover",
        Phrase.of(gettext_noop("hand over to the closest successor")),
        _BOTH,
        "last_day",
        "last_day",
    ),
)
STEP_ORDER: tuple[str, ...] = (*(step.code for step in HR_STEPS), "training")


@dataclass(frozen=True)
class StepOutlook:
    """A step for one departure: its status today, the day it is due (in time through the
    usual channel) and the last day it can still work."""

    step: HrStep
    status: StepStatus
    due: dt.date
    final: dt.date


@dataclass(frozen=True)
class DepartureOutlook:
    """What can still be done about a departure, seen from `today`.

    departure_day: the first day the person is no longer in post (1 April for a move).
    time_left: from today to departure_day. cycle: the personnel cycle of a 1 April move,
    None off the cycle. steps: the steps that apply, open first, then late, then closed,
    each group in HR_STEPS order.
    """

    today: dt.date
    departure_day: dt.date
    kind: DepartureKind
    time_left: TimeLeft
    phase: HrPhase
    cycle: HrCycle | None
    steps: tuple[StepOutlook, ...]

    @property
    def last_day(self) -> dt.date:
        """The last day in post: the day before departure_day."""
        return self.departure_day - dt.timedelta(days=1)

    def step(self, code: str) -> StepOutlook | None:
        """The outlook of step `code`; None when it does not apply to this departure."""
        return next((s for s in self.steps if s.step.code == code), None)


def _phase(today: dt.date, departure_day: dt.date, cycle: HrCycle | None) -> HrPhase:
    if today >= departure_day:
        return HrPhase.GONE
    if cycle is None:
        return HrPhase.OFF_CYCLE
    if today < cycle.hearings_start:
        return HrPhase.BEFORE_HEARINGS
    if today <= cycle.hearings_end:
        return HrPhase.HEARINGS
    if today < cycle.notice:
        return HrPhase.DRAFTING
    return HrPhase.AFTER_NOTICE


def departure_outlook(
    today: dt.date,
    departure_day: dt.date,
    kind: DepartureKind | str = DepartureKind.ROTATION,
    hr_calendar: HrCalendar = HR_CALENDAR,
) -> DepartureOutlook:
    """Which steps are still open for a departure on `departure_day` (the first day out of
    post), seen from `today`, and the time left.

    A departure on 1 April follows the cycle of `hr_calendar`: the requests to 人事課 are open
    up to the end of the hearings, late until the day before the notice, and closed from the
    notice on (the move is then practically fixed). Off the cycle (a term ending on another
    day) they stay open until the last day in post. The handover is open until the last day
    in post. On or after departure_day everything is closed and the time left is 0.

    Raises ValueError for a kind other than "rotation" or "term_end".
    """
    try:
        kind = DepartureKind(kind)
    except ValueError:
        raise ValueError(
            f'departure kind "{kind}" is not accepted; accepted: "rotation", "term_end"'
        ) from None
    on_cycle = (departure_day.month, departure_day.day) == (FISCAL_YEAR_START_MONTH, 1)
    cycle = hr_calendar.cycle(departure_day.year) if on_cycle else None
    last_day = departure_day - dt.timedelta(days=1)
    milestones = {"last_day": last_day}
    if cycle is not None:
        milestones |= {
            "hearings_end": cycle.hearings_end,
            "notice": cycle.notice - dt.timedelta(days=1),
        }
    outlooks = []
    for step in HR_STEPS:
        if kind not in step.applies_to:
            continue
        due = milestones.get(step.due, last_day)
        final = milestones.get(step.final, last_day)
        if today <= due:
            status = StepStatus.OPEN
        elif today <= final:
            status = StepStatus.LATE
        else:
            status = StepStatus.CLOSED
        outlooks.append(StepOutlook(step, status, due, final))
    outlooks.sort(key=lambda s: s.status.rank)  # stable: HR_STEPS order within a status
    return DepartureOutlook(
        today=today,
        departure_day=departure_day,
        kind=kind,
        time_left=TimeLeft.between(today, departure_day),
        phase=_phase(today, departure_day, cycle),
        cycle=cycle,
        steps=tuple(outlooks),
    )
