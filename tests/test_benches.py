"""The benches run on databases of their own and feed the README's Speed table."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"


def _module(name: str):
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_bench_that_sets_up_django_first_moves_to_temporary_databases():
    for script in sorted(BENCH.glob("[!_]*.py")):
        text = script.read_text(encoding="utf-8")
        if "django.setup()" not in text:
            continue
        assert "isolated()" in text, script.name
        assert text.index("isolated()") < text.index("django.setup()"), script.name
        assert "DXTALENT_DATA_DIR" not in text and "setdefault" not in text, script.name


def test_the_speed_table_is_made_of_the_rows_the_benches_printed():
    speed = _module("_speed")
    log = (
        "== bench/a.py\n"
        "some figure: 1 s\n"
        "speed | import 100 rows | 1.0 s | 2.0 s raw |\n"
        "speed | search | 3 ms | – |\n"
    )
    assert speed.table(log) == (
        "| benchmark | figure | baseline in the same run |\n"
        "|---|---|---|\n"
        "| import 100 rows | 1.0 s | 2.0 s raw |\n"
        "| search | 3 ms | – |\n"
    )


def test_the_readme_has_the_speed_table_markers():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    speed = _module("_speed")
    assert text.index(speed.BEGIN) < text.index(speed.END)
