"""`dxtalent report`: its steps printed as it goes, and a saved version of the policy draft
written as edited in the app."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from docx import Document as read_docx
from typer.testing import CliRunner

from dxtalent.cli import app
from dxtalent.web.reports import policy_drafts

pytestmark = pytest.mark.django_db
CITY = "DEMO-CITY-A"


def test_report_policy_writes_a_saved_version_of_the_draft_and_prints_its_steps(demo, tmp_path):
    editor = get_user_model().objects.get(username="demo-editor")
    policy_drafts.generate(demo, editor, None, None)
    draft = policy_drafts.draft_of(demo)
    policy_drafts.save_prose(draft, editor, 1, {"4": "本市は外部人材と育成を組み合わせる。"})
    target = tmp_path / "policy.docx"
    result = CliRunner().invoke(
        app, ["report", "policy", "--org", CITY, "--draft-version", "2", "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    steps = [line for line in result.stderr.splitlines() if line.startswith("[")]
    assert steps == [
        "[1/3] Loading the data",
        "[2/3] Writing the report",
        "[3/3] Rendering the Word file",
    ]
    text = "\n".join(p.text for p in read_docx(io.BytesIO(target.read_bytes())).paragraphs)
    assert "本市は外部人材と育成を組み合わせる。" in text and "第2版" in text


def test_report_policy_refuses_a_version_the_draft_does_not_have(demo, tmp_path):
    result = CliRunner().invoke(
        app, ["report", "policy", "--org", CITY, "--draft-version", "3", "-o", str(tmp_path / "x")]
    )
    assert result.exit_code == 2
    assert "--draft-version 3" in result.stderr and "no such version" in result.stderr
    assert not (tmp_path / "x").exists()
