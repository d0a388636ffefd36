"""A small, valid framework pack built by hand, and a helper to write packs to tmp_path.

Tests break one copy of it at a time, so each bad pack differs from a good one only where the
test says.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml


def text(ja: str, en: str) -> dict[str, str]:
    return {"ja": ja, "en": en}


def skill(code: str, area: str) -> dict[str, object]:
    return {
        "code": code,
        "area": area,
        "name": text(f"スキル {code}", f"Skill {code}"),
        "description": text("説明", "Description"),
        "anchors": {n: text(f"レベル{n}の行動", f"What level {n} does") for n in (1, 2, 3, 4)},
        "source": "hand-built for tests",
    }


def framework_data(code: str = "TEST-FW", prefix: str = "T") -> dict[str, object]:
    """Two areas, three skills, two roles; every check passes."""
    return {
        "kind": "framework",
        "code": code,
        "version": "1.0.0",
        "name": text("テスト", "Test"),
        "description": text("テスト用", "For tests"),
        "source": "hand-built for tests",
        "authorship_note": text("テスト用に作成", "Written for tests"),
        "levels": [
            {
                "level": n,
                "name": text(f"レベル{n}", f"Level {n}"),
                "description": text("説明", "Description"),
            }
            for n in range(5)
        ],
        "areas": [
            {
                "code": f"{prefix}-A1",
                "name": text("領域1", "Area 1"),
                "skills": [f"{prefix}-S1", f"{prefix}-S2"],
            },
            {"code": f"{prefix}-A2", "name": text("領域2", "Area 2"), "skills": [f"{prefix}-S3"]},
        ],
        "skills": [
            skill(f"{prefix}-S1", f"{prefix}-A1"),
            skill(f"{prefix}-S2", f"{prefix}-A1"),
            skill(f"{prefix}-S3", f"{prefix}-A2"),
        ],
        "roles": [
            {
                "code": f"{prefix}-R1",
                "name": text("役割1", "Role 1"),
                "description": text("説明", "Description"),
                "scope": "organisation",
                "rank": 1,
                "targets": {f"{prefix}-S1": 4, f"{prefix}-S2": 3},
                "source": "hand-built for tests",
            },
            {
                "code": f"{prefix}-R2",
                "name": text("役割2", "Role 2"),
                "description": text("説明", "Description"),
                "scope": "project",
                "rank": 2,
                "targets": {f"{prefix}-S3": 2},
                "source": "hand-built for tests",
            },
        ],
    }


def crosswalk_data() -> dict[str, object]:
    """From TEST-FW (skills T-…) to OTHER-FW (skills O-…)."""
    return {
        "kind": "crosswalk",
        "code": "TEST-TO-OTHER",
        "version": "2024-04-17",
        "name": text("対応表", "Crosswalk"),
        "description": text("テスト用", "For tests"),
        "source": "hand-built for tests",
        "authorship_note": text("テスト用に作成", "Written for tests"),
        "from_framework": "TEST-FW",
        "to_framework": "OTHER-FW",
        "mappings": [
            {"from": "T-S1", "to": "O-S1", "relation": "equivalent", "note": text("同じ", "Same")},
            {"from": "T-S2", "to": "O-S3", "relation": "related", "note": text("関連", "Related")},
        ],
    }


@pytest.fixture
def make_framework() -> Callable[..., dict[str, object]]:
    """make_framework(code="TEST-FW", prefix="T") → fresh data for a valid framework pack."""
    return framework_data


@pytest.fixture
def make_crosswalk() -> Callable[[], dict[str, object]]:
    """make_crosswalk() → fresh data for a valid crosswalk from TEST-FW to OTHER-FW."""
    return crosswalk_data


@pytest.fixture
def write_pack(tmp_path: Path) -> Callable[[str, object], Path]:
    """write_pack("name.yaml", data) → the path; .json files are written as JSON."""

    def write(name: str, data: object) -> Path:
        path = tmp_path / name
        if path.suffix == ".json":
            path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        else:
            path.write_text(
                yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
            )
        return path

    return write
