"""The settings the django-stubs mypy plugin loads (`[tool.django-stubs]` in pyproject.toml).

The plugin imports the settings to learn the installed apps and models. Production settings
refuse to load without DXTALENT_SECRET_KEY, and development settings write a key and folders
into the data folder; type checking needs neither, so plain `mypy` from a fresh checkout works
as a command that signs nothing, on an in-memory database. Variables already set win.
"""

from __future__ import annotations

import os

os.environ.setdefault("DXTALENT_SIGNS_NOTHING", "1")
os.environ.setdefault("DATABASE_URL", "sqlite://:memory:")

from dxtalent.web.config.settings import *  # noqa: F403
