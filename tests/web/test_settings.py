"""Settings come from the environment; bad values stop the app naming the variable."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = ROOT / "src" / "dxtalent" / "web" / "config" / "settings.py"
PRODUCTION = {
    "DXTALENT_DEBUG": "0",
    "DXTALENT_SECRET_KEY": "k" * 20 + "-production-secret-for-tests-only-" + "x" * 20,
    "DXTALENT_ALLOWED_HOSTS": "dxtalent.example.lg.jp",
}


# Variables of the caller (the suite may run on PostgreSQL, browser tests allow async-unsafe ORM
# calls) that must not reach a subprocess checking dxtalent's own settings.
OUTSIDE_SETTINGS = ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")


def _django(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("DXTALENT_") and k not in OUTSIDE_SETTINGS
    }
    clean["DXTALENT_DATA_DIR"] = env.pop("DXTALENT_DATA_DIR", os.environ["DXTALENT_DATA_DIR"])
    clean["DJANGO_SETTINGS_MODULE"] = "dxtalent.web.config.settings"
    command = (
        [sys.executable, str(ROOT / "manage.py"), *args]
        if args
        else [sys.executable, "-c", "import django; django.setup()"]
    )
    return subprocess.run(
        command, env={**clean, **env}, capture_output=True, text=True, timeout=120
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _django({"DXTALENT_DEBUG": "0"})
    assert result.returncode != 0
    assert "DXTALENT_SECRET_KEY is not set" in result.stderr


def test_production_is_the_default_when_debug_is_unset():
    result = _django({})
    assert "DXTALENT_SECRET_KEY is not set" in result.stderr


def test_a_short_production_secret_key_is_refused():
    result = _django({"DXTALENT_DEBUG": "0", "DXTALENT_SECRET_KEY": "short"})
    assert "DXTALENT_SECRET_KEY is too short" in result.stderr


@pytest.mark.parametrize(
    ("variable", "value", "says"),
    [
        ("DXTALENT_DEBUG", "maybe", 'DXTALENT_DEBUG="maybe" is not a yes/no value'),
        (
            "DXTALENT_LOGIN_FAILURE_LIMIT",
            "five",
            'DXTALENT_LOGIN_FAILURE_LIMIT="five" is not a whole number',
        ),
        (
            "DXTALENT_LOG_LEVEL",
            "LOUD",
            'DXTALENT_LOG_LEVEL="LOUD" is not accepted; use one of DEBUG',
        ),
        ("DATABASE_URL", "mysql://root@localhost/x", "DATABASE_URL uses"),
        ("DXTALENT_BEHIND_PROXY", "yes", 'DXTALENT_BEHIND_PROXY="yes" is not a whole number'),
        ("DXTALENT_BEHIND_PROXY", "-1", "DXTALENT_BEHIND_PROXY=-1 is below the minimum of 0"),
    ],
)
def test_a_bad_value_names_the_variable_the_value_and_what_is_accepted(variable, value, says):
    result = _django({"DXTALENT_DEBUG": "1", variable: value})
    assert result.returncode != 0
    assert says in result.stderr


def test_a_postgresql_url_without_psycopg_names_the_postgres_extra():
    # psycopg (and psycopg2) made unimportable, as in an install without the `postgres` extra.
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("DXTALENT_") and k not in OUTSIDE_SETTINGS
    }
    env.update(
        DXTALENT_DEBUG="1",
        DXTALENT_DATA_DIR=os.environ["DXTALENT_DATA_DIR"],
        DATABASE_URL="postgres://dxtalent:pw-s3cr3t@db.example.lg.jp:5432/dxtalent",
        DJANGO_SETTINGS_MODULE="dxtalent.web.config.settings",
    )
    code = (
        "import sys; sys.modules['psycopg'] = None; sys.modules['psycopg2'] = None; "
        "import django; django.setup()"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "psycopg (the PostgreSQL driver) is not installed" in result.stderr
    assert 'pip install "dxtalent[postgres]"' in result.stderr
    assert "pw-s3cr3t" not in result.stderr


def test_the_deployment_check_is_clean_in_production_mode():
    result = _django(dict(PRODUCTION), "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_development_defaults_do_not_leak_into_production(tmp_path):
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DEBUG, s.ALLOWED_HOSTS, s.SESSION_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS)"
    )
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("DXTALENT_") and k not in OUTSIDE_SETTINGS
    }
    env.update(
        PRODUCTION,
        DXTALENT_DATA_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="dxtalent.web.config.settings",
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == ["False", "['dxtalent.example.lg.jp']", "True", "True", "31536000"]
    assert not (tmp_path / "development-secret-key").exists()


def test_every_setting_read_from_the_environment_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    source = SETTINGS.read_text(encoding="utf-8") + (SETTINGS.parent / "env.py").read_text(
        encoding="utf-8"
    )
    names = set(re.findall(r'"((?:DXTALENT_|DATABASE_URL)[A-Z_]*)"', source))
    assert {
        "DXTALENT_SECRET_KEY",
        "DXTALENT_DEBUG",
        "DATABASE_URL",
        "DXTALENT_ALLOWED_HOSTS",
        "DXTALENT_DATA_DIR",
    } <= names
    undocumented = sorted(n for n in names if f"`{n}`" not in readme)
    assert undocumented == []


def test_local_mode_serves_production_pages_on_this_machine_only(tmp_path):
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "from django.test import Client; "
        "page = Client().get('/no-such-page/', HTTP_HOST='127.0.0.1'); "
        "print(s.DEBUG, s.ALLOWED_HOSTS, s.SESSION_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, "
        "page.status_code, 'technical' if b'Using the URLconf' in page.content else 'plain')"
    )
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("DXTALENT_") and k not in OUTSIDE_SETTINGS
    }
    env.update(
        DXTALENT_LOCAL="1",
        DXTALENT_DATA_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="dxtalent.web.config.settings",
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == [
        "False",
        "['localhost',",
        "'127.0.0.1',",
        "'[::1]']",
        "False",
        "False",
        "404",
        "plain",
    ]
    assert (tmp_path / "development-secret-key").exists()
