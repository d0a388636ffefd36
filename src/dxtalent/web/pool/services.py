"""The only bridge between the pool's records and dxtalent.core.pool: sharing, requests and
their import, the allocation and its export, the prefecture's aggregates."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from dxtalent.core.calendar.fiscal_year import fiscal_year_of, format_months
from dxtalent.core.diagnostics import paper_capabilities
from dxtalent.core.pool import (
    Allocation,
    PoolSettings,
    Professional,
    Request,
    UnmetReason,
    allocate_pool,
)
from dxtalent.core.pool.levers import (
    PoolGrant,
    PoolLevers,
    municipality_cost_per_day,
    not_counted_text,
    pool_levers,
)
from dxtalent.core.tabular import (
    CellError,
    Column,
    Message,
    Sheet,
    choice,
    decimal,
    integer,
    read_table,
    text,
    validate,
    write_xlsx,
)
from dxtalent.web.organisations.models import Organisation
from dxtalent.web.pool import models
from dxtalent.web.pool.models import (
    FISCAL_MONTHS,
    AllocationRun,
    PoolRequest,
    Sharing,
)

SMALL_WEIGHT = 1.5


def capability_names() -> dict[str, str]:
    """Capability code → its name in the reader's language (the paper's capabilities)."""
    english = (get_language() or "ja").startswith("en")
    return {c.code: (c.name.en if english else c.name.ja) for c in paper_capabilities()}


def capability_spellings() -> dict[str, str]:
    """Each way a file may name one of the paper's capabilities → its code: the Japanese name,
    the English name or the code itself, for an officer writes what the pages show."""
    spellings: dict[str, str] = {}
    for c in paper_capabilities():
        spellings |= {c.name.ja: c.code, c.name.en: c.code, c.code: c.code}
    return spellings


def current_fiscal_year(today: dt.date | None = None) -> int:
    return fiscal_year_of(today or dt.date.today())


# --- Sharing -------------------------------------------------------------------------------


def sharing_of(organisation: Organisation) -> bool:
    """Whether the municipality shares aggregates with its prefecture (off by default)."""
    found = Sharing.objects.filter(organisation=organisation).first()
    return bool(found and found.with_prefecture)


def set_sharing(organisation: Organisation, on: bool) -> Sharing:
    """Turn sharing with the prefecture on or off (written to the audit trail)."""
    sharing, _created = Sharing.objects.get_or_create(organisation=organisation)
    if sharing.with_prefecture != on:
        sharing.with_prefecture = on
        sharing.save()
    return sharing


# --- Requests ------------------------------------------------------------------------------


def requests_of_prefecture(prefecture: Organisation, fiscal_year: int) -> list[PoolRequest]:
    """Every request filed to the prefecture's pool for the fiscal year, by municipality."""
    return list(
        PoolRequest.objects.filter(
            organisation__prefecture=prefecture, fiscal_year=fiscal_year
        ).select_related("organisation")
    )


def _months_parser(value: str) -> list[int]:
    """ "4-9", "4,5,6" or "all" (全月) → calendar month numbers in fiscal-year order."""
    raw = value.replace("、", ",").replace("～", "-").replace("~", "-").strip().lower()
    if raw in {"all", "全月", "通年"}:
        return list(FISCAL_MONTHS)
    chosen: set[int] = set()
    for part in filter(None, (p.strip() for p in raw.split(","))):
        if "-" in part:
            first, _sep, last = part.partition("-")
            if not (first.isdigit() and last.isdigit()):
                raise ValueError(part)
            start, end = FISCAL_MONTHS.index(int(first)), FISCAL_MONTHS.index(int(last))
            if start > end:
                raise ValueError(part)
            chosen.update(FISCAL_MONTHS[start : end + 1])
        elif part.isdigit() and int(part) in FISCAL_MONTHS:
            chosen.add(int(part))
        else:
            raise ValueError(part)
    if not chosen:
        raise ValueError(value)
    return [m for m in FISCAL_MONTHS if m in chosen]


def months_of(value: str) -> list[int]:
    """Months as a person writes them ("4-9", "4,5,6", "all"); ValueError when not."""
    try:
        return _months_parser(value)
    except (ValueError, IndexError):
        raise ValueError(value) from None


def _months_column(value: str) -> list[int]:
    return months_of(value)


