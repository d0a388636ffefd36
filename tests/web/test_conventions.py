"""Project conventions: migrations, translations, documented commands."""

from __future__ import annotations

import io
import re
from pathlib import Path

import polib
import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "src" / "dxtalent" / "web" / "locale" / "ja" / "LC_MESSAGES" / "django.po"


@pytest.mark.django_db
def test_models_and_migrations_agree():
    out = io.StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def test_no_japanese_translation_is_empty_or_fuzzy():
    catalogue = polib.pofile(str(CATALOGUE))
    assert len(catalogue) > 100
    empty = [entry.msgid for entry in catalogue if not entry.obsolete and not entry.translated()]
    assert empty == []


def test_a_japanese_label_ends_with_a_full_width_colon():
    """ "理由：" as Japanese writes a label before what follows, not "理由:" or "理由: …", at
    the end of a message or within it ("{year}：…", "（出典：…）"). A colon in a setting
    written out for the reader ("location.disadvantaged_area: true") or in a format field
    ("{found:,}") is not a label's."""
    ascii_colon = re.compile(r"(?:[\u3040-\u30ff\u4e00-\u9fff）」』]\d*|\}|%\(\w+\)s):(?: |$)")
    japanese = re.compile(r"[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]")
    found = [
        text
        for e in polib.pofile(str(CATALOGUE))
        if not e.obsolete
        for text in [e.msgstr, *e.msgstr_plural.values()]
        if japanese.search(text) and ascii_colon.search(text)
    ]
    assert not found, found


def test_every_translatable_string_in_templates_is_in_the_catalogue():
    catalogue = {entry.msgid for entry in polib.pofile(str(CATALOGUE))}
    missing = []
    pattern = re.compile(r'{%\s*translate\s+"([^"]+)"|{%\s*translate\s+\'([^\']+)\'')
    for template in (ROOT / "src" / "dxtalent" / "web" / "templates").rglob("*.html"):
        for match in pattern.finditer(template.read_text(encoding="utf-8")):
            # Django looks a template's text up with each "%" doubled ("95%% interval"), so
            # that a "%" in it is not read as a format: the catalogue needs that form.
            text = (match.group(1) or match.group(2)).replace("%", "%%")
            if text not in catalogue:
                missing.append(f"{template.name}: {text}")
    assert missing == []


def test_the_compiled_catalogue_is_current():
    compiled = CATALOGUE.with_suffix(".mo")
    assert compiled.exists()
    fresh = {
        (e.msgctxt, e.msgid): e.msgstr
        for e in polib.pofile(str(CATALOGUE))
        if e.translated() and not e.msgid_plural
    }
    shipped = {
        (e.msgctxt, e.msgid): e.msgstr for e in polib.mofile(str(compiled)) if not e.msgid_plural
    }
    assert {k: v for k, v in fresh.items() if shipped.get(k) != v} == {}


def _cli_commands() -> set[str]:
    """Every command a user can run, groups walked down: "migrate", "plan solve", ..."""
    from typer.main import get_command

    from dxtalent.cli import app

    def walk(command: object, prefix: str) -> set[str]:
        subcommands = getattr(command, "commands", None)  # a group has them, a command not
        if subcommands is None:
            return {prefix}
        return {
            path
            for name, sub in subcommands.items()
            for path in walk(sub, f"{prefix} {name}".strip())
        }

    return walk(get_command(app), "")


def _readme_commands() -> set[str]:
    """The commands README.md's command table names: each row's `dxtalent GROUP COMMAND ...` or
    `dxtalent COMMAND ...`; `import staff|candidates|assessments` names three."""
    groups = {path.split()[0] for path in _cli_commands() if " " in path}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    named = set()
    for match in re.finditer(r"^\| `dxtalent ([a-z]+)(?: ([a-z|\\-]+))?", readme, re.MULTILINE):
        first, second = match.group(1), match.group(2)
        if first not in groups or not second:
            named.add(first)
            continue
        named |= {f"{first} {name}" for name in second.replace("\\", "").split("|") if name}
    return named


def test_every_cli_command_and_subcommand_is_in_the_readme_command_table():
    commands = _cli_commands()
    assert {"migrate", "diagnose", "plan solve", "survey audit", "import staff"} <= commands
    assert sorted(commands - _readme_commands()) == []


