"""`dxtalent backup` and `dxtalent restore`: all the app's data in one portable, versioned
archive, restored into an empty database of either engine (SQLite → PostgreSQL included).

The archive is a zip file:

- `manifest.json`: {"format": "dxtalent-backup", "format_version": 1, "app_version",
  "created_at", "engine", "migrations": ["app.0001_initial", ...], "tables": [{"table",
  "model", "columns", "rows", "sha256", "member"}, ...]}
- `data/<table>.jsonl`, one per table: one JSON array per row, the values in the order of
  "columns", rows in primary-key order. Dates and times are ISO 8601 (times in UTC), decimals
  and UUIDs strings, binary base64, JSON columns their JSON. "sha256" is the digest of the
  member's bytes; because the lines are canonical (sorted keys, no spaces), the same rows give
  the same digest read from SQLite or PostgreSQL, which is how a restore proves it is exact.

Every table of every installed app is in it except the sessions (signed with the old server's
key, they would not be valid anyway) and Django's record of applied migrations (compared
instead: the archive restores only into a database at the same migration state).

Restore: the target must be migrated (`dxtalent migrate`) and empty, i.e. nothing in it but
what migrate itself fills in (SEEDED_BY_MIGRATE: content types, permissions, the local
governments, the shipped frameworks and the national standardization list), which the archive's rows replace. Everything happens
in one transaction: the rows are streamed in batches (memory bounded by BATCH_ROWS rows of at
most MAX_LINE_BYTES), each member's digest and row count are checked against the manifest
while it is read, the tables are read back and their digests compared again before commit.
Any difference refuses the archive and leaves the database as it was.
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import hashlib
import json
import os
import uuid
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

import dxtalent
from dxtalent.core.tabular.archives import (
    ArchiveLimits,
    ArchiveRefused,
    check_directory,
    iter_member,
)

FORMAT = "dxtalent-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"

# Not backed up: sessions are signed with the server's key; migrations are compared instead.
EXCLUDED = {"sessions.session"}
# What `dxtalent migrate` fills in by itself; a restore replaces these rows with the archive's.
SEEDED_BY_MIGRATE = {
    "contenttypes.contenttype",
    "auth.permission",
    "organisations.organisation",
    "people.framework",
    "people.skill",
    "people.role",
    "people.roletarget",
    # The national list of 特定移行支援システム, loaded by migrate when no edition is there.
    "standardization.nationaledition",
    "standardization.nationallisting",
}

# Limits for reading an archive (README "Limits"): far above a large municipality's data
# (1M ratings are about 100 MB of JSON lines), far below what exhausts a server's disk.
ARCHIVE_LIMITS = ArchiveLimits(
    member_bytes=4 << 30,
    total_bytes=16 << 30,
    members=1_000,
    ratio=200,
    ratio_floor_bytes=1 << 20,
)
MANIFEST_MAX_BYTES = 4 << 20
# One row: an interview transcript is the longest text dxtalent keeps (about 1 MB for two hours).
MAX_LINE_BYTES = 16 << 20
BATCH_ROWS = 500


class BackupError(ValueError):
    """An archive that cannot be restored here, or a database it cannot be restored into;
    the message says which and what to do. Nothing was written."""


@dataclass(frozen=True)
class TableDigest:
    """One table of a backup: its row count and the SHA-256 of its canonical lines."""

    table: str
    rows: int
    sha256: str


# Tables and rows -------------------------------------------------------------------------------


def backed_up_models() -> list[type[models.Model]]:
    """Every table the archive holds (many-to-many tables included), in a fixed order."""
    found = [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy and model._meta.label_lower not in EXCLUDED
    ]
    return sorted(found, key=lambda model: model._meta.db_table)


def _columns(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return list(model._meta.local_concrete_fields)


def _encode(value: object) -> object:
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = value.astimezone(dt.UTC)
        return value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    return value


def _line(values: tuple[Any, ...]) -> bytes:
    encoded = [_encode(value) for value in values]
    text = json.dumps(encoded, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.encode("utf-8") + b"\n"


def _lines(model: type[models.Model]) -> Iterator[bytes]:
    names = [field.attname for field in _columns(model)]
    rows = model._base_manager.order_by("pk").values_list(*names)
    for values in rows.iterator(chunk_size=2_000):
        yield _line(values)


def table_digests() -> dict[str, TableDigest]:
    """Each backed-up table's row count and content digest, as read from the database now."""
    digests = {}
    for model in backed_up_models():
        digest, count = hashlib.sha256(), 0
        for line in _lines(model):
            digest.update(line)
            count += 1
        table = model._meta.db_table
        digests[table] = TableDigest(table, count, digest.hexdigest())
    return digests