class RequestImportError(ValueError):
    """A file of requests with bad cells: `problems` names each row, column and value."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def request_columns(prefecture: Organisation) -> list[Column]:
    """The columns of a requests file (headers in English or Japanese)."""
    return [
        Column("municipality", aliases=("市区町村", "団体コード"), required=True),
        Column(
            "capability",
            aliases=("能力",),
            required=True,
            parse=choice(capability_spellings()),
        ),
        Column("level", aliases=("レベル",), required=True, parse=integer(1, 4)),
        Column(
            "days_per_month",
            aliases=("月日数",),
            required=True,
            parse=decimal(Decimal("0.5"), Decimal("23")),
        ),
        Column(
            "months",
            aliases=("月",),
            required=True,
            parse=_months_column,
            help='months April–March, e.g. "4-9", "4,5,6" or "all"',
        ),
        Column("priority", aliases=("優先度",), parse=integer(1, 3)),
        Column("reason", aliases=("理由",), parse=text(2000)),
    ]


def import_requests(
    prefecture: Organisation, data: bytes, filename: str, fiscal_year: int
) -> list[PoolRequest]:
    """Requests of the prefecture's municipalities from a CSV or Excel file, all or nothing.
    A municipality is given by its code (with or without the check digit) or its name, and
    must be of this prefecture. Raises RequestImportError naming every bad cell, or
    TabularError for a file that cannot be read; nothing is saved then."""
    from dxtalent.core.tabular import TabularError

    try:
        table = read_table(data, filename)
        checked = validate(table, request_columns(prefecture))
    except TabularError as error:
        raise RequestImportError([error.render()]) from None
    errors = checked.error_list()
    municipalities = list(Organisation.objects.filter(prefecture=prefecture))
    by_key: dict[str, Organisation] = {}
    for m in municipalities:
        by_key[m.code] = m
        by_key[m.code[:5]] = m
        by_key[m.name] = m
    found: list[tuple[Organisation, dict[str, object]]] = []
    for record, row in zip(checked.records, checked.row_numbers, strict=True):
        key = str(record["municipality"]).strip()
        municipality = by_key.get(key)
        if municipality is None:
            errors.append(
                CellError.rejected(
                    row,
                    checked.header_of("municipality"),
                    key,
                    Message(
                        '"{value}" is not a municipality of {prefecture}',
                        {"value": key, "prefecture": prefecture.name},
                    ),
                    Message(
                        'its code or name, e.g. "{example}"',
                        {"example": municipalities[0].name if municipalities else "—"},
                    ),
                )
            )
            continue
        found.append((municipality, record))
    if errors:
        raise RequestImportError([str(e.render()) for e in errors] or [_("The file has errors.")])
    with transaction.atomic():
        return [
            PoolRequest.objects.create(
                organisation=municipality,
                fiscal_year=fiscal_year,
                capability=str(record["capability"]),
                level=int(record["level"]),  # type: ignore[call-overload]
                days_per_month=Decimal(str(record["days_per_month"])),
                months=record["months"],
                priority=int(record["priority"] or 2),  # type: ignore[call-overload]
                reason=str(record["reason"] or ""),
            )
            for municipality, record in found
        ]


# --- Allocation ----------------------------------------------------------------------------


def to_domain(
    prefecture: Organisation, fiscal_year: int
) -> tuple[list[Professional], list[Request]]:
    """The prefecture's professionals and the requests for `fiscal_year` as core values; month
    indexes 0 (April) to 11 (March)."""
    professionals = [
        Professional(
            code=str(p.pk),
            name=p.name,
            levels={str(k): int(v) for k, v in p.levels.items()},
            days_per_month=float(p.days_per_month),
            reaches=None if p.remote else frozenset(o.code for o in p.reaches.all()),
            months=None if p.term_months >= 12 else frozenset(range(p.term_months)),
            cost_per_day=float(p.cost_per_day),
        )
        for p in models.Professional.objects.filter(organisation=prefecture).prefetch_related(
            "reaches"
        )
    ]
    requests = [
        Request(
            code=str(r.pk),
            municipality=r.organisation.code,
            capability=r.capability,
            level=r.level,
            days_per_month=float(r.days_per_month),
            months=tuple(FISCAL_MONTHS.index(m) for m in r.months),
            priority=r.priority,
            population=r.organisation.population,
            reason=r.reason,
        )
        for r in requests_of_prefecture(prefecture, fiscal_year)
    ]
    return professionals, requests


def reason_text(reason: str) -> str:
    """Why a request is left short, in the reader's language."""
    return {
        UnmetReason.NO_SKILL: _("Nobody in the pool has the capability at the level asked."),
        UnmetReason.OUT_OF_REACH: _("Those who have the capability cannot reach the municipality."),
        UnmetReason.NOT_AVAILABLE: _(
            "Those who have the capability are not available in the months asked."
        ),
        UnmetReason.CAPACITY_TAKEN: _(
            "Their days went to other requests of higher or equal weight."
        ),
    }.get(UnmetReason(reason), reason)


