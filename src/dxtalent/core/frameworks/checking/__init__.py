"""Checking pack data: every problem in a framework or crosswalk pack, collected at once.

The checker reads parsed YAML or JSON data (`dxtalent.core.frameworks.reading` parses files)
into frozen model values and collects every problem in the data, raising one InvalidPackError
listing them all, each as `<file>: <location>: <what was found> — <what is accepted>`, the
location written like `roles[2].targets.MIC-M03`. Nothing is returned from data with any
problem. Codes are NFKC-normalised, so full-width "ＭＩＣ－Ｐ０１" reads as "MIC-P01"; texts are
kept as written, apart from surrounding white space.

One module per part: `base` (problems, accepted values, the checker), `framework` and
`crosswalk` (each kind of pack); here the entry points that `reading` calls.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from dxtalent.core.frameworks.checking.base import (
    ACCEPTED_CODE,
    ACCEPTED_VERSION,
    CODE_PATTERN,
    CROSSWALK_KIND,
    FRAMEWORK_KIND,
    Checker,
    InvalidPackError,
    PackProblem,
    describe,
    is_version,
)
from dxtalent.core.frameworks.checking.crosswalk import check_crosswalk
from dxtalent.core.frameworks.checking.framework import check_framework
from dxtalent.core.frameworks.model import Crosswalk, Framework

__all__ = [
    "ACCEPTED_CODE",
    "ACCEPTED_VERSION",
    "CODE_PATTERN",
    "CROSSWALK_KIND",
    "FRAMEWORK_KIND",
    "InvalidPackError",
    "PackProblem",
    "ParsedPack",
    "check_kind",
    "crosswalk_from",
    "framework_from",
    "is_version",
]


@dataclass(frozen=True)
class ParsedPack:
    """A pack file read but not yet checked: its display name, content and kind (None if
    unreadable or unknown, with the reason among `problems`)."""

    name: str
    data: object
    kind: str | None
    problems: tuple[PackProblem, ...]


def check_kind(name: str, data: object, problems: Iterable[PackProblem]) -> ParsedPack:
    """A parsed pack file with its kind: None, with the reason among `problems`, if `data` is
    missing (unreadable) or not a mapping whose `kind` is "framework" or "crosswalk"."""
    problems = tuple(problems)
    if data is None and problems:
        return ParsedPack(name, None, None, problems)
    check = Checker(problems)
    kind = data.get("kind") if isinstance(data, dict) else None
    if not isinstance(data, dict):
        check.add("(file)", describe(data), "a mapping with a kind key at the top")
    elif kind not in (FRAMEWORK_KIND, CROSSWALK_KIND):
        found = "missing" if "kind" not in data else describe(kind)
        check.add("kind", found, f'"{FRAMEWORK_KIND}" or "{CROSSWALK_KIND}"')
        kind = None
    return ParsedPack(name, data, kind if isinstance(kind, str) else None, tuple(check.problems))


def framework_from(parsed: ParsedPack) -> Framework:
    """The framework in `parsed`; InvalidPackError listing every problem otherwise."""
    check = Checker(parsed.problems)
    framework = None
    if parsed.kind == CROSSWALK_KIND:
        check.add(
            "kind",
            f'"{CROSSWALK_KIND}"',
            f'"{FRAMEWORK_KIND}" (load crosswalks with load_crosswalk)',
        )
    elif parsed.kind == FRAMEWORK_KIND:
        framework = check_framework(check, parsed.data)
    if check.problems or framework is None:
        raise InvalidPackError(parsed.name, check.problems)
    return framework


def crosswalk_from(parsed: ParsedPack, frameworks: Mapping[str, Framework]) -> Crosswalk:
    """The crosswalk in `parsed`, checked against `frameworks` (by code); InvalidPackError
    listing every problem otherwise."""
    check = Checker(parsed.problems)
    crosswalk = None
    if parsed.kind == FRAMEWORK_KIND:
        check.add(
            "kind",
            f'"{FRAMEWORK_KIND}"',
            f'"{CROSSWALK_KIND}" (load frameworks with load_framework)',
        )
    elif parsed.kind == CROSSWALK_KIND:
        crosswalk = check_crosswalk(check, parsed.data, frameworks)
    if check.problems or crosswalk is None:
        raise InvalidPackError(parsed.name, check.problems)
    return crosswalk