def applied_migrations() -> list[str]:
    """The migrations applied to this database, as "app.name", sorted."""
    recorder = MigrationRecorder(connection)
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


# Backup ----------------------------------------------------------------------------------------


def backup(path: Path) -> dict[str, Any]:
    """Write every table to the archive at `path` (replaced only once complete) from one
    consistent snapshot of the database; returns the manifest."""
    partial = path.with_name(path.name + ".partial")
    tables = []
    # Readable by its owner only: it holds personal data and password hashes.
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with (
        _Snapshot(),
        os.fdopen(descriptor, "wb") as file,
        zipfile.ZipFile(file, "w", zipfile.ZIP_DEFLATED) as archive,
    ):
        for model in backed_up_models():
            table = model._meta.db_table
            member = f"data/{table}.jsonl"
            digest, count = hashlib.sha256(), 0
            with archive.open(member, "w", force_zip64=True) as out:
                for line in _lines(model):
                    out.write(line)
                    digest.update(line)
                    count += 1
            tables.append(
                {
                    "table": table,
                    "model": model._meta.label_lower,
                    "columns": [field.attname for field in _columns(model)],
                    "rows": count,
                    "sha256": digest.hexdigest(),
                    "member": member,
                }
            )
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "app_version": dxtalent.__version__,
            "created_at": timezone.now().astimezone(dt.UTC).isoformat(),
            "engine": connection.vendor,
            "migrations": applied_migrations(),
            "tables": tables,
        }
        archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
    partial.replace(path)
    return manifest


class _Snapshot:
    """One read-only snapshot for the whole backup, without taking SQLite's write lock (a
    Django transaction there begins IMMEDIATE, which would stop every writer meanwhile)."""

    def __enter__(self) -> None:
        self.atomic: Any = None
        self.began = False
        if connection.in_atomic_block:  # already one transaction (a caller's, a test's)
            return
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            with connection.cursor() as cursor:
                cursor.execute("BEGIN DEFERRED")
            self.began = True
        else:
            self.atomic = transaction.atomic()
            self.atomic.__enter__()
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")

    def __exit__(self, *exc: object) -> None:
        if self.began:
            with connection.cursor() as cursor:
                cursor.execute("COMMIT")
        elif self.atomic is not None:
            self.atomic.__exit__(*exc)


# Restore ---------------------------------------------------------------------------------------


def restore(path: Path, limits: ArchiveLimits = ARCHIVE_LIMITS) -> dict[str, Any]:
    """Restore the archive at `path` into this (migrated, empty) database, all or nothing;
    returns the manifest. Raises BackupError saying what is wrong, or ArchiveRefused for an
    archive over the limits; in both cases nothing was written."""
    name = path.name
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as error:
        raise BackupError(
            f"{name} is not a dxtalent backup (not a readable zip file: {error})"
        ) from None
    try:
        with archive:
            manifest = _restore(archive, name, limits)
    except (zipfile.BadZipFile, zlib.error, EOFError) as error:
        raise BackupError(f"{name} is damaged ({error}); nothing was restored.") from None
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    return manifest