def allocation_json(
    allocation: Allocation,
    professionals: list[Professional],
    requests: list[Request],
    municipality_costs: dict[str, int] | None = None,
) -> dict[str, Any]:
    """The CLI's --json and the API's answer: status, assignments and unmet requests (each with
    its reason code and text), names beside codes, months as calendar month numbers.
    municipality_costs: professional code → yen a day the municipality served pays (kept with
    each assignment: what the days cost in the municipality's plan)."""
    costs = municipality_costs or {}
    names = {
        o.code: o.name
        for o in Organisation.objects.filter(code__in={r.municipality for r in requests})
    }
    people = {p.code: p.name for p in professionals}
    by_code = {r.code: r for r in requests}
    capabilities = capability_names()
    return {
        "status": allocation.status.value,
        "message": allocation.message,
        "covered_days": allocation.covered_days,
        "asked_days": allocation.asked_days,
        "worst_share": allocation.worst_share,
        "assignments": [
            {
                "professional": a.professional,
                "professional_name": people[a.professional],
                "request": a.request,
                "municipality": by_code[a.request].municipality,
                "municipality_name": names.get(by_code[a.request].municipality, ""),
                "capability": by_code[a.request].capability,
                "capability_name": capabilities.get(by_code[a.request].capability, ""),
                "month": FISCAL_MONTHS[a.month],
                "days": a.days,
                "municipality_cost_per_day": costs.get(a.professional, 0),
            }
            for a in allocation.assignments
        ],
        "unmet": [
            {
                "request": u.request,
                "municipality": u.municipality,
                "municipality_name": names.get(u.municipality, ""),
                "capability": by_code[u.request].capability,
                "capability_name": capabilities.get(by_code[u.request].capability, ""),
                "asked": u.asked,
                "short": u.short,
                "reason": u.reason.value,
                "reason_text": reason_text(u.reason.value),
            }
            for u in allocation.unmet
        ],
    }


def municipality_costs(prefecture: Organisation) -> dict[str, int]:
    """Professional code → yen a day a municipality they serve pays (core.pool.levers)."""
    return {
        str(p.pk): municipality_cost_per_day(
            float(p.cost_per_day), p.payer, p.municipality_share / 100
        )
        for p in models.Professional.objects.filter(organisation=prefecture)
    }


def allocate(
    prefecture: Organisation,
    fiscal_year: int,
    small_weight: float = SMALL_WEIGHT,
    fairness: bool = False,
    user: Any = None,
) -> AllocationRun:
    """Allocate the prefecture's pool to the fiscal year's requests and keep the result
    (written to the audit trail). Raises PoolError naming a bad item."""
    professionals, requests = to_domain(prefecture, fiscal_year)
    allocation = allocate_pool(
        professionals, requests, PoolSettings(small_weight=small_weight, fairness=fairness)
    )
    return AllocationRun.objects.create(
        organisation=prefecture,
        fiscal_year=fiscal_year,
        small_weight=Decimal(str(small_weight)),
        fairness=fairness,
        status=allocation.status.value,
        result=allocation_json(allocation, professionals, requests, municipality_costs(prefecture)),
        created_by=user if user is not None and user.is_authenticated else None,
    )


@dataclass(frozen=True)
class AllocationView:
    """An allocation as the page shows it: days by professional and by municipality, each
    group's lines one per counterpart, capability and days a month, with the months they
    hold ("4〜9月"), in fiscal order."""

    run: AllocationRun
    by_professional: list[tuple[str, list[dict[str, Any]], float]]
    by_municipality: list[tuple[str, list[dict[str, Any]], float]]


def _grouped(
    rows: list[dict[str, Any]], key: str, other: str, language: str
) -> list[tuple[str, list[dict[str, Any]], float]]:
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        groups[row[key]].append(row)
    found = []
    for name, items in sorted(groups.items()):
        months: dict[tuple[str, str, float], list[int]] = defaultdict(list)
        for item in items:
            months[item[other], item["capability_name"], float(item["days"])].append(item["month"])
        lines = [
            {
                "months": format_months(chosen, language),
                "who": who,
                "capability_name": capability,
                "days": days,
                "first": min(FISCAL_MONTHS.index(m) for m in chosen),
            }
            for (who, capability, days), chosen in months.items()
        ]
        lines.sort(key=lambda line: (line["first"], line["who"], line["capability_name"]))
        found.append((name, lines, round(sum(i["days"] for i in items), 2)))
    return found


