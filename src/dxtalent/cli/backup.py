"""Backing up and restoring all the app's data (registered on the top-level `dxtalent`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dxtalent.cli.common import console, errors, require_file, setup_django


def backup(
    file: Annotated[
        Path, typer.Argument(help="The archive to write (e.g. dxtalent-2025-04-01.zip).")
    ],
) -> None:
    """Write all the app's data to FILE: a zip of JSON lines with a manifest (format and app
    version, migration state, each table's row count and checksum), read from one consistent
    snapshot while the app runs."""
    setup_django()
    from dxtalent.web.backup import backup as write_backup

    with console.status("Backing up"):
        manifest = write_backup(file)
    rows = sum(table["rows"] for table in manifest["tables"])
    console.print(
        f"Backed up {rows} rows of {len(manifest['tables'])} tables to {file} "
        f"(format {manifest['format_version']}, dxtalent {manifest['app_version']})."
    )


def restore(
    file: Annotated[Path, typer.Argument(help="An archive written by `dxtalent backup`.")],
) -> None:
    """Restore FILE into this database, which must be new: created with `dxtalent migrate` by
    the same dxtalent version, SQLite or PostgreSQL (DATABASE_URL). All or nothing: each table's
    rows and checksum are checked against the manifest before the restore is committed."""
    setup_django()
    from dxtalent.core.tabular.archives import ArchiveRefused
    from dxtalent.web.backup import BackupError
    from dxtalent.web.backup import restore as read_backup

    require_file(file)
    try:
        with console.status("Restoring"):
            manifest = read_backup(file)
    except (BackupError, ArchiveRefused) as error:
        errors.print(f"[red]Not restored:[/red] {error}")
        raise typer.Exit(2) from None
    rows = sum(table["rows"] for table in manifest["tables"])
    console.print(
        f"Restored {rows} rows of {len(manifest['tables'])} tables from {file} "
        f"(made {manifest['created_at']} by dxtalent {manifest['app_version']}); "
        "checksums match."
    )