def _restore(archive: zipfile.ZipFile, name: str, limits: ArchiveLimits) -> dict[str, Any]:
    infos = {info.filename: info for info in check_directory(archive, name, limits)}
    manifest = _read_manifest(archive, infos, name, limits)
    model_of = _check_compatible(manifest, name)
    _check_empty(model_of)
    with transaction.atomic():
        _clear_seeded(model_of)
        for entry in manifest["tables"]:
            info = infos.get(entry["member"])
            if info is None:
                raise BackupError(f'{name}: the member "{entry["member"]}" is missing.')
            _load(archive, info, entry, model_of[entry["table"]], name, limits)
        _reset_sequences(list(model_of.values()))
        _check_restored(manifest, name)
        connection.check_constraints()
    return manifest


def _read_manifest(
    archive: zipfile.ZipFile,
    infos: dict[str, zipfile.ZipInfo],
    name: str,
    limits: ArchiveLimits,
) -> dict[str, Any]:
    info = infos.get(MANIFEST)
    if info is None:
        raise BackupError(f"{name} is not a dxtalent backup: it has no {MANIFEST}.")
    if info.file_size > MANIFEST_MAX_BYTES:
        raise BackupError(
            f"{name}: {MANIFEST} is {info.file_size} bytes; at most {MANIFEST_MAX_BYTES} are accepted."
        )
    data = b"".join(iter_member(archive, info, name, limits))
    try:
        manifest = json.loads(data)
    except ValueError as error:
        raise BackupError(f"{name}: {MANIFEST} is not valid JSON ({error}).") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f'{name} is not a dxtalent backup ("format" is not "{FORMAT}").')
    version = manifest.get("format_version")
    if version != FORMAT_VERSION:
        raise BackupError(
            f"{name} is a backup of format version {version!r}; this dxtalent "
            f"({dxtalent.__version__}) restores format version {FORMAT_VERSION} only."
        )
    tables = manifest.get("tables")
    if not isinstance(tables, list) or not all(
        isinstance(t, dict)
        and isinstance(t.get("table"), str)
        and isinstance(t.get("member"), str)
        and isinstance(t.get("columns"), list)
        and isinstance(t.get("rows"), int)
        and isinstance(t.get("sha256"), str)
        for t in tables
    ):
        raise BackupError(f'{name}: {MANIFEST} has no valid "tables" list.')
    return manifest


def _check_compatible(manifest: dict[str, Any], name: str) -> dict[str, type[models.Model]]:
    ours = applied_migrations()
    theirs = manifest.get("migrations")
    if not isinstance(theirs, list) or sorted(map(str, theirs)) != ours:
        theirs_set = set(map(str, theirs)) if isinstance(theirs, list) else set()
        missing = sorted(theirs_set - set(ours))
        extra = sorted(set(ours) - theirs_set)
        raise BackupError(
            f"{name} was made at another migration state (dxtalent "
            f"{manifest.get('app_version')}) than this database (dxtalent {dxtalent.__version__}): "
            f"not applied here: {', '.join(missing[:5]) or 'none'}; applied here only: "
            f"{', '.join(extra[:5]) or 'none'}. Restore with the dxtalent version that made the "
            "backup, into a database migrated by it, then upgrade (dxtalent migrate)."
        )
    model_of = {model._meta.db_table: model for model in backed_up_models()}
    tables = {entry["table"] for entry in manifest["tables"]}
    if tables != set(model_of):
        raise BackupError(
            f"{name} holds the tables {', '.join(sorted(tables - set(model_of))) or '-'} that "
            f"this database does not have, and lacks {', '.join(sorted(set(model_of) - tables)) or '-'}."
        )
    for entry in manifest["tables"]:
        columns = [field.attname for field in _columns(model_of[entry["table"]])]
        if entry["columns"] != columns:
            raise BackupError(
                f"{name}: table {entry['table']} has the columns {entry['columns']}; this "
                f"database has {columns}."
            )
    return model_of


