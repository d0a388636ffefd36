"""What the report tests share: the demo city, a solved plan run of it, a signed-in client and
the text of a PDF."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from pypdf import PdfReader

from dxtalent.web.demo.services import prepare_demo
from dxtalent.web.organisations.models import Organisation
from dxtalent.web.planning import runs
from dxtalent.web.planning.services import scenario_for

CITY = "DEMO-CITY-A"


@pytest.fixture
def demo():
    prepare_demo(seed=2025)
    return Organisation.objects.get(code=CITY)


@pytest.fixture
def run(demo):
    editor = get_user_model().objects.get(username="demo-editor")
    return runs.start(runs.create(demo, editor, scenario_for(demo, 30_000_000, 3), "cost", 0, {}))


def login(client, username):
    client.force_login(get_user_model().objects.get(username=username))
    return client


def pdf_text(content: bytes) -> str:
    """The PDF's text with every space and line break removed (Typst breaks Japanese lines
    anywhere)."""
    pages = (page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return "".join("".join(pages).split())
