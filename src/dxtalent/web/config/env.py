"""Reading settings from environment variables, failing loudly on a bad value.

Every variable read here is documented in README.md (a test checks it).
"""

from __future__ import annotations

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off", ""})


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(
        f'{name}="{raw}" is not a yes/no value; use one of 1, true, yes, on, 0, false, no, off'
    )


def env_int(name: str, default: int, minimum: int = 0) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise ImproperlyConfigured(f'{name}="{raw}" is not a whole number') from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name}={value} is below the minimum of {minimum}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    value = env_str(name, default)
    if value not in choices:
        raise ImproperlyConfigured(
            f'{name}="{value}" is not accepted; use one of {", ".join(choices)}'
        )
    return value


def default_data_dir() -> Path:
    """Where the embedded database lives when neither DATABASE_URL nor DXTALENT_DATA_DIR is set:
    $XDG_DATA_HOME/dxtalent, else ~/.local/share/dxtalent."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "dxtalent"


def data_dir() -> Path:
    raw = env_str("DXTALENT_DATA_DIR")
    path = Path(raw).expanduser() if raw else default_data_dir()
    if path.exists() and not path.is_dir():
        raise ImproperlyConfigured(f'DXTALENT_DATA_DIR="{raw}" exists but is not a folder')
    return path.resolve()
