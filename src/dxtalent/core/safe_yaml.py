"""Reading YAML (and JSON) that people upload, without alias expansion or unbounded nodes.

yaml.safe_load builds no objects but still expands aliases: nine levels of nine aliases each
(the "billion laughs") make 9⁹ strings from a file of a few hundred bytes. Questionnaires
(dxtalent.core.surveys.instrument) and scenarios (dxtalent.core.planning.io) are plain data
that never need an anchor, so `load_yaml` refuses any anchor (&name) or alias (*name) at the
first one, before anything is expanded, and caps the length of each string, the size of each
list or mapping, the nesting depth and the number of nodes (the limits below, also in the
README, "Limits"). A refusal is a `YamlRefused`, a yaml.YAMLError, whose message says what was
found, where (line), and the limit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

# Longest string value or key, in characters (a question's wording is a few hundred).
MAX_STRING_CHARS = 100_000
# Most items in one list or mapping (a questionnaire has about 60 questions, a scenario a few
# hundred people).
MAX_COLLECTION_ITEMS = 10_000
# Deepest nesting of lists and mappings (a scenario nests 5 levels).
MAX_DEPTH = 32
# Most nodes (scalars, lists and mappings) in one document.
MAX_NODES = 500_000


@dataclass(frozen=True, slots=True)
class YamlLimits:
    """See the module constants: string_chars, collection_items, depth, nodes."""

    string_chars: int = MAX_STRING_CHARS
    collection_items: int = MAX_COLLECTION_ITEMS
    depth: int = MAX_DEPTH
    nodes: int = MAX_NODES


DEFAULT_YAML_LIMITS = YamlLimits()


class YamlRefused(yaml.YAMLError):
    """YAML that uses an anchor or alias, or passes one of the limits."""


class _LimitedLoader(yaml.SafeLoader):
    """SafeLoader that refuses anchors and aliases and counts what it composes."""

    limits: YamlLimits = DEFAULT_YAML_LIMITS
    _depth = 0
    _nodes = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        # types-PyYAML leaves Parser.peek_event unannotated.
        event: Any = self.peek_event()  # type: ignore[no-untyped-call]
        line = event.start_mark.line + 1 if event.start_mark else 0
        if isinstance(event, yaml.AliasEvent):
            raise YamlRefused(
                f"line {line}: aliases (*{event.anchor}) are not accepted; write the value out"
            )
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise YamlRefused(
                f"line {line}: anchors (&{anchor}) are not accepted; write each value out"
            )
        self._nodes += 1
        if self._nodes > self.limits.nodes:
            raise YamlRefused(f"line {line}: more than {self.limits.nodes} values in the file")
        if isinstance(event, yaml.ScalarEvent) and len(event.value) > self.limits.string_chars:
            raise YamlRefused(
                f"line {line}: a value of {len(event.value)} characters, more than the limit "
                f"of {self.limits.string_chars}"
            )
        starts = isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent)
        if starts:
            self._depth += 1
            if self._depth > self.limits.depth:
                raise YamlRefused(
                    f"line {line}: lists and mappings nested more than {self.limits.depth} deep"
                )
        node: Any = super().compose_node(parent, index)
        if starts:
            self._depth -= 1
            if len(node.value) > self.limits.collection_items:
                raise YamlRefused(
                    f"line {line}: a list or mapping of {len(node.value)} items, more than the "
                    f"limit of {self.limits.collection_items}"
                )
        return node


def load_yaml(text: str, limits: YamlLimits = DEFAULT_YAML_LIMITS) -> Any:
    """The plain data (dicts, lists, str, int, float, bool, None, dates) of one YAML or JSON
    document; None for an empty one. Raises YamlRefused for an anchor, an alias or a value
    over `limits`, and yaml.YAMLError for text that is not YAML."""
    loader = _LimitedLoader(text)
    loader.limits = limits
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()
