"""An organisation's register of systems and contracts, as plain values: the migration
phases, the procurement methods, and the record rules every entry point (form, import, API)
applies."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from dxtalent.core import records as r
from dxtalent.core.i18n import Phrase, gettext_noop, pgettext
from dxtalent.core.records import RecordRuleError
from dxtalent.core.tabular.messages import Message

PHASES_SOURCE = (
    "総務省「地方公共団体情報システムの標準化に関する移行手順書」: 40 steps, each 2.5% of MIC's "
    "progress rate; the procurement (RFP) steps around step 24–25 (domain-facts §3.3). The "
    "grouping of the steps into phases is dxtalent's."
)


@dataclass(frozen=True)
class Phase:
    """A phase of the migration: MIC's procedure steps first_step–last_step (of 40); its name
    translated when shown (the register's import and export read and write the Japanese)."""

    code: str
    name: Phrase
    first_step: int
    last_step: int

    @property
    def steps(self) -> str:
        """Its steps as people write them: "13–22", or "0" for a phase of one step."""
        if self.first_step == self.last_step:
            return str(self.first_step)
        return f"{self.first_step}–{self.last_step}"


PHASES: tuple[Phase, ...] = (
    Phase("not-started", Phrase(lambda: pgettext("migration phase", "not started")), 0, 0),
    Phase("planning", Phrase.of(gettext_noop("planning and current-system survey")), 1, 12),
    Phase(
        "fit-gap",
        Phrase.of(gettext_noop("fit-and-gap and procurement preparation")),
        13,
        22,
    ),
    Phase("procurement", Phrase.of(gettext_noop("procurement and contract")), 23, 28),
    Phase("migration", Phrase.of(gettext_noop("migration, testing and training")), 29, 38),
    Phase("in-service", Phrase.of(gettext_noop("in service")), 39, 40),
)
PHASE_CODES = tuple(p.code for p in PHASES)


def phase(code: str) -> Phase:
    """The phase with `code`; KeyError for another."""
    return {p.code: p for p in PHASES}[code]


class Procurement(enum.StrEnum):
    """How a contract was procured: competitive (一般競争入札 / 指名競争 / プロポーザル with
    more than one bidder), negotiated (随意契約), single bid (a competition with one bidder)."""

    COMPETITIVE = "competitive"
    NEGOTIATED = "negotiated"
    SINGLE_BID = "single-bid"


PROCUREMENT_NAMES = {
    Procurement.COMPETITIVE: Phrase(lambda: pgettext("procurement", "competitive")),
    Procurement.NEGOTIATED: Phrase(lambda: pgettext("procurement", "negotiated")),
    Procurement.SINGLE_BID: Phrase(lambda: pgettext("procurement", "single bid")),
}

MAX_COST = 100_000_000_000  # yen a year; more is a typing slip, not a cost


def check_cost(value: int | None, field: str) -> None:
    """A yearly cost in yen: 0 to MAX_COST, or None (not known). Raises RecordRuleError."""
    if value is not None and not 0 <= value <= MAX_COST:
        raise RecordRuleError(
            field, value, Message(r.COST_OUT_OF_RANGE, {"value": value, "maximum": MAX_COST})
        )


FIRST_DAY = dt.date(2021, 9, 1)  # the standardization law in force
LAST_DAY = dt.date(2040, 3, 31)


def check_system(
    *,
    migration_support: bool,
    reason: str,
    planned_on: dt.date | None,
    migrated_on: dt.date | None,
    cost_before: int | None,
    cost_after: int | None,
) -> None:
    """The rules of a system in the register: a reason only for a 特定移行支援システム, costs
    0 to MAX_COST yen a year, dates from FIRST_DAY (the law in force) to LAST_DAY. Raises
    RecordRuleError naming the field."""
    if reason and not migration_support:
        raise RecordRuleError("reason", reason, Message(r.REASON_WITHOUT_FLAG))
    check_cost(cost_before, "cost_before")
    check_cost(cost_after, "cost_after")
    for field, day in (("planned_on", planned_on), ("migrated_on", migrated_on)):
        if day is not None and not FIRST_DAY <= day <= LAST_DAY:
            raise RecordRuleError(
                field,
                day.isoformat(),
                Message(
                    r.DATE_OUT_OF_RANGE,
                    {
                        "value": day.isoformat(),
                        "first": FIRST_DAY.isoformat(),
                        "last": LAST_DAY.isoformat(),
                    },
                ),
            )


def check_contract(
    *,
    starts_on: dt.date | None,
    ends_on: dt.date | None,
    renewal_on: dt.date | None,
    annual_cost: int | None,
    procurement: str,
    bidders: int | None,
) -> None:
    """The rules of a contract: the end and the renewal not before the start, the cost 0 to
    MAX_COST, bidders 0 or more, a single bid with at most one bidder, a competition not with
    exactly one. Raises RecordRuleError naming the field."""
    for field, day in (("ends_on", ends_on), ("renewal_on", renewal_on)):
        if starts_on and day and day < starts_on:
            raise RecordRuleError(
                field,
                day.isoformat(),
                Message(
                    r.DATE_BEFORE_START, {"value": day.isoformat(), "start": starts_on.isoformat()}
                ),
            )
    check_cost(annual_cost, "annual_cost")
    if bidders is None:
        return
    if bidders < 0:
        raise RecordRuleError("bidders", bidders, Message(r.BIDDERS_NEGATIVE, {"value": bidders}))
    if procurement == Procurement.SINGLE_BID and bidders > 1:
        raise RecordRuleError("bidders", bidders, Message(r.SINGLE_BID_BIDDERS, {"value": bidders}))
    if procurement == Procurement.COMPETITIVE and bidders == 1:
        raise RecordRuleError("bidders", bidders, Message(r.COMPETITIVE_ONE_BIDDER))
