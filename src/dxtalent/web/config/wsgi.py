"""WSGI entry point: `gunicorn dxtalent.web.config.wsgi` behind a reverse proxy."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dxtalent.web.config.settings")
application = get_wsgi_application()
