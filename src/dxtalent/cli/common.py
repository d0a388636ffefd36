"""What every command group shares: the two consoles, Django set-up and the look-ups that end
the command with exit code 2 and a message naming the value when they fail."""

from __future__ import annotations

import inspect
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.cells import cell_len
from rich.console import Console
from typer.core import TyperArgument, TyperGroup

if TYPE_CHECKING:  # Django is set up by setup_django() before the models are imported
    from dxtalent.web.organisations.models import Organisation

console = Console()
errors = Console(stderr=True)

# What --help shows after an option whose definition names no metavar, by the type Typer
# would otherwise print ("<str>", "<int range>"…): click's plain words.
METAVARS = {
    "<str>": "TEXT",
    "<int>": "INTEGER",
    "<int range>": "INTEGER",
    "<float>": "NUMBER",
    "<float range>": "NUMBER",
    "<path>": "PATH",
}


def readable_help(command: Any) -> None:
    """Make `command`'s --help, and its subcommands', read as words: a flag shows no type
    (Typer prints "<bool>" after --json and --help), a value its metavar (CODE, FILE…, else
    TEXT, INTEGER, PATH), an argument its name in capitals."""
    if command.help:
        # A docstring's line breaks are where the source wrapped, not where the reader's
        # terminal does: paragraphs are joined into lines, blank lines kept between them.
        paragraphs = inspect.cleandoc(command.help).split("\n\n")
        command.help = "\n\n".join(" ".join(p.split()) for p in paragraphs)
    context = command.context_class(command)
    for param in [*command.params, command.get_help_option(context)]:
        if isinstance(param, TyperArgument):
            param.metavar = param.metavar or (param.name or "value").upper()
            param.__class__ = _NamedArgument
        elif param is None or param.metavar is not None:
            continue
        elif getattr(param, "is_flag", False):
            param.metavar = ""
        elif hasattr(param, "display_type_rich"):  # Typer ≥ 0.2x prints types as "<str>"
            shown = str(param.display_type_rich(context))
            param.metavar = METAVARS.get(shown, shown.strip("<>").upper())
    for subcommand in getattr(command, "commands", {}).values():
        readable_help(subcommand)


class _NamedArgument(TyperArgument):
    """An argument shown by its name alone: "SCENARIO", not "SCENARIO <path>" in the list and
    "{scenario}" in the usage line (Typer's own rendering)."""

    def display_type_rich(self, ctx: Any) -> str | None:
        return None

    def _usage_display_name(self) -> str:
        name = self.display_name_raw if self.required else f"[{self.display_name_raw}]"
        return name if self.nargs == 1 else f"{name}..."


class ReadableHelpGroup(TyperGroup):
    """The root command (`dxtalent`): built by Typer, then made readable (readable_help)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        readable_help(self)


# Japanese line breaking (禁則処理, simplified): no line starts with closing punctuation and
# none ends with an opening bracket.
_NO_LINE_START = set(
    "、。，．）」』】〕〉》］｝・：；！？ー）ぁぃぅぇぉっゃゅょァィゥェォッャュョ:;,.)]!?"
)
_NO_LINE_END = set("（「『【〔〈《［｛“‘")


def wrap_text(text: str, width: int, indent: str = "", keep: Iterable[str] = ()) -> list[str]:
    """`text` in lines of at most `width` terminal cells, the lines after the first starting
    with `indent`. Japanese may break between any two characters, as in print, but never
    inside a word of Latin letters or digits, nor inside a name in `keep` ("中島 恵" stays on one
    line, where a terminal or rich would break it at its space). A token wider than a line
    is broken by characters."""
    names = sorted({name for name in keep if name}, key=len, reverse=True)
    pattern = "|".join([*(re.escape(name) for name in names), r"[!-~]+(?:→[!-~]+)*", r"\s+", r"."])
    tokens: list[str] = []
    for match in re.finditer(pattern, text, flags=re.DOTALL):
        token = match.group()
        glued = tokens and (token[0] in _NO_LINE_START or tokens[-1][-1] in _NO_LINE_END)
        if glued and not token.isspace() and not tokens[-1].isspace():
            tokens[-1] += token
            continue
        tokens.append(token)
    lines: list[str] = []
    line = ""
    for token in tokens:
        if token.isspace():
            line += " " if line else ""
            continue
        room = width - cell_len(indent if lines else "")
        if line.strip() and cell_len(line.rstrip()) + cell_len(token) > room:
            lines.append(line.rstrip())
            line, room = "", width - cell_len(indent)
        while cell_len(token) > room:
            cut = max(1, *(i for i in range(len(token)) if cell_len(token[:i]) <= room))
            lines.append(token[:cut])
            token, room = token[cut:], width - cell_len(indent)
        line += token
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return [lines[0], *(indent + rest for rest in lines[1:])]


def print_wrapped(
    text: str, indent: str = "", keep: Iterable[str] = (), style: str | None = None
) -> None:
    """Print `text` wrapped by wrap_text to the console's width (no markup, no highlighting):
    rich's own wrapping breaks Japanese names at their space. Leading spaces are kept."""
    body = text.lstrip(" ")
    lead = text[: len(text) - len(body)]
    for number, line in enumerate(wrap_text(body, console.width - len(lead), indent, keep)):
        console.print(
            (lead if number == 0 else "") + line,
            markup=False,
            highlight=False,
            soft_wrap=True,
            style=style,
        )


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


def _checked_language(value: str) -> str:
    from dxtalent.core.i18n import UnknownLanguageError, check_language

    try:
        return check_language(value)
    except UnknownLanguageError as error:
        raise typer.BadParameter(str(error)) from None


def language_option(of: str = "the output") -> Any:
    """The option every command that speaks a language takes: `--lang` or `--language`, ja or
    en (core.i18n.LANGUAGES), any other value a usage error (exit 2) naming it and the accepted
    ones. `of`: what the language is of, for --help."""
    return typer.Option(
        "--lang",
        "--language",
        metavar="ja|en",
        callback=_checked_language,
        help=f"The language of {of}: ja or en.",
    )


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
