"""Imports of the register (systems, contracts) from CSV or Excel, and their templates.

As the other imports (web/people/imports.py): the file is read and validated whole, every bad
cell is reported with its row, column and value, and nothing is written unless every row is
good; a good file is written in one transaction with one audit event. Headers may be English
or Japanese (業務, ベンダー, 製品, 移行予定日, 年間費用 …). A row names a vendor by name; an
unknown vendor is added. A system row for a business area already in the register updates it;
a contract row with a title already registered updates that contract.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_noop

from dxtalent.core.records import RecordRuleError
from dxtalent.core.standardization.catalogue import BUSINESSES, REASONS
from dxtalent.core.standardization.register import (
    PHASES,
    PROCUREMENT_NAMES,
    Procurement,
    check_contract,
    check_system,
)
from dxtalent.core.tabular import (
    Column,
    ErrorList,
    Message,
    boolean,
    choice,
    date,
    integer,
    read_table,
    template_file,
    text,
    validate,
)
from dxtalent.core.tabular.messages import ACCEPTED_CHOICE, quoted_list
from dxtalent.web.organisations.models import Organisation
from dxtalent.web.people.imports import (
    ImportRejectedError,
    ImportResult,
    _audit,
    _broken_rule,
    _problem,
)
from dxtalent.web.standardization.models import Contract, System, Vendor

BUSINESS = choice(
    {
        **{b.name.ja: b.code for b in BUSINESSES},
        **{alias: b.code for b in BUSINESSES for alias in b.aliases},
        **{b.code: b.code for b in BUSINESSES},
    }
)


class _NamedInJapanese:
    """A choice among `spellings`, which hold names core translates (a phase's, a
    procurement's Japanese name from the catalogue): gathered when a file is first read, never
    at import time, when no translation can be looked up. `official` gives the names the
    column's help lists (the catalogue's Japanese, not every alias)."""

    def __init__(
        self, spellings: Callable[[], Mapping[str, str]], official: Callable[[], list[str]]
    ) -> None:
        self._parser = functools.cache(lambda: choice(spellings()))
        self._official = official

    def __call__(self, text: str) -> str:
        return self._parser()(text)

    @property
    def help(self) -> Message:
        """'one of "未着手", "計画・現行調査", …' from the catalogue, as the import reads them."""
        return Message(ACCEPTED_CHOICE, {"options": quoted_list(self._official())})


PHASE = _NamedInJapanese(
    lambda: {**{p.name.ja: p.code for p in PHASES}, **{p.code: p.code for p in PHASES}},
    lambda: [p.name.ja for p in PHASES],
)
REASON = choice({**{r.name.ja: r.code for r in REASONS}, **{r.code: r.code for r in REASONS}})
PROCUREMENT = _NamedInJapanese(
    lambda: {
        **{PROCUREMENT_NAMES[p].ja: p.value for p in Procurement},
        **{p.value: p.value for p in Procurement},
        "競争": Procurement.COMPETITIVE.value,
        "一般競争入札": Procurement.COMPETITIVE.value,
        "指名競争入札": Procurement.COMPETITIVE.value,
        "プロポーザル": Procurement.COMPETITIVE.value,
        "随契": Procurement.NEGOTIATED.value,
        "一者入札": Procurement.SINGLE_BID.value,
    },
    lambda: [PROCUREMENT_NAMES[p].ja for p in Procurement],
)

SYSTEM_COLUMNS: tuple[Column, ...] = (
    Column(
        "business",
        aliases=("業務", "業務名"),
        required=False,
        parse=BUSINESS,
        help="one of the 20 業務 or 共通機能, e.g. 住民基本台帳; empty for another system",
    ),
    Column(
        "name",
        aliases=("システム名", "システム"),
        required=False,
        parse=text(200),
        help="the system's name; needed when 業務 is empty",
    ),
    Column(
        "vendor",
        aliases=("ベンダー", "事業者"),
        required=False,
        parse=text(200),
        help="the current vendor's name",
    ),
    Column(
        "current_product",
        aliases=("製品", "現行製品", "現行システム"),
        required=False,
        parse=text(200),
        help="the product in use",
    ),
    Column(
        "standard_product",
        aliases=("標準準拠製品", "移行先製品"),
        required=False,
        parse=text(200),
        help="the standard-compliant product chosen",
    ),
    Column(
        "phase",
        aliases=("移行段階", "段階"),
        required=False,
        parse=PHASE,
    ),
    Column(
        "planned_on",
        aliases=("移行予定日",),
        required=False,
        parse=date(),
        help="the planned migration date, e.g. 2026-01-01 or 令和8年1月1日",
    ),
    Column(
        "migrated_on",
        aliases=("移行日", "移行完了日"),
        required=False,
        parse=date(),
        help="the actual migration date",
    ),
    Column(
        "migration_support",
        aliases=("特定移行支援", "特定移行支援システム"),
        required=False,
        parse=boolean(),
        help="yes or no (はい/いいえ, ○/×): a specific migration-support system",
    ),
    Column(
        "reason",
        aliases=("事由", "理由"),
        required=False,
        parse=REASON,
        help="メインフレーム, 個別開発システム, 標準準拠システムが開発されず代替の見込みがない or 事業者のリソースひっ迫",
    ),
    # Costs are checked by the register's record rule (0 or more), as the form and the API do.
    Column(
        "cost_before",
        aliases=("移行前年間費用", "年間費用", "現行年間費用"),
        required=False,
        parse=integer(),
        help="running cost before the migration, yen a year, 0 or more",
    ),
    Column(
        "cost_after",
        aliases=("移行後年間費用",),
        required=False,
        parse=integer(),
        help="running cost after the migration (Gov-Cloud included), yen a year, 0 or more",
    ),
    Column("notes", aliases=("備考",), required=False, parse=text(2000), help="notes"),
)

CONTRACT_COLUMNS: tuple[Column, ...] = (
    Column(
        "title",
        aliases=("契約名", "契約"),
        required=True,
        parse=text(200),
        help="the contract's name",
    ),
    Column(
        "vendor",
        aliases=("ベンダー", "事業者"),
        required=True,
        parse=text(200),
        help="the vendor's name",
    ),
    Column(
        "systems",
        aliases=("対象業務", "業務"),
        required=False,
        parse=text(2000),
        help="the business areas covered, separated by ; e.g. 住民基本台帳;印鑑登録",
    ),
    Column(
        "starts_on",
        aliases=("契約開始日", "開始日"),
        required=False,
        parse=date(),
        help="the first day",
    ),
    Column(
        "ends_on",
        aliases=("契約終了日", "終了日"),
        required=False,
        parse=date(),
        help="the last day",
    ),
    Column(
        "renewal_on",
        aliases=("更新日", "更新予定日"),
        required=False,
        parse=date(),
        help="the renewal date",
    ),
    Column(
        "annual_cost",
        aliases=("年間費用", "年額"),
        required=False,
        parse=integer(),
        help="yen a year, 0 or more",
    ),
    Column(
        "procurement",
        aliases=("調達方法", "契約方法"),
        required=True,
        parse=PROCUREMENT,
    ),
    Column(
        "bidders", aliases=("応札者数", "応札数"), required=False, parse=integer(), help="0 or more"
    ),
    Column(
        "is_renewal",
        aliases=("更新契約", "更新"),
        required=False,
        parse=boolean(),
        help="yes or no: a renewal of an earlier contract",
    ),
    Column("notes", aliases=("備考",), required=False, parse=text(2000), help="notes"),
)

COLUMNS = {"systems": SYSTEM_COLUMNS, "contracts": CONTRACT_COLUMNS}
EXAMPLES: dict[str, list[dict[str, str]]] = {
    "systems": [
        {
            "business": "住民基本台帳",
            "vendor": "株式会社サンプル",
            "current_product": "住記システムV5",
            "standard_product": "標準準拠住記",
            "phase": "調達・契約",
            "planned_on": "2026-01-01",
            "migration_support": "いいえ",
            "cost_before": "12000000",
        }
    ],
    "contracts": [
        {
            "title": "基幹系システム運用保守",
            "vendor": "株式会社サンプル",
            "systems": "住民基本台帳;印鑑登録",
            "starts_on": "2021-04-01",
            "ends_on": "2026-03-31",
            "renewal_on": "2026-04-01",
            "annual_cost": "30000000",
            "procurement": "随意契約",
            "bidders": "1",
            "is_renewal": "はい",
        }
    ],
}

NOT_A_BUSINESS = gettext_noop(
    '"{value}" is not one of the 20 業務 nor 共通機能 (e.g. 住民基本台帳, 固定資産税, 共通機能)'
)
NOT_IN_REGISTER = gettext_noop(
    '"{value}" is not in the register; add the system first or import the systems file first'
)
NAME_OR_BUSINESS = gettext_noop("gives neither 業務 nor a system name; give one")


def template(kind: str, fmt: str, language: str) -> bytes:
    """A template to fill in: the headers in the reader's language, one example row and
    (xlsx) a help sheet."""
    return template_file(COLUMNS[kind], EXAMPLES[kind], fmt, language)


def import_file(organisation: Organisation, kind: str, data: bytes, filename: str) -> ImportResult:
    """Import a systems or contracts file for an organisation, all or nothing; raises
    ImportRejectedError naming every bad cell (nothing written then)."""
    table = read_table(data, filename)
    checked = validate(table, COLUMNS[kind])
    records = [
        {**record, "_row": row}
        for record, row in zip(checked.records, checked.row_numbers, strict=True)
    ]
    errors = checked.error_list()
    handler = _import_systems if kind == "systems" else _import_contracts
    with transaction.atomic():
        result = handler(organisation, kind, records, errors, checked.header_of)
        _audit(organisation, kind, filename, result)
    return result


def _vendor(organisation: Organisation, name: str, cache: dict[str, Vendor]) -> Vendor:
    if name not in cache:
        cache[name], _created = Vendor.objects.get_or_create(organisation=organisation, name=name)
    return cache[name]


def _import_systems(
    organisation: Organisation,
    kind: str,
    records: list[dict[str, Any]],
    errors: ErrorList,
    header_of: Callable[[str], str],
) -> ImportResult:
    existing = {
        s.business: s for s in System.objects.filter(organisation=organisation).exclude(business="")
    }
    seen: dict[str, int] = {}
    for record in records:
        row, area = record["_row"], record.get("business") or ""
        if area and area in seen:
            errors.append(
                _problem(
                    row, header_of("business"), area, f"is also on row {seen[area]}; each 業務 once"
                )
            )
        if area:
            seen.setdefault(area, row)
        if not area and not (record.get("name") or "").strip():
            errors.append(_problem(row, header_of("name"), "", NAME_OR_BUSINESS))
        try:
            check_system(
                migration_support=bool(record.get("migration_support")),
                reason=record.get("reason") or "",
                planned_on=record.get("planned_on"),
                migrated_on=record.get("migrated_on"),
                cost_before=record.get("cost_before"),
                cost_after=record.get("cost_after"),
            )
        except RecordRuleError as error:
            errors.append(_broken_rule(row, header_of, error))
    if errors:
        raise ImportRejectedError(sorted(errors, key=lambda e: e.row), errors.total)
    vendors: dict[str, Vendor] = {}
    created = updated = 0
    for record in records:
        area = record.get("business") or ""
        system = existing.get(area) if area else None
        if system is None:
            system = System(organisation=organisation, business=area)
            created += 1
        else:
            updated += 1
        vendor = (record.get("vendor") or "").strip()
        for field in (
            "name",
            "current_product",
            "standard_product",
            "phase",
            "planned_on",
            "migrated_on",
            "reason",
            "cost_before",
            "cost_after",
            "notes",
        ):
            if record.get(field) is not None:
                setattr(system, field, record[field])
        if record.get("migration_support") is not None:
            if system.pk is None or system.migration_support != record["migration_support"]:
                system.source = System.Source.ENTERED
            system.migration_support = record["migration_support"]
        if vendor:
            system.vendor = _vendor(organisation, vendor, vendors)
        system.save()
    return ImportResult(kind=kind, created=created, updated=updated, rows=len(records))


def _import_contracts(
    organisation: Organisation,
    kind: str,
    records: list[dict[str, Any]],
    errors: ErrorList,
    header_of: Callable[[str], str],
) -> ImportResult:
    from dxtalent.core.standardization.catalogue import UnknownBusinessError, business

    systems = {
        s.business: s for s in System.objects.filter(organisation=organisation).exclude(business="")
    }
    named = {s.name: s for s in System.objects.filter(organisation=organisation, business="")}
    covered: dict[int, list[System]] = {}
    for record in records:
        row = record["_row"]
        found: list[System] = []
        for part in (record.get("systems") or "").replace("；", ";").split(";"):
            part = part.strip()
            if not part:
                continue
            try:
                area = business(part).code
            except UnknownBusinessError:
                if part in named:
                    found.append(named[part])
                else:
                    errors.append(_problem(row, header_of("systems"), part, NOT_A_BUSINESS))
                continue
            if area not in systems:
                errors.append(_problem(row, header_of("systems"), part, NOT_IN_REGISTER))
                continue
            found.append(systems[area])
        covered[row] = found
        try:
            check_contract(
                starts_on=record.get("starts_on"),
                ends_on=record.get("ends_on"),
                renewal_on=record.get("renewal_on"),
                annual_cost=record.get("annual_cost"),
                procurement=record.get("procurement") or "",
                bidders=record.get("bidders"),
            )
        except RecordRuleError as error:
            errors.append(_broken_rule(row, header_of, error))
    if errors:
        raise ImportRejectedError(sorted(errors, key=lambda e: e.row), errors.total)
    existing = {c.title: c for c in Contract.objects.filter(organisation=organisation)}
    vendors: dict[str, Vendor] = {}
    created = updated = 0
    for record in records:
        contract = existing.get(record["title"])
        if contract is None:
            contract = Contract(organisation=organisation, title=record["title"])
            created += 1
        else:
            updated += 1
        contract.vendor = _vendor(organisation, record["vendor"].strip(), vendors)
        for field in (
            "starts_on",
            "ends_on",
            "renewal_on",
            "annual_cost",
            "procurement",
            "bidders",
            "notes",
        ):
            if record.get(field) is not None:
                setattr(contract, field, record[field])
        if record.get("is_renewal") is not None:
            contract.is_renewal = record["is_renewal"]
        contract.save()
        contract.systems.set(covered[record["_row"]])
    return ImportResult(kind=kind, created=created, updated=updated, rows=len(records))


def _yes(value: bool) -> str:
    return "はい" if value else "いいえ"


def export_rows(organisation: Organisation, kind: str) -> tuple[list[str], list[list[object]]]:
    """The register as rows under the Japanese headers the import reads (each column's first
    alias), names rather than codes, so that an exported file imports back unchanged."""
    from dxtalent.core.standardization.catalogue import business, reason
    from dxtalent.core.standardization.register import phase

    columns = COLUMNS[kind]
    headers = [c.aliases[0] for c in columns]
    rows: list[list[object]] = []
    if kind == "systems":
        for s in System.objects.filter(organisation=organisation).select_related("vendor"):
            values = {
                "business": business(s.business).name.ja if s.business else "",
                "name": s.name,
                "vendor": s.vendor.name if s.vendor else "",
                "current_product": s.current_product,
                "standard_product": s.standard_product,
                "phase": phase(s.phase).name.ja,
                "planned_on": s.planned_on,
                "migrated_on": s.migrated_on,
                "migration_support": _yes(s.migration_support),
                "reason": reason(s.reason).name.ja if s.reason else "",
                "cost_before": s.cost_before,
                "cost_after": s.cost_after,
                "notes": s.notes,
            }
            rows.append([values[c.name] for c in columns])
    else:
        contracts = (
            Contract.objects.filter(organisation=organisation)
            .select_related("vendor")
            .prefetch_related("systems")
        )
        for c in contracts:
            covered = [
                business(s.business).name.ja if s.business else s.name for s in c.systems.all()
            ]
            values = {
                "title": c.title,
                "vendor": c.vendor.name,
                "systems": ";".join(covered),
                "starts_on": c.starts_on,
                "ends_on": c.ends_on,
                "renewal_on": c.renewal_on,
                "annual_cost": c.annual_cost,
                "procurement": PROCUREMENT_NAMES[Procurement(c.procurement)].ja,
                "bidders": c.bidders,
                "is_renewal": _yes(c.is_renewal),
                "notes": c.notes,
            }
            rows.append([values[col.name] for col in columns])
    return headers, rows


def export(organisation: Organisation, kind: str, fmt: str) -> bytes:
    """The register's systems or contracts as CSV (UTF-8 with BOM) or Excel."""
    from dxtalent.core.tabular import Sheet, write_csv, write_xlsx

    headers, rows = export_rows(organisation, kind)
    if fmt == "xlsx":
        return write_xlsx([Sheet(kind, headers, rows)])
    return write_csv(headers, rows)
