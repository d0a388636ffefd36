"""`dxtalent backup` and `dxtalent restore`: an exact round trip into a new database of either
engine, and archives that must not be restored (altered, of another format or migration state,
into a database with data, zip bombs) refused with nothing written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

import dxtalent
from dxtalent.core.tabular.archives import ArchiveRefused
from dxtalent.web import backup as backups
from dxtalent.web.backup import BackupError, table_digests
from dxtalent.web.demo.services import prepare_demo
from dxtalent.web.organisations.models import Organisation
from dxtalent.web.people.models import Person
from dxtalent.web.planning import runs
from dxtalent.web.planning.services import scenario_for

SRC = Path(dxtalent.__file__).resolve().parents[1]


def _cli(*args: str, data_dir: Path, database_url: str = "") -> subprocess.CompletedProcess[str]:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith("DXTALENT_") and k != "DATABASE_URL"
    }
    env.update({"DXTALENT_DATA_DIR": str(data_dir), "COLUMNS": "200", "PYTHONPATH": str(SRC)})
    if database_url:
        env["DATABASE_URL"] = database_url
    return subprocess.run(
        [sys.executable, "-m", "dxtalent.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def _tables(archive: Path) -> dict[str, tuple[int, str]]:
    with zipfile.ZipFile(archive) as opened:
        manifest = json.loads(opened.read("manifest.json"))
    return {t["table"]: (t["rows"], t["sha256"]) for t in manifest["tables"]}


def _restore_and_back_up_again(archive: Path, tmp: Path, name: str, url: str = "") -> Path:
    """Restore `archive` into a new database (SQLite in `tmp/name`, or `url`), check that the
    app writes to it afterwards, and back it up again."""
    data_dir = tmp / name
    for step in (("migrate",), ("restore", str(archive))):
        result = _cli(*step, data_dir=data_dir, database_url=url)
        assert result.returncode == 0, result.stdout + result.stderr
    assert "checksums match" in result.stdout
    # New rows get new keys after the restore (PostgreSQL's sequences were moved on).
    create = "import django; django.setup(); from dxtalent.web.people.models import Department as D; o = D.objects.first(); D.objects.create(organisation=o.organisation, code='NEW', name='新')"
    env_url = {"database_url": url} if url else {}
    check = _cli_python(create, data_dir=data_dir, **env_url)
    assert check.returncode == 0, check.stderr
    again = tmp / f"{name}-again.zip"
    result = _cli("backup", str(again), data_dir=data_dir, database_url=url)
    assert result.returncode == 0, result.stderr
    return again


def _cli_python(
    code: str, data_dir: Path, database_url: str = ""
) -> subprocess.CompletedProcess[str]:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith("DXTALENT_") and k != "DATABASE_URL"
    }
    env.update(
        {
            "DXTALENT_DATA_DIR": str(data_dir),
            "DXTALENT_DEBUG": "1",
            "DJANGO_SETTINGS_MODULE": "dxtalent.web.config.settings",
            "PYTHONPATH": str(SRC),
        }
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=300
    )


def _some_of_everything(settings) -> None:  # type: ignore[no-untyped-def]
    """The demo (people, ratings, surveys, interviews, audit) and a plan run queued in the
    database (a UUID key, JSON and timestamps of the job queue)."""
    prepare_demo(seed=2025)
    organisation = Organisation.objects.get(code="DEMO-CITY-A")
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    run = runs.create(organisation, None, scenario_for(organisation, 1_000_000, 1), "cost", 0, {})
    runs.start(run, wait=0)


@pytest.mark.django_db
def test_a_backup_restored_into_a_new_sqlite_database_has_every_table_row_for_row(
    tmp_path, settings
):
    _some_of_everything(settings)
    archive = tmp_path / "backup.zip"
    manifest = backups.backup(archive)
    assert archive.stat().st_mode & 0o077 == 0  # personal data: for its owner only
    source = _tables(archive)
    assert {k: v.sha256 for k, v in table_digests().items()} == {k: v[1] for k, v in source.items()}
    filled = {table for table, (rows, _sha) in source.items() if rows}
    assert {
        "people_person",
        "people_rating",
        "audit_auditevent",
        "django_tasks_database_dbtaskresult",
    } <= filled
    assert len(filled) >= 25 and manifest["migrations"]

    again = _restore_and_back_up_again(archive, tmp_path, "sqlite")
    restored = _tables(again)
    for written_after in ("people_department", "audit_auditevent"):  # one new row each
        assert restored.pop(written_after)[0] == source.pop(written_after)[0] + 1
    assert restored == source


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="needs PostgreSQL: DATABASE_URL=postgres://... (CI sets it)",
)
@pytest.mark.django_db
def test_a_backup_of_sqlite_restores_exactly_into_a_new_postgresql_database(tmp_path, settings):
    import psycopg

    _some_of_everything(settings)
    archive = tmp_path / "backup.zip"
    backups.backup(archive)
    source = _tables(archive)
    # Into SQLite first, so that the archive PostgreSQL gets is one SQLite wrote.
    from_sqlite = tmp_path / "from-sqlite.zip"
    for step in (("migrate",), ("restore", str(archive)), ("backup", str(from_sqlite))):
        result = _cli(*step, data_dir=tmp_path / "sqlite")
        assert result.returncode == 0, result.stdout + result.stderr
    assert _tables(from_sqlite) == source

    settings = connection.settings_dict
    name = f"{settings['NAME']}_restore"
    admin = f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT'] or 5432}"
    with psycopg.connect(f"{admin}/postgres", autocommit=True) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        server.execute(f'CREATE DATABASE "{name}"')
    try:
        again = _restore_and_back_up_again(from_sqlite, tmp_path, "postgres", f"{admin}/{name}")
    finally:
        with psycopg.connect(f"{admin}/postgres", autocommit=True) as server:
            server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    restored = _tables(again)
    for written_after in ("people_department", "audit_auditevent"):  # one new row each
        assert restored.pop(written_after)[0] == source.pop(written_after)[0] + 1
    assert restored == source


# Refusals: the test database is migrated and empty, so each of these would otherwise restore.


@pytest.fixture
def archive(tmp_path, db):
    """A backup of the migrated, empty test database."""
    path = tmp_path / "empty.zip"
    backups.backup(path)
    return path


def _rewrite(path: Path, change) -> Path:  # type: ignore[no-untyped-def]
    """A copy of the archive with each member passed through change(name, bytes)."""
    changed = path.with_name("changed.zip")
    with (
        zipfile.ZipFile(path) as source,
        zipfile.ZipFile(changed, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for info in source.infolist():
            out.writestr(info.filename, change(info.filename, source.read(info)))
    return changed


def _manifest(change):  # type: ignore[no-untyped-def]
    def rewrite(name: str, data: bytes) -> bytes:
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        change(manifest)
        return json.dumps(manifest).encode()

    return rewrite


@pytest.mark.django_db
def test_an_archive_restores_into_the_migrated_empty_test_database(archive):
    before = table_digests()
    backups.restore(archive)
    assert table_digests() == before


@pytest.mark.django_db
def test_an_altered_row_refuses_the_archive_and_writes_nothing(archive):
    def alter(name: str, data: bytes) -> bytes:
        if name == "data/organisations_organisation.jsonl":
            return data.replace("東広島市".encode(), "西広島市".encode(), 1)
        return data

    before = table_digests()
    with pytest.raises(
        BackupError, match=r"organisations_organisation\.jsonl does not match its manifest"
    ):
        backups.restore(_rewrite(archive, alter))
    assert table_digests() == before


@pytest.mark.django_db
def test_an_archive_of_another_format_version_is_refused_naming_the_versions(archive):
    changed = _rewrite(archive, _manifest(lambda m: m.update(format_version=2)))
    with pytest.raises(BackupError, match=r"format version 2; .* restores format version 1 only"):
        backups.restore(changed)


@pytest.mark.django_db
def test_an_archive_of_another_migration_state_is_refused_naming_the_migration(archive):
    def drop_last(manifest: dict) -> None:  # type: ignore[type-arg]
        manifest["migrations"].remove("people.0005_person_name_kana")

    with pytest.raises(BackupError, match=r"applied here only: people\.0005_person_name_kana"):
        backups.restore(_rewrite(archive, _manifest(drop_last)))


@pytest.mark.django_db
def test_a_database_with_data_is_refused_naming_a_table_that_has_rows(archive, alice):
    with pytest.raises(BackupError, match=r"not empty \(table \w+ has \d+ rows\)"):
        backups.restore(archive)
    assert get_user_model().objects.count() == 1 and Person.objects.count() == 0


@pytest.mark.django_db
def test_a_zip_bomb_in_an_archive_is_refused_before_it_is_read(archive):
    def bomb(name: str, data: bytes) -> bytes:
        return b"0" * (300 << 20) if name == "data/people_person.jsonl" else data

    bombed = _rewrite(archive, bomb)
    tracemalloc.start()
    try:
        with pytest.raises(ArchiveRefused, match=r"people_person\.jsonl"):
            backups.restore(bombed)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20 << 20


@pytest.mark.django_db
def test_an_overlong_row_is_refused_within_bounded_memory(archive, monkeypatch):
    monkeypatch.setattr(backups, "MAX_LINE_BYTES", 1 << 20)
    long_row = os.urandom(6 << 20).hex().encode()  # 12 MB that do not compress

    def lengthen(name: str, data: bytes) -> bytes:
        return long_row if name == "data/people_person.jsonl" else data

    changed = _rewrite(archive, lengthen)
    tracemalloc.start()
    try:
        with pytest.raises(
            BackupError, match=r"people_person\.jsonl has a line over 1048576 bytes"
        ):
            backups.restore(changed)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8 << 20
    assert Person.objects.count() == 0


@pytest.mark.django_db
def test_a_damaged_archive_is_refused_saying_so_and_writes_nothing(archive):
    data = bytearray(archive.read_bytes())
    middle = len(data) // 2  # inside the largest member, the local governments
    data[middle : middle + 16] = bytes(16)
    damaged = archive.with_name("damaged.zip")
    damaged.write_bytes(bytes(data))
    before = table_digests()
    with pytest.raises(BackupError, match=r"damaged|does not match its manifest"):
        backups.restore(damaged)
    assert table_digests() == before
    damaged.write_bytes(bytes(data[: len(data) // 3]))  # cut short: no central directory
    with pytest.raises(BackupError, match="not a readable zip file"):
        backups.restore(damaged)
