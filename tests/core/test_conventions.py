"""Convention tests for the pure core."""

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "src" / "dxtalent" / "core"


def test_core_never_imports_django():
    offenders = []
    for path in CORE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [
                f"{path.relative_to(CORE)}: {n}"
                for n in names
                if n.split(".")[0] in {"django", "ninja"}
            ]
    assert offenders == []
    assert any(CORE.rglob("*.py"))