def _in_reader_language(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """An allocation's stored rows with each capability named, and each unmet request's
    reason given, in the reader's language (the run stores the words of the day it ran)."""
    names = capability_names()
    return [
        {
            **row,
            "capability_name": names.get(row.get("capability", ""), row.get("capability_name", "")),
            **({"reason_text": reason_text(row["reason"])} if "reason" in row else {}),
        }
        for row in rows
    ]


def unmet_rows(run: AllocationRun | None) -> list[dict[str, Any]]:
    """The requests an allocation leaves unmet, in the reader's language."""
    return _in_reader_language(run.result.get("unmet", [])) if run else []


def allocation_view(run: AllocationRun) -> AllocationView:
    assignments = _in_reader_language(run.result.get("assignments", []))
    language = get_language() or "ja"
    return AllocationView(
        run,
        _grouped(assignments, "professional_name", "municipality_name", language),
        _grouped(assignments, "municipality_name", "professional_name", language),
    )


def allocation_xlsx(run: AllocationRun) -> bytes:
    """The allocation as a workbook: assignments and unmet requests, names not codes."""
    assignments = Sheet(
        _("Assignments"),
        [_("professional"), _("municipality"), _("capability"), _("month"), _("days")],
        [
            [
                a["professional_name"],
                a["municipality_name"],
                a["capability_name"],
                a["month"],
                a["days"],
            ]
            for a in _in_reader_language(run.result.get("assignments", []))
        ],
    )
    unmet = Sheet(
        _("Unmet requests"),
        [_("municipality"), _("capability"), _("days asked"), _("days short"), _("reason")],
        [
            [
                u["municipality_name"],
                u["capability_name"],
                u["asked"],
                u["short"],
                u["reason_text"],
            ]
            for u in unmet_rows(run)
        ],
    )
    return write_xlsx([assignments, unmet])


# --- Accepted allocations count in a municipality's diagnosis ------------------------------


def accept(run: AllocationRun) -> AllocationRun:
    """Accept `run` for its fiscal year (the prefecture's earlier acceptance of that year is
    withdrawn): its days then count in each municipality's diagnosis. Audited."""

    with transaction.atomic():
        for other in AllocationRun.objects.filter(
            organisation=run.organisation, fiscal_year=run.fiscal_year, accepted_at__isnull=False
        ).exclude(pk=run.pk):
            other.accepted_at = None
            other.save()
        run.accepted_at = timezone.now()
        run.save()
    return run


def allocated_days(municipality: Organisation, fiscal_year: int) -> float:
    """Days of the pool allocated to `municipality` in its prefecture's accepted allocation of
    `fiscal_year`; 0 when none is accepted."""
    if municipality.prefecture_id is None:
        return 0.0
    run = AllocationRun.objects.filter(
        organisation_id=municipality.prefecture_id,
        fiscal_year=fiscal_year,
        accepted_at__isnull=False,
    ).first()
    if run is None:
        return 0.0
    return round(
        sum(
            float(a["days"])
            for a in run.result.get("assignments", [])
            if a["municipality"] == municipality.code
        ),
        6,
    )


# --- Accepted allocations as levers of a municipality's plan -------------------------------


def pool_grants(municipality: Organisation) -> list[PoolGrant]:
    """The municipality's days in its prefecture's accepted allocations (every fiscal year),
    by professional and capability: the months and the municipality's cost a day."""
    if municipality.prefecture_id is None:
        return []
    runs = AllocationRun.objects.filter(
        organisation_id=municipality.prefecture_id, accepted_at__isnull=False
    )
    grants = []
    for run in runs:
        groups: dict[tuple[str, str, int], list[dict[str, Any]]] = defaultdict(list)
        for a in run.result.get("assignments", []):
            if a["municipality"] != municipality.code:
                continue
            key = (
                a["professional_name"],
                a["capability"],
                int(a.get("municipality_cost_per_day", 0)),
            )
            groups[key].append(a)
        for (name, capability, cost), items in sorted(groups.items()):
            grants.append(
                PoolGrant(
                    professional=name,
                    capability=capability,
                    fiscal_year=run.fiscal_year,
                    months=tuple(sorted({int(a["month"]) for a in items})),
                    days=sum(float(a["days"]) for a in items),
                    cost_per_day=cost,
                )
            )
    return grants


def plan_levers(municipality: Organisation, capabilities: Any, fiscal_years: Any) -> PoolLevers:
    """The accepted pool days of `municipality` as levers of its plan over `fiscal_years`
    (core.pool.levers), with what each group of days contributes or why it does not count."""
    return pool_levers(
        pool_grants(municipality), tuple(capabilities), tuple(fiscal_years), capability_names()
    )


def contribution_rows(levers: PoolLevers) -> list[dict[str, Any]]:
    """The pool's contribution as the plan page shows it: names, months, days, cost, and why
    days do not count."""
    from dxtalent.core.diagnostics.wording import commas

    names = capability_names()
    language = get_language() or "ja"
    return [
        {
            "lever": c.lever,
            "capability": names.get(c.capability, c.capability),
            "fiscal_year": c.fiscal_year,
            "months": format_months(c.months, language),
            "days": c.days,
            "cost_per_day": c.cost_per_day,
            "professionals": commas(c.professionals),
            "counted": c.counted,
            "reason": not_counted_text(c.reason) if c.reason else "",
        }
        for c in levers.contributions
    ]
