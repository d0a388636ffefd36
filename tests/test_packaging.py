"""What `pip install dxtalent` brings, and what `make install` adds."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_the_postgresql_driver_is_the_postgres_extra_not_a_requirement_of_every_install():
    project = _project()
    assert not [d for d in project["dependencies"] if d.startswith("psycopg")]
    assert [d for d in project["optional-dependencies"]["postgres"] if d.startswith("psycopg")]


def test_make_install_installs_the_postgres_extra_for_the_test_suite():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert '-e ".[dev,serve,postgres]"' in makefile


def test_the_build_backend_is_not_capped_below_a_setuptools_release():
    build = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["build-system"]
    assert [r for r in build["requires"] if r.startswith("setuptools") and "<" not in r]