def _check_empty(model_of: dict[str, type[models.Model]]) -> None:
    for table, model in model_of.items():
        if model._meta.label_lower in SEEDED_BY_MIGRATE:
            continue
        count = model._base_manager.count()
        if count:
            raise BackupError(
                f"This database is not empty (table {table} has {count} rows): a backup is "
                "restored only into a new database prepared with `dxtalent migrate`."
            )


def _clear_seeded(model_of: dict[str, type[models.Model]]) -> None:
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table, model in model_of.items():
            if model._meta.label_lower in SEEDED_BY_MIGRATE:
                cursor.execute(f"DELETE FROM {quote(table)}")  # noqa: S608 - a model's table


def _rows(
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    entry: dict[str, Any],
    name: str,
    limits: ArchiveLimits,
) -> Iterator[list[Any]]:
    """The member's rows, checked against the manifest's digest and count at its end."""
    digest, count, pending = hashlib.sha256(), 0, bytearray()
    for chunk in iter_member(archive, info, name, limits):
        digest.update(chunk)
        pending.extend(chunk)
        lines: list[bytes] = []
        if b"\n" in chunk:
            *lines, rest = bytes(pending).split(b"\n")
            pending = bytearray(rest)
        if len(pending) > MAX_LINE_BYTES:
            raise BackupError(
                f"{name}: {info.filename} has a line over {MAX_LINE_BYTES} bytes "
                f"(row {count + len(lines) + 1}); refused."
            )
        for line in lines:
            count += 1
            try:
                values = json.loads(line)
            except ValueError:
                raise BackupError(
                    f"{name}: {info.filename}, row {count} is not a JSON array."
                ) from None
            if not isinstance(values, list) or len(values) != len(entry["columns"]):
                raise BackupError(
                    f"{name}: {info.filename}, row {count} does not have "
                    f"{len(entry['columns'])} values."
                )
            yield values
    if pending:
        raise BackupError(f"{name}: {info.filename} ends inside a row (truncated?).")
    if count != entry["rows"] or digest.hexdigest() != entry["sha256"]:
        raise BackupError(
            f"{name}: {info.filename} does not match its manifest ({count} rows, checksum "
            f"{digest.hexdigest()[:12]}…; the manifest says {entry['rows']} rows, checksum "
            f"{entry['sha256'][:12]}…): the archive was altered or damaged; nothing was restored."
        )


def _load(
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    entry: dict[str, Any],
    model: type[models.Model],
    name: str,
    limits: ArchiveLimits,
) -> None:
    fields = _columns(model)
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 - a model's table and columns
        quote(model._meta.db_table),
        ", ".join(quote(str(field.column)) for field in fields),
        ", ".join(["%s"] * len(fields)),
    )
    batch: list[list[Any]] = []
    with connection.cursor() as cursor:
        for row, values in enumerate(_rows(archive, info, entry, name, limits), start=1):
            try:
                batch.append(
                    [_decode(field, value) for field, value in zip(fields, values, strict=True)]
                )
            except Exception as error:  # a value the column cannot hold
                raise BackupError(
                    f"{name}: {info.filename}, row {row}: {error}; nothing was restored."
                ) from None
            if len(batch) >= BATCH_ROWS:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)


def _decode(field: models.Field[Any, Any], value: Any) -> Any:
    if value is None:
        return None
    if not isinstance(field, models.JSONField):
        value = field.to_python(value)
    return field.get_db_prep_save(value, connection)


def _reset_sequences(restored: list[type[models.Model]]) -> None:
    statements = connection.ops.sequence_reset_sql(no_style(), restored)
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _check_restored(manifest: dict[str, Any], name: str) -> None:
    now = table_digests()
    for entry in manifest["tables"]:
        found = now[entry["table"]]
        if (found.rows, found.sha256) != (entry["rows"], entry["sha256"]):
            raise BackupError(
                f"{name}: table {entry['table']} reads back differently after the restore "
                f"({found.rows} rows against {entry['rows']}): nothing was restored."
            )


__all__ = ["ArchiveRefused", "BackupError", "backup", "restore", "table_digests"]
