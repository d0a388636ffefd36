"""Core speaks English unless a translator is installed: its tests run without the web's
(which the test process installs when Django starts), as core runs in a script of its own."""

from __future__ import annotations

import pytest

from dxtalent.core import i18n


@pytest.fixture(autouse=True)
def core_untranslated():
    previous = i18n.uninstall()
    yield
    i18n.install(*previous)
