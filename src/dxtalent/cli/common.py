"""What every command group shares: the two consoles, Django set-up and the look-ups that end
the command with exit code 2 and a message naming the value when they fail."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console

if TYPE_CHECKING:  # Django is set up by setup_django() before the models are imported
    from dxtalent.web.organisations.models import Organisation

console = Console()
errors = Console(stderr=True)


def setup_django(local_default: bool = False, signs: bool = False) -> None:
    """Configure Django from the environment; `local_default` only applies when neither
    DXTALENT_DEBUG nor DXTALENT_LOCAL is set (the demo runs in local mode: production pages on
    this machine only; everything else in production mode).

    signs: the command serves pages or sends mail, whose links are signed with
    DXTALENT_SECRET_KEY (serve, worker), so production mode needs the key. The other commands
    sign nothing that outlives them and run on a fresh checkout without it."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dxtalent.web.config.settings")
    if local_default and "DXTALENT_DEBUG" not in os.environ:
        os.environ.setdefault("DXTALENT_LOCAL", "1")
    if not signs:
        os.environ.setdefault("DXTALENT_SIGNS_NOTHING", "1")
    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
    except ImproperlyConfigured as error:
        errors.print(f"[red]Configuration error:[/red] {error}")
        raise typer.Exit(2) from None
    from django.utils import translation

    # Messages from core and the web (e.g. an import's row errors) follow the user's locale.
    translation.activate(user_language())


def user_language() -> str:
    """ "ja" when the locale (LC_ALL, else LC_MESSAGES, else LANG, as POSIX orders them) is
    Japanese, e.g. ja_JP.UTF-8; "en" otherwise (also when none is set)."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return "ja" if value.lower().startswith("ja") else "en"
    return "en"


def find_organisation(code: str) -> Organisation:
    """The organisation with this code; exit 2 naming the code and the accepted form when none."""
    from dxtalent.web.organisations.models import Organisation

    organisation = Organisation.objects.filter(code=code).first()
    if organisation is None:
        errors.print(
            f'[red]No organisation with code "{code}".[/red] Codes look like "342122" or "DEMO-CITY-A".'
        )
        raise typer.Exit(2)
    return organisation


def require_file(path: Path) -> None:
    """Exit 2 saying so when `path` is not an existing file."""
    if not path.is_file():
        errors.print(f"[red]{path} is not a file.[/red]")
        raise typer.Exit(2)


def read_file(path: Path, kind: str) -> bytes:
    """The bytes of `path`; exit 2 saying so when it is not a file, or when it is over the
    limit of `kind` (dxtalent.core.uploads.UPLOAD_LIMITS), checked before reading."""
    from dxtalent.core.uploads import UploadTooLarge, check_upload_size

    require_file(path)
    try:
        check_upload_size(kind, path.stat().st_size, path.name)
    except UploadTooLarge as error:
        errors.print(f"[red]{error}[/red]")
        raise typer.Exit(2) from None
    return path.read_bytes()