def test_the_readme_command_table_names_no_command_that_does_not_exist():
    assert sorted(_readme_commands() - _cli_commands()) == []


def test_the_readme_gives_the_two_commands_first():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```sh", 1)[1].split("```", 1)[0]
    assert [line.split()[0:2] for line in first_block.strip().splitlines()] == [
        ["make", "demo"],
        ["make", "test"],
    ]


def test_every_tabular_and_record_rule_message_has_a_japanese_translation():
    from dxtalent.core.records import TEMPLATES as RECORDS
    from dxtalent.core.tabular.messages import TEMPLATES as TABULAR

    translated = {e.msgid for e in polib.pofile(str(CATALOGUE)) if e.msgstr and not e.obsolete}
    assert len(RECORDS) > 10
    assert sorted((set(TABULAR) | set(RECORDS)) - translated) == []


def _core_marked_messages() -> dict[tuple[str | None, str], str]:
    """Every message core marks with a literal (`_`, `gettext`, `gettext_noop`, `ngettext`'s
    singular and plural, `pgettext`'s context and message) → where: "path:line"."""
    import ast

    marking = {"_", "gettext", "gettext_noop", "ngettext", "pgettext"}
    found: dict[tuple[str | None, str], str] = {}
    core = ROOT / "src" / "dxtalent" / "core"
    for path in sorted(core.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in marking
            ):
                continue
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            if node.func.id == "pgettext":
                context, message = node.args[:2]
                if isinstance(context, ast.Constant) and isinstance(message, ast.Constant):
                    found.setdefault((context.value, message.value), where)
                continue
            texts = node.args[:2] if node.func.id == "ngettext" else node.args[:1]
            for arg in texts:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found.setdefault((None, arg.value), where)
    return found


def test_every_message_core_marks_has_a_japanese_translation():
    """A message core marks where it is written (findings, notes, reasons) reads in Japanese
    on a Japanese page only if the catalogue has it: `make messages` adds it, a translator
    fills it in."""
    catalogue = polib.pofile(str(CATALOGUE))
    translated = {(e.msgctxt, e.msgid) for e in catalogue if e.translated() and not e.obsolete}
    translated |= {
        (e.msgctxt, e.msgid_plural) for e in catalogue if e.msgid_plural and e.translated()
    }
    marked = _core_marked_messages()
    assert len(marked) > 150
    assert (
        sorted(
            f"{where}: {msgid}" + (f" (context {context})" if context else "")
            for (context, msgid), where in marked.items()
            if (context, msgid) not in translated
        )
        == []
    )


def test_core_marks_its_messages_with_core_i18n_not_a_mirror_in_the_web():
    """One translation path: core's messages are marked where they are written
    (dxtalent.core.i18n) and `make messages` reads core as well as web."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    target = makefile.split("\nmessages:", 1)[1].split("\n\n", 1)[0]
    assert "cd src/dxtalent " in target or "cd src/dxtalent &&" in target
    assert not (ROOT / "src" / "dxtalent" / "web" / "tabular_messages.py").exists()


def test_templates_ask_the_membership_what_it_may_do_not_compare_role_numbers():
    import re
    from pathlib import Path

    import dxtalent

    templates = Path(dxtalent.__file__).parent / "web" / "templates"
    found = [
        f"{path.relative_to(templates)}: {match.group(0)}"
        for path in templates.rglob("*.html")
        for match in re.finditer(r"role\s*(>=|<=|==|>|<)\s*\d+", path.read_text(encoding="utf-8"))
    ]
    assert not found, "use current_membership.can_edit / can_admin: " + "; ".join(found)


def test_a_label_before_inline_text_ends_with_the_colon_tag_not_a_space():
    """ "{% translate "Next" context "label" %}{% colon %}" reads 次の一手：上田… in Japanese and
    "Next: Ueda…" in English; a label translated with its colon and followed by a space in the
    template ("{% translate "Next:" %} …") reads 次の一手： 上田…, a space after "："."""
    pattern = re.compile(r'\{% translate "[^"]*:" %\}(?:</(?:strong|span|b|em)>)? (?=\S)')
    templates = ROOT / "src" / "dxtalent" / "web" / "templates"
    found = [
        f"{path.relative_to(templates)}: {match.group(0)}"
        for path in templates.rglob("*.html")
        for match in pattern.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == []
