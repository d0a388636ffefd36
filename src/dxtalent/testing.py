"""pytest plugin (loaded with `-p dxtalent.testing` from pyproject.toml, before pytest-django
reads the settings): development mode with a throw-away data folder, unless the caller set
them. CI sets DATABASE_URL to run the same suite on PostgreSQL."""

import os
import tempfile

os.environ.setdefault("DXTALENT_DEBUG", "1")
os.environ.setdefault("DXTALENT_DATA_DIR", tempfile.mkdtemp(prefix="dxtalent-test-"))
os.environ.setdefault("DXTALENT_LOG_LEVEL", "WARNING")
