"""Scenarios as YAML or JSON files (docs/scenario-format.md): load with every error named by
its field path, dump in the same format."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import yaml

from dxtalent.core.diagnostics import (
    Capability,
    LevelCriterion,
    TeamMember,
    paper_capabilities,
)
from dxtalent.core.frameworks import Text
from dxtalent.core.planning.programmes import Location
from dxtalent.core.planning.scenario import (
    Adviser,
    ExternalPairing,
    Hire,
    Lever,
    LeverKind,
    PoolDays,
    Scenario,
    Secondee,
    SideJob,
    Subsidy,
    Training,
)
from dxtalent.core.safe_yaml import YamlRefused, load_yaml

LEVER_CLASSES: Mapping[str, type[Lever]] = {
    LeverKind.HIRE.value: Hire,
    LeverKind.CORPORATE_SECONDEE.value: Secondee,
    LeverKind.SIDE_JOB.value: SideJob,
    LeverKind.POOL.value: PoolDays,
    LeverKind.ADVISER.value: Adviser,
    LeverKind.TRAINING.value: Training,
}
TOP_FIELDS = (
    "name",
    "as_of",
    "first_fiscal_year",
    "horizon_years",
    "yearly_budget",
    "budget_by_year",
    "headcount_cap",
    "budget_basis",
    "rotation_window",
    "reappointments",
    "external_pairing",
    "paper_capabilities",
    "capabilities",
    "team",
    "levers",
    "subsidies",
    "location",
)
LOCATION_FIELDS = ("code", "disadvantaged_area")
CAPABILITY_FIELDS = (
    "code",
    "name",
    "minimums",
    "target",
    "targets",
    "weight",
    "critical",
    "source",
    "in_house_only",
)
MEMBER_FIELDS = (
    "id",
    "name",
    "name_en",
    "levels",
    "employment_type",
    "is_external",
    "post_start",
    "specialist_post",
    "hard_end",
    "rotation_window",
    "is_dx",
    "fte",
)
PAIRING_FIELDS = ("skill", "min_level", "externals_per_partner")
SUBSIDY_FIELDS = ("code", "name", "kinds", "rate", "cap_per_year", "source")

Loc = tuple[str | int, ...]


class ScenarioFormatError(ValueError):
    """A scenario file with errors; `errors` holds (field path, message) for each, e.g.
    (("levers", 2, "cost_per_year"), "-5 is not accepted; a whole number 0 or more")."""

    def __init__(self, errors: list[tuple[Loc, str]]) -> None:
        self.errors = tuple(errors)
        super().__init__("\n".join(f"{path_text(loc)}: {msg}" for loc, msg in self.errors))


def path_text(loc: Loc) -> str:
    """A field path as text: levers[2].cost_per_year."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or "(scenario)"


def lever_fields(cls: type[Lever]) -> tuple[str, ...]:
    """The fields a lever of class `cls` accepts in a file."""
    # A lever's location is the scenario's (top-level `location`).
    skip = {"kind", "location"} | ({"cost_per_year"} if cls is PoolDays else set())
    return tuple(f.name for f in dataclasses.fields(cls) if f.init and f.name not in skip)


class _Reader:
    def __init__(self) -> None:
        self.errors: list[tuple[Loc, str]] = []

    def fail(self, loc: Loc, msg: str) -> None:
        self.errors.append((loc, msg))

    def mapping(self, value: object, loc: Loc, accepted: tuple[str, ...]) -> dict[str, Any] | None:
        if not isinstance(value, Mapping):
            self.fail(loc, f"{type(value).__name__} found; a mapping of {', '.join(accepted)}")
            return None
        for key in value:
            if key not in accepted:
                self.fail((*loc, str(key)), f"unknown field; accepted: {', '.join(accepted)}")
        return {str(k): v for k, v in value.items() if k in accepted}

    def items(self, value: object, loc: Loc) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(loc, f"{type(value).__name__} found; a list")
            return []
        return value

    def build(self, loc: Loc, make: Callable[[], Any]) -> Any:
        try:
            return make()
        except (ValueError, TypeError, LookupError) as error:
            self.fail(loc, str(error))
            return None


def _date(value: object) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return dt.date.fromisoformat(value)
    raise ValueError(f"{value!r} is not a date; e.g. 2025-04-01")


def _window(value: object) -> tuple[int, int] | None:
    if value is None:
        return None
    if isinstance(value, list | tuple) and len(value) == 2:
        return (value[0], value[1])
    raise ValueError(f"{value!r} is not a rotation window; two years in post, e.g. [3, 5]")


def _by_year(value: object) -> dict[int, Any]:
    if not isinstance(value, Mapping):
        raise ValueError(f"{value!r} is not a mapping of fiscal year → number")
    return {int(year): amount for year, amount in value.items()}


def _text(value: object) -> Text:
    if isinstance(value, str):
        return Text(value, value)
    if isinstance(value, Mapping) and "ja" in value:
        return Text(str(value["ja"]), str(value.get("en", "")))
    raise ValueError(f"{value!r} is not a name; a string or {{ja: ..., en: ...}}")


def _capability(reader: _Reader, raw: object, loc: Loc) -> tuple[Capability, Any, Any] | None:
    data = reader.mapping(raw, loc, CAPABILITY_FIELDS)
    if data is None:
        return None
    for required in ("code", "minimums", "target"):
        if required not in data:
            reader.fail((*loc, required), "missing")
            return None
    criterion = reader.build((*loc, "minimums"), lambda: LevelCriterion(dict(data["minimums"])))
    if criterion is None:
        return None
    capability = reader.build(
        loc,
        lambda: Capability(
            code=str(data["code"]),
            name=_text(data.get("name", data["code"])),
            criterion=criterion,
            target=data["target"],
            critical=bool(data.get("critical", True)),
            source=str(data.get("source", "")),
            in_house_only=bool(data.get("in_house_only", False)),
        ),
    )
    if capability is None:
        return None
    targets = reader.build((*loc, "targets"), lambda: _by_year(data.get("targets", {})))
    return capability, targets, data.get("weight")


def _member(reader: _Reader, raw: object, loc: Loc) -> TeamMember | None:
    data = reader.mapping(raw, loc, MEMBER_FIELDS)
    if data is None:
        return None
    if "id" not in data:
        reader.fail((*loc, "id"), "missing")
        return None
    fields = dict(data)
    fields["id"] = str(fields["id"])
    fields.setdefault("name", fields["id"])
    fields.setdefault("levels", {})
    for key in ("post_start", "hard_end"):
        if key in fields:
            raw_date: object = fields[key]
            value = reader.build((*loc, key), functools.partial(_date, raw_date))
            if value is None and raw_date is not None:
                return None
            fields[key] = value
    if "rotation_window" in fields:
        fields["rotation_window"] = reader.build(
            (*loc, "rotation_window"), lambda: _window(fields["rotation_window"])
        )
    member: TeamMember | None = reader.build(loc, lambda: TeamMember(**fields))
    return member


def _lever(reader: _Reader, raw: object, loc: Loc) -> Lever | None:
    if not isinstance(raw, Mapping) or raw.get("kind") not in LEVER_CLASSES:
        found = raw.get("kind") if isinstance(raw, Mapping) else raw
        reader.fail(
            (*loc, "kind"), f"{found!r} is not a lever kind; accepted: {', '.join(LEVER_CLASSES)}"
        )
        return None
    cls = LEVER_CLASSES[raw["kind"]]
    if cls is Training and "gains" in raw:
        reader.fail(
            (*loc, "gains"),
            "no longer accepted: it was read as levels added on top; write raises_to, the level "
            "the programme brings each skill to (e.g. raises_to: {CO-SPEC: 3})",
        )
        return None
    data = reader.mapping(raw, loc, ("kind", *lever_fields(cls)))
    if data is None:
        return None
    data.pop("kind")
    data.setdefault("name", data.get("code", ""))
    lever: Lever | None = reader.build(loc, lambda: cls(**data))
    return lever


def _subsidy(reader: _Reader, raw: object, loc: Loc) -> Subsidy | None:
    data = reader.mapping(raw, loc, SUBSIDY_FIELDS)
    if data is None:
        return None
    data.setdefault("name", data.get("code", ""))
    data["kinds"] = tuple(reader.items(data.get("kinds"), (*loc, "kinds")))
    subsidy: Subsidy | None = reader.build(loc, lambda: Subsidy(**data))
    return subsidy


def _location(reader: _Reader, raw: object) -> Location | None:
    """`location: {code: "172014", disadvantaged_area: true}`, or the code alone."""
    if raw is None:
        return None
    if isinstance(raw, str | int) and not isinstance(raw, bool):
        raw = {"code": str(raw)}
    data = reader.mapping(raw, ("location",), LOCATION_FIELDS)
    if data is None:
        return None
    if "code" not in data:
        reader.fail(("location", "code"), 'missing; the local-government code, e.g. "172014"')
        return None
    if isinstance(data["code"], int) and not isinstance(data["code"], bool):
        data["code"] = f"{data['code']:05d}" if data["code"] < 100_000 else str(data["code"])
    location: Location | None = reader.build(("location",), lambda: Location(**data))
    return location


def scenario_from_dict(raw: object) -> Scenario:
    """A scenario from parsed YAML or JSON; ScenarioFormatError listing every error found."""
    reader = _Reader()
    data = reader.mapping(raw, (), TOP_FIELDS)
    if data is None:
        raise ScenarioFormatError(reader.errors)
    for required in ("first_fiscal_year", "horizon_years", "yearly_budget"):
        if required not in data:
            reader.fail((required,), "missing")
    capabilities: list[Capability] = []
    targets: dict[str, dict[int, int]] = {}
    weights: dict[str, float] = {}
    if data.get("paper_capabilities"):
        capabilities += [c for c in paper_capabilities() if isinstance(c.criterion, LevelCriterion)]
    for index, item in enumerate(reader.items(data.get("capabilities"), ("capabilities",))):
        found = _capability(reader, item, ("capabilities", index))
        if found is not None:
            capability, by_year, weight = found
            capabilities.append(capability)
            if by_year:
                targets[capability.code] = by_year
            if weight is not None:
                weights[capability.code] = weight
    team = [
        _member(reader, item, ("team", index))
        for index, item in enumerate(reader.items(data.get("team"), ("team",)))
    ]
    levers = [
        _lever(reader, item, ("levers", index))
        for index, item in enumerate(reader.items(data.get("levers"), ("levers",)))
    ]
    subsidies = [
        _subsidy(reader, item, ("subsidies", index))
        for index, item in enumerate(reader.items(data.get("subsidies"), ("subsidies",)))
    ]
    budget_by_year = reader.build(
        ("budget_by_year",), lambda: _by_year(data.get("budget_by_year", {}))
    )
    window = reader.build(("rotation_window",), lambda: _window(data.get("rotation_window")))
    as_of = reader.build(("as_of",), lambda: _date(data.get("as_of")))
    pairing = None
    if data.get("external_pairing") is not None:
        fields = reader.mapping(data["external_pairing"], ("external_pairing",), PAIRING_FIELDS)
        if fields is not None:
            pairing = reader.build(("external_pairing",), lambda: ExternalPairing(**fields))
    location = _location(reader, data.get("location"))
    if reader.errors:
        raise ScenarioFormatError(reader.errors)
    scenario: Scenario | None = reader.build(
        (),
        lambda: Scenario(
            first_fiscal_year=data["first_fiscal_year"],
            horizon_years=data["horizon_years"],
            yearly_budget=data["yearly_budget"],
            capabilities=tuple(capabilities),
            team=tuple(m for m in team if m is not None),
            levers=tuple(lever for lever in levers if lever is not None),
            subsidies=tuple(s for s in subsidies if s is not None),
            headcount_cap=data.get("headcount_cap"),
            budget_by_year=budget_by_year or {},
            targets=targets,
            weights=weights,
            rotation_window=window or (3, 5),
            name=str(data.get("name", "")),
            as_of=as_of,
            budget_basis=data.get("budget_basis", "gross"),
            reappointments=data.get("reappointments"),
            external_pairing=pairing,
            location=location,
        ),
    )
    if scenario is None:
        raise ScenarioFormatError(reader.errors)
    return scenario


def _names_a_file(text: str) -> bool:
    """Whether `text` is the name of an existing file (not too long to be one)."""
    if "\n" in text or len(text) >= 4096:
        return False
    try:
        return Path(text).is_file()
    except OSError:  # e.g. longer than the file system allows in one name
        return False


def load_scenario(path_or_text: str | Path) -> Scenario:
    """A scenario from a YAML or JSON file (a Path, or a str naming an existing file) or from
    YAML/JSON text. Raises ScenarioFormatError naming each wrong field, or saying why the
    text was refused: anchors and aliases, and values over the limits of
    dxtalent.core.safe_yaml."""
    if isinstance(path_or_text, Path) or _names_a_file(path_or_text):
        text = Path(path_or_text).read_text(encoding="utf-8-sig")
    else:
        text = str(path_or_text)
    try:
        raw = load_yaml(text)
    except YamlRefused as error:
        raise ScenarioFormatError([((), f"refused: {error}")]) from None
    except yaml.YAMLError as error:
        raise ScenarioFormatError([((), f"not YAML or JSON: {error}")]) from None
    return scenario_from_dict(raw)


def _plain(value: object) -> Any:
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, LeverKind):
        return value.value
    return value


def scenario_to_dict(scenario: Scenario) -> dict[str, Any]:
    """The scenario as plain values in the file format."""
    capabilities = []
    for c in scenario.capabilities:
        assert isinstance(c.criterion, LevelCriterion)
        item: dict[str, Any] = {
            "code": c.code,
            "name": {"ja": c.name.ja, "en": c.name.en},
            "minimums": dict(c.criterion.minimums),
            "target": c.target,
        }
        if c.code in scenario.targets:
            item["targets"] = dict(scenario.targets[c.code])
        if c.code in scenario.weights:
            item["weight"] = scenario.weights[c.code]
        if not c.critical:
            item["critical"] = False
        if c.in_house_only:
            item["in_house_only"] = True
        if c.source:
            item["source"] = c.source
        capabilities.append(item)
    team = []
    for m in scenario.team:
        member = {name: getattr(m, name) for name in MEMBER_FIELDS}
        member["levels"] = dict(m.levels)
        # TeamMember declares a str and converts it to an EmploymentType on creation.
        member["employment_type"] = str(m.employment_type.value)  # type: ignore[attr-defined]
        team.append({k: v for k, v in member.items() if v is not None})
    levers = [
        {"kind": lever.kind.value}
        | {name: getattr(lever, name) for name in lever_fields(type(lever))}
        for lever in scenario.levers
    ]
    subsidies = [{name: getattr(s, name) for name in SUBSIDY_FIELDS} for s in scenario.subsidies]
    data: dict[str, Any] = {
        "name": scenario.name,
        "as_of": scenario.as_of,
        "first_fiscal_year": scenario.first_fiscal_year,
        "horizon_years": scenario.horizon_years,
        "yearly_budget": scenario.yearly_budget,
        "budget_by_year": dict(scenario.budget_by_year),
        "headcount_cap": scenario.headcount_cap,
        "budget_basis": scenario.budget_basis,
        "rotation_window": list(scenario.rotation_window),
        "reappointments": scenario.reappointments,
        "external_pairing": dataclasses.asdict(scenario.external_pairing)
        if scenario.external_pairing
        else None,
        "capabilities": capabilities,
        "team": team,
        "levers": levers,
        "subsidies": subsidies,
    }
    if scenario.location is not None:
        data["location"] = {"code": scenario.location.code} | (
            {"disadvantaged_area": scenario.location.disadvantaged_area}
            if scenario.location.disadvantaged_area is not None
            else {}
        )
    plain: dict[str, Any] = _plain(data)
    return plain


def dump_scenario(scenario: Scenario, format: str = "yaml") -> str:
    """The scenario as YAML (default) or JSON text that load_scenario reads back equal."""
    data = scenario_to_dict(scenario)
    if format == "json":
        return json.dumps(data, ensure_ascii=False, indent=2)
    if format != "yaml":
        raise ValueError(f'format "{format}" is not known; accepted: yaml, json')
    return str(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
