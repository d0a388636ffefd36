"""`python -m dxtalent.cli`."""

import sys

from dxtalent.cli import app

sys.exit(app())
