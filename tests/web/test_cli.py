"""The dxtalent command, run as a user runs it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import dxtalent

BIN = Path(sys.executable).parent / "dxtalent"
ROOT = Path(__file__).resolve().parents[2]


def _env(data_dir: Path, **extra: str) -> dict[str, str]:
    """The caller's environment without dxtalent's settings: each CLI test gets its own SQLite
    database in a fresh folder, whatever database the suite itself runs on."""
    env = {
        k: v for k, v in os.environ.items() if not k.startswith("DXTALENT_") and k != "DATABASE_URL"
    }
    env.update({"DXTALENT_DATA_DIR": str(data_dir), "COLUMNS": "200", **extra})
    return env


def _run(*args: str, data_dir: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN), *args], env=_env(data_dir, **extra), capture_output=True, text=True, timeout=300
    )


def test_version_prints_the_package_version(tmp_path):
    result = _run("--version", data_dir=tmp_path)
    assert result.returncode == 0
    assert result.stdout.strip() == f"dxtalent {dxtalent.__version__}"


def test_demo_without_serving_prepares_the_database_and_prints_working_logins(tmp_path):
    first = _run("demo", "--no-serve", data_dir=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "DEMO-CITY-A" in first.stdout and "DEMO-CITY-B" in first.stdout
    assert "Local governments: 1788" in first.stdout
    assert (tmp_path / "dxtalent.sqlite3").exists()
    logins = dict(re.findall(r"│ (demo-[a-z]+)\s+│ (\S+)\s+│", first.stdout))
    assert set(logins) == {"demo-admin", "demo-editor", "demo-viewer", "demo-other", "demo-pref"}
    assert "DEMO-PREF" in first.stdout

    # The printed passwords work, and a second run replaces them.
    check = (
        "import django; django.setup(); from django.contrib.auth import authenticate; "
        f"print(all(authenticate(username=u, password=p) for u, p in {logins!r}.items()))"
    )
    env = _env(tmp_path, DXTALENT_DEBUG="1", DJANGO_SETTINGS_MODULE="dxtalent.web.config.settings")
    assert (
        subprocess.run(
            [sys.executable, "-c", check], env=env, capture_output=True, text=True
        ).stdout.strip()
        == "True"
    )
    second = _run("demo", "--no-serve", data_dir=tmp_path)
    assert dict(re.findall(r"│ (demo-[a-z]+)\s+│ (\S+)\s+│", second.stdout)) != logins


def test_serving_in_production_mode_without_a_secret_key_exits_2_naming_it(tmp_path):
    # migrate signs nothing: it runs on a fresh checkout; serving pages needs the key.
    assert _run("migrate", data_dir=tmp_path).returncode == 0
    result = _run("serve", "--port", "0", data_dir=tmp_path)
    assert result.returncode == 2
    assert "DXTALENT_SECRET_KEY" in result.stderr


def test_createadmin_refuses_a_weak_password_and_creates_nothing(tmp_path):
    assert _run("migrate", data_dir=tmp_path, DXTALENT_DEBUG="1").returncode == 0
    env = _env(tmp_path, DXTALENT_DEBUG="1")
    weak = subprocess.run(
        [str(BIN), "createadmin", "--username", "root", "--email", "r@example.jp"],
        input="123\n123\n",
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert weak.returncode == 2 and "Password not accepted" in weak.stderr
    strong = subprocess.run(
        [str(BIN), "createadmin", "--username", "root", "--email", "r@example.jp"],
        input="a long admin passphrase 1\na long admin passphrase 1\n",
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert strong.returncode == 0, strong.stderr


def test_export_matrix_writes_an_excel_file_of_the_demo_team(tmp_path):
    import openpyxl

    assert _run("demo", "--no-serve", data_dir=tmp_path).returncode == 0
    target = tmp_path / "matrix.xlsx"
    result = _run(
        "export",
        "matrix",
        "--org",
        "DEMO-CITY-A",
        "--framework",
        "NAKAGAWA-2025-COORDINATION",
        "-o",
        str(target),
        data_dir=tmp_path,
        DXTALENT_DEBUG="1",
    )
    assert result.returncode == 0, result.stderr
    sheet = openpyxl.load_workbook(target).worksheets[0]
    assert sheet.max_row >= 15 and sheet.cell(1, 3).value == "コミュニケーション（DX部門内）"
    unknown = _run(
        "export",
        "matrix",
        "--org",
        "DEMO-CITY-A",
        "--framework",
        "NOPE",
        data_dir=tmp_path,
        DXTALENT_DEBUG="1",
    )
    assert unknown.returncode == 2 and "NAKAGAWA-2025-COORDINATION" in unknown.stderr


def test_survey_published_prints_the_papers_tables_exactly(tmp_path):
    import json

    result = _run(
        "survey", "published", "--table", "6", "--json", "--lang", "en", data_dir=tmp_path
    )
    assert result.returncode == 0, result.stderr
    table = json.loads(result.stdout)["tables"][0]
    assert table["denominator"] == 237
    assert [(r["count"], r["percent"]) for r in table["rows"]] == [
        (68, "34.2"),
        (62, "32.1"),
        (59, "28.7"),
        (46, "26.2"),
        (44, "24.9"),
    ]
    text = _run("survey", "published", "--table", "4", data_dir=tmp_path).stdout
    assert "情報セキュリティに関する理解" in text and "35.0%" in text


def test_survey_audit_gives_every_row_with_its_verdict_and_exits_1_when_one_fails(tmp_path):
    import json

    result = _run("survey", "audit", "--json", "--lang", "en", data_dir=tmp_path)
    assert result.returncode == 1
    rows = json.loads(result.stdout)["rows"]
    assert len(rows) == 2 + 8 * 5
    assert {k for k in rows[0]} >= {"table", "row", "consistent", "reason"}
    assert [r["row"] for r in rows if not r["consistent"] and r["table"] == 6] == [1, 2, 3, 4, 5]
    good = tmp_path / "mine.csv"
    good.write_text("table,item,count,percent,denominator\n1,A,10,50.0,20\n", encoding="utf-8")
    assert _run("survey", "audit", "--csv", str(good), data_dir=tmp_path).returncode == 0
    bad = tmp_path / "bad.csv"
    bad.write_text("table,item,count,percent\n1,A,x,50.0\n", encoding="utf-8")
    refused = _run("survey", "audit", "--csv", str(bad), data_dir=tmp_path)
    assert refused.returncode == 2
    assert "denominator" in refused.stderr and 'Row 2, column "count"' in refused.stderr
    assert _run("survey", "audit", "--table", "42", data_dir=tmp_path).returncode == 2


def test_survey_tabulate_gives_the_demo_surveys_rates_and_tables(tmp_path):
    import json

    assert _run("demo", "--no-serve", data_dir=tmp_path).returncode == 0
    result = _run(
        "survey", "tabulate", "1", "--json", "--lang", "en", data_dir=tmp_path, DXTALENT_DEBUG="1"
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [(r["invited"], r["submitted"]) for r in data["response_rates"]] == [(2, 2), (2, 1)]
    assert [q["question"] for q in data["questions"]] == [f"Q{n}" for n in range(2, 10)]
    text = _run("survey", "tabulate", "1", data_dir=tmp_path, DXTALENT_DEBUG="1")
    assert text.returncode == 0 and "Q4." in text.stdout
    assert _run("survey", "tabulate", "42", data_dir=tmp_path, DXTALENT_DEBUG="1").returncode == 2


def test_survey_import_reads_an_export_and_refuses_a_broken_one(tmp_path):
    import json

    fixture = ROOT.parent / "shared" / "fixtures" / "spss" / "simple_alltypes.sav"
    if not fixture.is_file():
        import pytest

        pytest.skip(f"fixture not found at {fixture}")
    result = _run("survey", "import", str(fixture), "--json", data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["format"] == "spss" and data["respondents"] == 6
    assert {v["code"] for v in data["variables"] if v["kind"] == "multiple"} == {
        "mymrset",
        "categorical_array",
    }
    assert len(data["missing"]) == 3
    broken = tmp_path / "broken.sav"
    broken.write_bytes(b"not an spss file")
    refused = _run("survey", "import", str(broken), data_dir=tmp_path)
    assert refused.returncode == 2 and "not a readable SPSS" in refused.stderr


def test_qda_exports_the_codebook_reads_files_and_computes_agreement(tmp_path):
    import json

    from dxtalent.core.interviews.codebook import shipped_codebook
    from dxtalent.core.interviews.project import (
        Coding,
        Project,
        Selection,
        TextSource,
        User,
        project_to_qdpx,
    )

    codebook = tmp_path / "codebook.qdc"
    assert _run("qda", "export", str(codebook), "--lang", "en", data_dir=tmp_path).returncode == 0
    read = json.loads(_run("qda", "import", str(codebook), "--json", data_dir=tmp_path).stdout)
    assert read["codes"] == 15 and read["notes"] == []

    book = shipped_codebook("en")
    lead = book.codes[0].children[1].guid
    g = "{:08x}-0000-4000-8000-{:012x}".format
    project = Project(
        "p",
        book,
        users=(User(g(1, 1), "ana"), User(g(2, 2), "ben")),
        sources=(TextSource(g(3, 3), "a.txt", "x" * 1000),),
        selections=(
            Selection(g(4, 4), g(3, 3), 0, 300, (Coding(g(5, 5), lead, g(1, 1)),)),
            Selection(g(6, 6), g(3, 3), 100, 400, (Coding(g(7, 7), lead, g(2, 2)),)),
        ),
    )
    path = tmp_path / "p.qdpx"
    path.write_bytes(project_to_qdpx(project))
    result = _run(
        "qda", "agreement", str(path), "--coders", "ana", "ben", "--json", data_dir=tmp_path
    )
    assert result.returncode == 0, result.stderr
    [code, overall] = json.loads(result.stdout)["results"]
    assert code["code"] == "Leadership" and code["unit"] == "character"
    assert abs(code["kappa"] - 0.5238095238) < 1e-9 and overall["code"] is None
    wrong = _run("qda", "agreement", str(path), "--coders", "ana", "zoe", data_dir=tmp_path)
    assert wrong.returncode == 2 and "No coder zoe" in wrong.stderr
    alpha = _run(
        "qda",
        "alpha",
        str(path),
        "--coder",
        "ana",
        "--coder",
        "ben",
        "--json",
        data_dir=tmp_path,
    )
    assert alpha.returncode == 0, alpha.stderr
    [lead_alpha, every_code] = json.loads(alpha.stdout)["results"]
    # Two coders, no missing value: alpha on characters is the 2 x 2 table's alpha.
    assert abs(lead_alpha["alpha"] - code["alpha"]) < 1e-12
    assert lead_alpha["pairable_units"] == 1000 and every_code["code"] is None
    low, high = lead_alpha["interval"]
    assert low <= lead_alpha["alpha"] <= high
    alone = _run("qda", "alpha", str(path), "--coder", "ana", data_dir=tmp_path)
    assert alone.returncode == 2 and "at least two different coders" in alone.stderr


def test_qda_import_of_a_shift_jis_project_says_why_on_stderr_and_exits_2(tmp_path):
    import zipfile

    path = tmp_path / "sjis.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "project.qde",
            '<Project xmlns="urn:QDA-XML:project:1.0" name="p"><Sources>'
            '<TextSource guid="0A1B2C3D-0000-4000-8000-000000000001" name="t" plainTextPath="internal://s1.txt"/>'
            "</Sources></Project>",
        )
        archive.writestr("sources/s1.txt", "あいうえお".encode("shift_jis"))
    for command in (["import", str(path)], ["agreement", str(path), "--coders", "a", "b"]):
        result = _run("qda", *command, data_dir=tmp_path)
        assert result.returncode == 2, result.stderr
        assert "not UTF-8" in result.stderr and "Traceback" not in result.stderr


def test_qda_import_of_a_file_that_is_no_project_names_it_in_the_users_language(tmp_path):
    path = tmp_path / "transcript [draft].pdf"
    path.write_bytes(b"%PDF-1.7\n")
    english = _run("qda", "import", str(path), data_dir=tmp_path, LANG="en_GB.UTF-8", LC_ALL="")
    assert english.returncode == 2 and "Traceback" not in english.stderr
    assert '"transcript [draft].pdf" is neither a REFI-QDA project archive' in english.stderr
    japanese = _run("qda", "import", str(path), data_dir=tmp_path, LANG="ja_JP.UTF-8", LC_ALL="")
    assert japanese.returncode == 2
    said = " ".join(japanese.stderr.split())
    assert '"transcript [draft].pdf" は REFI-QDA のプロジェクト' in said
    # What it read, and what it skipped, in Japanese too.
    qde = tmp_path / "project.qde"
    qde.write_text(
        '<Project xmlns="urn:QDA-XML:project:1.0" name="p" origin="Tool 1"><Sources>'
        '<PDFSource guid="0A1B2C3D-0000-4000-8000-000000000009" name="scan [1].pdf"/>'
        "</Sources></Project>",
        encoding="utf-8",
    )
    read = _run("qda", "import", str(qde), data_dir=tmp_path, LANG="ja_JP.UTF-8", LC_ALL="")
    assert read.returncode == 0, read.stderr
    shown = " ".join(read.stdout.split())
    assert "project.qde（Tool 1）：コード 0（最上位 0、0 階層）" in shown
    assert "読み込みで除いたもの・直したもの：" in shown
    assert "PDFSource「scan [1].pdf」は読み込みませんでした" in shown


def test_qda_export_writes_the_demo_interview_project_as_qdpx(tmp_path):
    from dxtalent.core.interviews.project import project_from_qdpx

    assert _run("demo", "--no-serve", data_dir=tmp_path).returncode == 0
    out = tmp_path / "demo.qdpx"
    result = _run(
        "qda", "export", str(out), "--project", "1", data_dir=tmp_path, DXTALENT_DEBUG="1"
    )
    assert result.returncode == 0, result.stderr
    project = project_from_qdpx(out.read_bytes()).project
    assert len(project.sources) == 3 and {u.name for u in project.users} == {"coder-a", "coder-b"}
    missing = _run(
        "qda", "export", str(out), "--project", "99", data_dir=tmp_path, DXTALENT_DEBUG="1"
    )
    assert missing.returncode == 2


def test_the_demos_own_scenario_solves_to_an_optimal_plan_that_passes_the_check(tmp_path):
    import json

    assert _run("demo", "--no-serve", data_dir=tmp_path).returncode == 0
    target = tmp_path / "scenario.yaml"
    written = _run(
        "plan", "scenario", "--org", "DEMO-CITY-A", "-o", str(target),
        data_dir=tmp_path, DXTALENT_DEBUG="1",
    )  # fmt: skip
    assert written.returncode == 0, written.stderr
    for objective in ("coverage", "cost"):
        solved = _run(
            "plan", "solve", str(target), "--json", "--runs", "0", "--objective", objective,
            data_dir=tmp_path, DXTALENT_DEBUG="1",
        )  # fmt: skip
        plan = json.loads(solved.stdout)
        assert plan["status"] == "optimal", (objective, plan.get("explanation"))
        plan_file = tmp_path / f"{objective}.json"
        plan_file.write_text(solved.stdout, encoding="utf-8")
        checked = _run(
            "plan", "check", str(target), str(plan_file), data_dir=tmp_path, DXTALENT_DEBUG="1"
        )
        assert checked.returncode == 0, checked.stdout
    # In Japanese by default: the status, the money, the fiscal years, lever kinds and people
    # by name, the weakest point by the capability's name; no English label, no code.
    risky = _run(
        "plan", "solve", str(target), "--runs", "200", data_dir=tmp_path, DXTALENT_DEBUG="1",
    )  # fmt: skip
    assert risky.returncode == 0, risky.stderr
    text = risky.stdout
    assert text.startswith("状態：最適であることを証明済み。総額 "), text
    assert "円" in text and "年度（令和" in text and "（研修）×1" in text, text
    assert "異動のリスク（モンテカルロ法 200 回）" in text and "最も弱い点：" in text, text
    for english in ("status", "gross", "Training", "FY20", "weakest", "Rotation"):
        assert english not in text, (english, text)
    for code in ("CO-CAP", "MIC-R", "TRN-"):
        assert code not in text, (code, text)
    # The same plan in English with --lang en.
    english = _run(
        "plan", "solve", str(target), "--runs", "200", "--lang", "en",
        data_dir=tmp_path, DXTALENT_DEBUG="1",
    ).stdout  # fmt: skip
    assert english.startswith("Status: proven optimal. Gross ¥"), english
    assert "(Training) ×1" in english and "Weakest: " in english and "年度" not in english
    # A language the catalogue does not have is refused, saying what is accepted.
    unknown = _run(
        "plan", "solve", str(target), "--runs", "0", "--lang", "fr",
        data_dir=tmp_path, DXTALENT_DEBUG="1",
    )  # fmt: skip
    assert unknown.returncode == 2 and "accepted: ja, en" in unknown.stderr
    # plan risk speaks the language asked for, too.
    risk = _run(
        "plan", "risk", str(target), str(tmp_path / "cost.json"), "--runs", "200",
        data_dir=tmp_path, DXTALENT_DEBUG="1",
    )  # fmt: skip
    assert risk.returncode == 0 and "異動のリスク" in risk.stdout and "最も弱い点" in risk.stdout


def test_the_command_line_says_the_unmet_targets_and_what_to_give_in_the_scenario_file(tmp_path):
    # A secondee the plan needs, in an organisation whose location the file does not give and
    # with the firm's location not given: no support counted, and the remedy in the file's terms.
    scenario = tmp_path / "s.yaml"
    scenario.write_text(
        "first_fiscal_year: 2027\nhorizon_years: 2\nyearly_budget: 10000000\n"
        "capabilities: [{code: PM, name: {ja: 事業管理, en: Project management}, "
        "minimums: {PM: 3}, target: 1}]\n"
        "levers: [{kind: corporate_secondee, code: K-1, name: 企業派遣の専門人材, "
        "levels: {PM: 3}, cost_per_year: 8000000}]\n",
        encoding="utf-8",
    )
    result = _run("plan", "solve", str(scenario), "--runs", "0", data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    text = " ".join(result.stdout.split())
    assert "企業派遣の専門人材：費用 8,000,000円" in text, text
    assert "シナリオファイルでは location.code に団体コードを指定してください。" in text, text
    # Not the plan page's fields: there is no page here.
    assert "「国の支援の上限」" not in text and "計画画面" not in text
    # The secondee arrives a year after the decision: the first year's target stays unmet,
    # and the command line says so, as the plan page does.
    assert (
        "満たせない目標" in text
        and "2027年度（令和9年度）の「事業管理」：目標1人に対し0人。" in text
    )


def test_an_infeasible_plan_on_the_command_line_never_shows_a_cost(tmp_path):
    scenario = tmp_path / "s.yaml"
    scenario.write_text(
        "first_fiscal_year: 2027\nhorizon_years: 1\nyearly_budget: 0\n"
        "capabilities: [{code: PM, minimums: {PM: 3}, target: 2}]\n",
        encoding="utf-8",
    )
    result = _run("plan", "solve", str(scenario), "--objective", "cost", data_dir=tmp_path)
    assert result.stdout.startswith("状態：すべての目標を満たす計画はありません"), result.stdout
    # Why, in Japanese, with the capability by its name (the scenario gives none: its code).
    assert (
        "2027年度（令和9年度）のPM：目標2人に対し、届くのは0人まで（すべての手段を上限"
        in result.stdout
    )
    assert "円" not in result.stdout
    english = _run(
        "plan", "solve", str(scenario), "--objective", "cost", "--lang", "en", data_dir=tmp_path
    )
    assert english.stdout.startswith("Status: no plan meets every target"), english.stdout
    assert "with every lever at its limits, the budget aside: 0 in post" in english.stdout
    assert "yen" not in english.stdout and "¥" not in english.stdout


def test_local_commands_run_without_a_secret_key_but_serving_asks_for_it(tmp_path):
    env_without_key = {"DXTALENT_DEBUG": "0", "DXTALENT_SECRET_KEY": ""}
    assert _run("demo", "--no-serve", data_dir=tmp_path).returncode == 0
    diagnosed = _run(
        "diagnose", "--org", "DEMO-CITY-A", "--json", data_dir=tmp_path, **env_without_key
    )
    assert diagnosed.returncode == 0, diagnosed.stderr
    assert "findings" in diagnosed.stdout
    served = _run("worker", "--batch", data_dir=tmp_path, **env_without_key)
    assert served.returncode == 2 and "DXTALENT_SECRET_KEY" in served.stderr


def _commands():
    """Every command and group of `dxtalent`, as the words typed before --help."""
    import typer.main

    from dxtalent.cli import app

    found = []

    def walk(command, words):
        found.append(words)
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            walk(sub, [*words, name])

    walk(typer.main.get_command(app), [])
    return found


def test_every_commands_help_reads_as_words_without_type_placeholders():
    from typer.testing import CliRunner

    from dxtalent.cli import app

    commands = _commands()
    assert ["plan", "solve"] in commands and ["diagnose"] in commands
    problems = {}
    for words in commands:
        result = CliRunner().invoke(app, [*words, "--help"], env={"COLUMNS": "120"})
        assert result.exit_code == 0, (words, result.output)
        # "<bool>", "<str>", "<int range>", "<path>"; "{scenario}" in the usage line.
        junk = re.findall(r"<[a-z][a-z ,]*>(?:\.\.\.)?|\{[a-z_]+\}", result.output)
        if junk:
            problems[" ".join(words) or "dxtalent"] = sorted(set(junk))
    assert not problems, problems


def test_help_shows_options_by_what_they_take_and_flags_by_their_name_alone():
    from typer.testing import CliRunner

    from dxtalent.cli import app

    output = CliRunner().invoke(app, ["diagnose", "--help"], env={"COLUMNS": "120"}).output
    assert re.search(r"--org\s+CODE\s+Organisation code", output)
    assert re.search(r"--today\s+YYYY-MM-DD\s+Diagnose as of this day", output)
    assert re.search(r"--json\s+Print JSON", output)  # a flag: nothing between
    usage = CliRunner().invoke(app, ["plan", "risk", "--help"], env={"COLUMNS": "120"}).output
    assert "plan risk [OPTIONS] SCENARIO PLAN" in usage


def test_wrapped_japanese_keeps_names_whole_and_no_line_wider_than_asked():
    from rich.cells import cell_len

    from dxtalent.cli.common import wrap_text

    text = (
        "上田 颯さんが2027年度末に異動すると、「調整力と仕様書作成（中心人物と2人）」を担える"
        "職員が2人になります（目標3人）。後任の候補：斎藤 博さん（交渉 1→3）、中島 奈々さん。"
    )
    names = ["上田 颯", "斎藤 博", "中島 奈々"]
    for width in range(16, 80):
        lines = wrap_text(text, width, indent="  ", keep=names)
        assert all(cell_len(line) <= width for line in lines), (width, lines)
        joined = "".join(line.removeprefix("  ") if i else line for i, line in enumerate(lines))
        assert joined.replace(" ", "") == text.replace(" ", "")  # nothing lost or added
        for name in names:
            assert sum(name in line for line in lines) == 1, (width, name, lines)
        # 禁則: no line starts with a closing mark, none ends with an opening one.
        assert not any(line.strip()[0] in "、。）」:" for line in lines[1:]), (width, lines)
        assert not any(line[-1] in "（「" for line in lines), (width, lines)


def test_report_writes_the_council_and_internal_reports_and_refuses_an_unknown_version(tmp_path):
    import io

    from docx import Document as read_docx
    from pypdf import PdfReader

    assert _run("demo", "--no-serve", data_dir=tmp_path).returncode == 0
    pdf = tmp_path / "diagnosis.pdf"
    result = _run("report", "diagnosis", "--org", "DEMO-CITY-A", "-o", str(pdf), data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "DX推進体制の診断" in text and "議会・首長向け版" in text
    docx = tmp_path / "plan.docx"
    result = _run(
        "report",
        "plan",
        "--org",
        "DEMO-CITY-A",
        "--version",
        "internal",
        "--format",
        "docx",
        "-o",
        str(docx),
        data_dir=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    document = read_docx(io.BytesIO(docx.read_bytes()))
    paragraphs = [p.text for p in document.paragraphs]
    assert "内部資料版" in "".join(paragraphs) and "最適な組み合わせ" in paragraphs
    unknown = _run(
        "report", "plan", "--org", "DEMO-CITY-A", "--audience", "press", data_dir=tmp_path
    )
    assert unknown.returncode == 2 and '"council" or "internal"' in unknown.stderr


def test_report_writes_the_survey_joint_and_person_reports_and_records_the_sheet(tmp_path):
    import io
    import sqlite3

    from docx import Document as read_docx
    from pypdf import PdfReader

    assert _run("demo", "--no-serve", data_dir=tmp_path).returncode == 0
    pdf = tmp_path / "survey.pdf"
    result = _run("report", "survey", "--org", "DEMO-CITY-A", "-o", str(pdf), data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "調査結果" in text and "部門別の回答率" in text
    docx = tmp_path / "joint.docx"
    result = _run(
        "report",
        "joint",
        "--org",
        "DEMO-CITY-A",
        "--format",
        "docx",
        "--language",
        "en",
        "-o",
        str(docx),
        data_dir=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    paragraphs = [p.text for p in read_docx(io.BytesIO(docx.read_bytes())).paragraphs]
    assert any(p.startswith("Joint display of survey and interviews") for p in paragraphs)
    sheet = tmp_path / "sheet.pdf"
    result = _run(
        "report",
        "person",
        "--org",
        "DEMO-CITY-A",
        "--person",
        "S001",
        "-o",
        str(sheet),
        data_dir=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "個人別育成計画" in "".join(page.extract_text() for page in PdfReader(sheet).pages)
    with sqlite3.connect(tmp_path / "dxtalent.sqlite3") as db:
        events = db.execute(
            "SELECT actor, model, changes FROM audit_auditevent WHERE action = 'export'"
        ).fetchall()
    assert [(actor, model) for actor, model, _changes in events] == [("cli", "people.Person")]
    assert "sheet.pdf" in events[0][2]
    unknown = _run(
        "report", "person", "--org", "DEMO-CITY-A", "--person", "NOBODY", data_dir=tmp_path
    )
    assert unknown.returncode == 2 and '"NOBODY"' in unknown.stderr


def test_survey_audit_answers_a_bad_file_as_json_errors_with_row_and_column(tmp_path):
    import json

    from typer.testing import CliRunner

    from dxtalent.cli import app

    bad = tmp_path / "tables.csv"
    bad.write_text("table,item,count,percent,denominator\n1,A,x,50.0,20\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["survey", "audit", "--csv", str(bad), "--json"])
    assert result.exit_code == 2
    [error] = json.loads(result.stdout)["errors"]
    assert error["loc"][0] == "tables.csv" and error["loc"][1] == 2 and error["msg"]
    mixed = tmp_path / "mixed.csv"
    mixed.write_text(
        "table,item,count,percent,denominator\n1,A,1,13,8\n1,B,5,62,8\n1,C,2,25,8\n",
        encoding="utf-8",
    )
    flagged = CliRunner().invoke(app, ["survey", "audit", "--csv", str(mixed), "--json"])
    assert flagged.exit_code == 1
    rows = json.loads(flagged.stdout)["rows"]
    assert [r["consistent"] for r in rows] == [True, False, True]
    assert rows[1]["rounding"] == "half_up" and "half_even" in rows[1]["only_under"]


def test_a_scenario_longer_than_a_plan_can_reach_is_refused_before_anything_is_read(tmp_path):
    result = _run("plan", "scenario", "--org", "DEMO-CITY-A", "--years", "30", data_dir=tmp_path)
    assert result.returncode == 2
    assert "--years 30: at most 29 fiscal years from the next one" in result.stderr


def test_every_command_that_speaks_a_language_takes_lang_or_language_and_refuses_any_other():
    import typer.main
    from typer.testing import CliRunner

    from dxtalent.cli import app

    root = typer.main.get_command(app)
    speaking = []
    for words in _commands():
        command = root
        for word in words:
            command = command.commands[word]  # type: ignore[attr-defined]
        options = [p for p in command.params if "--lang" in p.opts or "--language" in p.opts]
        if options:
            (option,) = options
            assert set(option.opts) == {"--lang", "--language"}, (words, option.opts)
            speaking.append(words)
    # Every command whose output has a language, one option and one check for all of them.
    for expected in (["diagnose"], ["plan", "solve"], ["report", "plan"], ["survey", "audit"]):
        assert expected in speaking, expected
    for words in speaking:
        for flag in ("--lang", "--language"):
            # The language comes first on the line: it is checked before anything is read.
            refused = CliRunner().invoke(app, [*words, flag, "fr"], env={"COLUMNS": "200"})
            assert refused.exit_code == 2, (words, refused.output)
            assert '"fr": accepted: ja, en.' in refused.output, (words, refused.output)
