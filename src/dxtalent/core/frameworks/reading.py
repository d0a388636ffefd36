"""Reading framework and crosswalk packs: YAML or JSON files, checked in full before use.

A pack is one file with a top-level `kind`: "framework" or "crosswalk". Reading a file gives
its data (or its syntax problems); `dxtalent.core.frameworks.checking` then checks it and
raises one InvalidPackError listing every problem in the file.

Files are read as UTF-8 (with or without BOM), falling back to cp932 (Shift_JIS as saved by
Japanese Windows editors).

The packs shipped with dxtalent live in the package `dxtalent.data.frameworks` and are read
with `load_shipped_packs()`. They are never changed in place:
`dxtalent.core.frameworks.copying.copy_framework` makes an organisation's own adjusted copy.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from dxtalent.core.frameworks.checking import (
    CROSSWALK_KIND,
    FRAMEWORK_KIND,
    InvalidPackError,
    PackProblem,
    ParsedPack,
    check_kind,
    crosswalk_from,
    framework_from,
)
from dxtalent.core.frameworks.model import Crosswalk, Framework

SHIPPED_PACKAGE = "dxtalent.data.frameworks"
PACK_SUFFIXES = (".yaml", ".yml", ".json")
PackSource = str | os.PathLike[str] | Traversable


class UnknownFrameworkCodeError(LookupError):
    """A framework code that is not among the loaded packs."""

    def __init__(self, code: str, known: Iterable[str]) -> None:
        self.code = code
        names = sorted(known)
        hint = f' (e.g. "{names[0]}")' if names else " (none is loaded)"
        super().__init__(f'"{code}" is not a loaded framework{hint}')


class UnknownCrosswalkCodeError(LookupError):
    """A crosswalk code that is not among the loaded packs."""

    def __init__(self, code: str, known: Iterable[str]) -> None:
        self.code = code
        names = sorted(known)
        hint = f' (e.g. "{names[0]}")' if names else " (none is loaded)"
        super().__init__(f'"{code}" is not a loaded crosswalk{hint}')


@dataclass(frozen=True)
class PackSet:
    """Frameworks and crosswalks loaded together, each by its code. Iterating gives every
    pack, frameworks first."""

    frameworks: Mapping[str, Framework]
    crosswalks: Mapping[str, Crosswalk]

    def __iter__(self) -> Iterator[Framework | Crosswalk]:
        """Every pack: the frameworks, then the crosswalks (each in loading order)."""
        yield from self.frameworks.values()
        yield from self.crosswalks.values()

    def __len__(self) -> int:
        return len(self.frameworks) + len(self.crosswalks)

    def framework(self, code: str) -> Framework:
        """The framework with `code`; UnknownFrameworkCodeError if none."""
        try:
            return self.frameworks[code]
        except KeyError:
            raise UnknownFrameworkCodeError(code, self.frameworks) from None

    def crosswalk(self, code: str) -> Crosswalk:
        """The crosswalk with `code`; UnknownCrosswalkCodeError if none."""
        try:
            return self.crosswalks[code]
        except KeyError:
            raise UnknownCrosswalkCodeError(code, self.crosswalks) from None


class _PackLoader(yaml.SafeLoader):
    """yaml.SafeLoader that records duplicate keys instead of silently keeping the last."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicate_keys: list[tuple[int, object]] = []


def _construct_mapping(loader: _PackLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    loader.flatten_mapping(node)
    seen: set[object] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            if key in seen:
                loader.duplicate_keys.append((key_node.start_mark.line + 1, key))
            seen.add(key)
        except TypeError:
            pass  # an unhashable key; construct_mapping below reports it
    return loader.construct_mapping(node, deep=True)


_PackLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _display_name(source: PackSource) -> str:
    if isinstance(source, str | os.PathLike):
        return os.fspath(source)
    return source.name


def _read_text(raw: bytes) -> str | None:
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _parse(source: PackSource) -> tuple[str, object, list[PackProblem]]:
    """The file's display name, its parsed content (None if unreadable) and syntax problems."""
    name = _display_name(source)
    suffix = Path(name).suffix.lower()
    if suffix not in PACK_SUFFIXES:
        found = f'a file ending "{suffix}"' if suffix else "a file without an extension"
        return name, None, [PackProblem("(file)", found, "a .yaml, .yml or .json file")]
    resource = Path(source) if isinstance(source, str | os.PathLike) else source
    try:
        raw = resource.read_bytes()
    except OSError as error:
        return name, None, [PackProblem("(file)", f"cannot be read ({error})", "a readable file")]
    text = _read_text(raw)
    if text is None:
        return name, None, [PackProblem("(file)", "undecodable bytes", "UTF-8 or cp932 text")]
    if suffix == ".json":
        return _parse_json(name, text)
    return _parse_yaml(name, text)


def _parse_yaml(name: str, text: str) -> tuple[str, object, list[PackProblem]]:
    loader = _PackLoader(text)
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"line {mark.line + 1}" if mark else "(file)"
        found = error.problem or error.context or "a syntax error"
        return name, None, [PackProblem(where, found, "well-formed YAML")]
    except yaml.YAMLError as error:
        return name, None, [PackProblem("(file)", str(error), "well-formed YAML")]
    finally:
        loader.dispose()
    problems = [
        PackProblem(f"line {line}", f'key "{key}" appears again', "each key once per mapping")
        for line, key in loader.duplicate_keys
    ]
    return name, data, problems


def _parse_json(name: str, text: str) -> tuple[str, object, list[PackProblem]]:
    duplicates: list[str] = []

    def unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in pairs:
            if key in result:
                duplicates.append(key)
            result[key] = value
        return result

    try:
        data = json.loads(text, object_pairs_hook=unique)
    except json.JSONDecodeError as error:
        return name, None, [PackProblem(f"line {error.lineno}", error.msg, "well-formed JSON")]
    problems = [
        PackProblem("(file)", f'key "{key}" appears again', "each key once per object")
        for key in duplicates
    ]
    return name, data, problems


def _read_pack(source: PackSource) -> ParsedPack:
    return check_kind(*_parse(source))


def load_framework(source: PackSource) -> Framework:
    """The framework in a YAML or JSON pack file.

    Raises InvalidPackError listing every problem: wrong kind, missing or unknown keys, wrong
    types, levels not 0..4 exactly once, anchors not exactly 1..4, duplicate codes, targets
    naming unknown skills or outside 0..4, areas and skills disagreeing on membership, empty
    ja or en texts, a scope other than organisation/project, a malformed version.
    """
    return framework_from(_read_pack(source))


def load_crosswalk(
    source: PackSource, frameworks: Mapping[str, Framework] | Iterable[Framework]
) -> Crosswalk:
    """The crosswalk in a YAML or JSON pack file, checked against the frameworks it joins.

    frameworks: the loaded frameworks, by code or as a collection. Raises InvalidPackError
    listing every problem, including frameworks not loaded and mappings whose skills are
    missing from either framework.
    """
    if not isinstance(frameworks, Mapping):
        frameworks = {framework.code: framework for framework in frameworks}
    return crosswalk_from(_read_pack(source), frameworks)


def load_packs(sources: Iterable[PackSource]) -> PackSet:
    """Every framework and crosswalk in `sources`: frameworks first, then the crosswalks
    between them.

    Raises InvalidPackError for the first file with problems (unreadable files and unknown
    kinds first, then frameworks, then crosswalks, each in the order given), including a
    code already used by another file of the same kind.
    """
    parsed = [_read_pack(source) for source in sources]
    for pack in parsed:
        if pack.kind is None:
            raise InvalidPackError(pack.name, pack.problems)
    origin: dict[str, str] = {}
    frameworks: dict[str, Framework] = {}
    for pack in parsed:
        if pack.kind == FRAMEWORK_KIND:
            framework = framework_from(pack)
            _refuse_duplicate(framework.code, "framework", pack.name, origin)
            frameworks[framework.code] = framework
    crosswalks: dict[str, Crosswalk] = {}
    for pack in parsed:
        if pack.kind == CROSSWALK_KIND:
            crosswalk = crosswalk_from(pack, frameworks)
            _refuse_duplicate(crosswalk.code, "crosswalk", pack.name, origin)
            crosswalks[crosswalk.code] = crosswalk
    return PackSet(MappingProxyType(frameworks), MappingProxyType(crosswalks))


def _refuse_duplicate(code: str, what: str, name: str, origin: dict[str, str]) -> None:
    if code in origin:
        raise InvalidPackError(
            name,
            [
                PackProblem(
                    "code",
                    f'{what} code "{code}", already used by {origin[code]}',
                    "a code no other pack uses",
                )
            ],
        )
    origin[code] = name


def shipped_pack_files() -> tuple[Traversable, ...]:
    """The pack files shipped in `dxtalent.data.frameworks`, sorted by name."""
    entries = files(SHIPPED_PACKAGE).iterdir()
    packs = (e for e in entries if e.is_file() and e.name.lower().endswith(PACK_SUFFIXES))
    return tuple(sorted(packs, key=lambda entry: entry.name))


@functools.cache
def load_shipped_packs() -> PackSet:
    """Every framework and crosswalk shipped with dxtalent (read once, then cached; the
    values are immutable, so sharing them is safe)."""
    return load_packs(shipped_pack_files())
