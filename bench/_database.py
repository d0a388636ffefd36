"""Each database bench runs on databases of its own, never on the developer's.

`isolated()` is called by a bench script before Django is set up. In the first process it
runs the script again once per database: a temporary SQLite file, and, when DATABASE_URL is
set, a temporary PostgreSQL database created on that server (named dxtalent_bench_<pid>)
and dropped afterwards, each with a temporary data folder (DXTALENT_DATA_DIR) removed
afterwards; it then exits with the worst exit status. In those child processes it returns,
and the script runs against its own database. var/ and DATABASE_URL's own database are never
opened, so a bench can run repeatedly and in parallel with the app.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from urllib.parse import urlsplit, urlunsplit

CHILD = "DXTALENT_BENCH_DATABASE"


@contextlib.contextmanager
def _postgresql(server_url: str) -> Iterator[str]:
    """A fresh database on the server of `server_url`, dropped on exit; yields its URL."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(server_url)
    name = f"dxtalent_bench_{os.getpid()}"
    admin = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def _run(label: str, url: str | None, data_dir: str) -> int:
    env = dict(os.environ)
    env.update(
        {
            CHILD: label,
            "DXTALENT_DATA_DIR": data_dir,
            "DXTALENT_DEBUG": "1",
            "DJANGO_SETTINGS_MODULE": "dxtalent.web.config.settings",
            "DXTALENT_LOG_LEVEL": "WARNING",
            "DXTALENT_ALLOWED_HOSTS": "testserver,localhost",
        }
    )
    if url is None:
        env.pop("DATABASE_URL", None)  # settings: SQLite in the temporary data folder
    else:
        env["DATABASE_URL"] = url
    print(f"-- {label}", flush=True)
    # The same interpreter and script, again: nothing from outside the bench.
    return subprocess.run([sys.executable, *sys.argv], env=env, check=False).returncode  # noqa: S603


def isolated() -> str:
    """In a bench's child process: the database's label ("SQLite" or "PostgreSQL"). In the
    first process: run the bench on each temporary database and exit."""
    label = os.environ.get(CHILD)
    if label:
        return label
    codes = []
    server = os.environ.get("DATABASE_URL", "")
    with tempfile.TemporaryDirectory(prefix="dxtalent-bench-") as data_dir:
        codes.append(_run("SQLite (temporary file)", None, data_dir))
    if server.startswith(("postgres://", "postgresql://")):
        with (
            tempfile.TemporaryDirectory(prefix="dxtalent-bench-") as data_dir,
            _postgresql(server) as url,
        ):
            codes.append(_run("PostgreSQL (temporary database)", url, data_dir))
    sys.exit(max(codes))
