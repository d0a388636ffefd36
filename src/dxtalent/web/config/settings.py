"""dxtalent's one settings module: everything comes from environment variables.

Production is the default. DXTALENT_DEBUG=1 turns on development mode, which may generate a
secret key and trusts localhost; none of that applies when DXTALENT_DEBUG=0.
"""

from __future__ import annotations

import importlib
import secrets
from pathlib import Path

import dj_database_url
import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from dxtalent.web.config.env import (
    data_dir,
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_str,
)

# Lets the code write ModelForm[Person], ModelAdmin[Person] and the like, as django-stubs types
# them: those Django classes take no type arguments at run time without this.
django_stubs_ext.monkeypatch()

WEB_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DXTALENT_DEBUG", default=False)
# Local mode (the demo): production behaviour (its error pages, no debug output) on this
# machine only: loopback host names, plain HTTP, a generated key kept in the data folder and
# static files served from the package. Development mode implies it.
LOCAL = DEBUG or env_bool("DXTALENT_LOCAL", default=False)
DATA_DIR = data_dir()


def _secret_key() -> str:
    key = env_str("DXTALENT_SECRET_KEY")
    if key:
        if not DEBUG and len(key) < 50:
            raise ImproperlyConfigured(
                "DXTALENT_SECRET_KEY is too short for production: give at least 50 random "
                'characters, e.g. from python -c "import secrets; print(secrets.token_urlsafe(50))"'
            )
        return key
    if not LOCAL and env_bool("DXTALENT_SIGNS_NOTHING", default=False):
        # Set by the dxtalent command for commands that neither serve pages nor send mail
        # (diagnose, import, export, plan scenario, ...): nothing they could sign outlives them.
        return secrets.token_urlsafe(50)
    if not LOCAL:
        raise ImproperlyConfigured(
            "DXTALENT_SECRET_KEY is not set. In production (DXTALENT_DEBUG=0, the default) "
            "dxtalent refuses to start without it; set DXTALENT_DEBUG=1 for development."
        )
    # Development and local mode only: one random key per data folder, kept so that logins
    # survive restarts.
    key_file = DATA_DIR / "development-secret-key"
    if key_file.exists():
        return key_file.read_text().strip()
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


SECRET_KEY = _secret_key()

ALLOWED_HOSTS = env_list(
    "DXTALENT_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if LOCAL else []
)
CSRF_TRUSTED_ORIGINS = env_list("DXTALENT_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",  # serves the API docs (Swagger UI) from its own static files, not a CDN
    "django_tasks",
    "django_tasks_db",  # the job queue's table (dxtalent.web.jobs)
    "dxtalent.web.organisations",
    "dxtalent.web.accounts",
    "dxtalent.web.audit",
    "dxtalent.web.dashboard",
    "dxtalent.web.people",
    "dxtalent.web.frameworks",
    "dxtalent.web.diagnostics",
    "dxtalent.web.planning",
    "dxtalent.web.surveys",
    "dxtalent.web.interviews",
    "dxtalent.web.standardization",
    "dxtalent.web.pool",
    "dxtalent.web.reports",
]

MIDDLEWARE = [
    "dxtalent.web.logs.RequestLogMiddleware",  # first: the request id covers everything else
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "dxtalent.web.audit.middleware.AuditActorMiddleware",
    # Last: a writing request's view runs in one transaction, a read in none (see the module).
    "dxtalent.web.transactions.AtomicWritesMiddleware",
]

ROOT_URLCONF = "dxtalent.web.config.urls"
WSGI_APPLICATION = "dxtalent.web.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [WEB_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "dxtalent.web.organisations.context.organisation_switcher",
            ],
        },
    },
]


def _postgres_driver_installed() -> bool:
    """Whether Django's PostgreSQL backend can load a driver (psycopg 3, or psycopg2 which
    Django also accepts); psycopg comes with the `postgres` extra."""
    for driver in ("psycopg", "psycopg2"):
        try:
            importlib.import_module(driver)
        except ImportError:
            continue
        return True
    return False


def _database() -> dj_database_url.DBConfig:
    url = env_str("DATABASE_URL")
    if not url:
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{DATA_DIR / 'dxtalent.sqlite3'}"
    try:
        config = dj_database_url.parse(url, conn_max_age=env_int("DXTALENT_DB_CONN_MAX_AGE", 60))
    except ValueError as error:
        raise ImproperlyConfigured(
            f"DATABASE_URL is not a database URL ({error}); use sqlite:///path/to/file.sqlite3 "
            "or postgres://user:password@host:5432/name"
        ) from None
    engine = str(config.get("ENGINE", ""))
    if engine not in ("django.db.backends.sqlite3", "django.db.backends.postgresql"):
        raise ImproperlyConfigured(
            f'DATABASE_URL uses "{engine}"; dxtalent supports SQLite (sqlite:///) and '
            "PostgreSQL (postgres://)"
        )
    if engine == "django.db.backends.postgresql" and not _postgres_driver_installed():
        raise ImproperlyConfigured(
            "DATABASE_URL is a PostgreSQL database, but psycopg (the PostgreSQL driver) is not "
            'installed; install dxtalent with its postgres extra: pip install "dxtalent[postgres]"'
        )
    if engine == "django.db.backends.sqlite3":
        config["CONN_MAX_AGE"] = 0
        # WAL lets the web app read while a long import writes; busy timeout rather than errors.
        config["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
        # Tests use a file too, not SQLite's shared in-memory database: there a second
        # connection (the plan worker's thread) meets table locks instead of waiting.
        config["TEST"] = {"NAME": str(DATA_DIR / "test-dxtalent.sqlite3")}
    # Not Django's ATOMIC_REQUESTS, which would put every page view in a (on SQLite: write)
    # transaction: dxtalent.web.transactions runs writing requests in one, reads in none.
    config["ATOMIC_REQUESTS"] = False
    # A connection kept from an earlier request is checked before use, so that the app
    # reconnects by itself after the database restarted instead of failing one request.
    config["CONN_HEALTH_CHECKS"] = True
    return config


# Long-running work (plan runs) is queued in the database and done by a worker: `dxtalent
# worker`, or the thread `dxtalent serve` and `dxtalent demo` start (dxtalent.web.jobs). The
# tests solve runs in the test's thread with the immediate backend (tests/conftest.py).
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
LOGIN_URL = "accounts-login"
LOGIN_REDIRECT_URL = "dashboard-home"
LOGOUT_REDIRECT_URL = "accounts-login"

# Failed logins: after this many failures for one username (or from one address) within the
# window, further attempts are refused until the window has passed.
LOGIN_FAILURE_LIMIT = env_int("DXTALENT_LOGIN_FAILURE_LIMIT", 5, minimum=1)
LOGIN_FAILURE_WINDOW_MINUTES = env_int("DXTALENT_LOGIN_FAILURE_WINDOW_MINUTES", 15, minimum=1)

# How many reverse proxies sit in front of the app. 0 (the default): none, X-Forwarded-For
# and X-Forwarded-Proto are ignored, since a client can send any value in them. N ≥ 1: the
# client's address (login throttle, password-reset limit) is the X-Forwarded-For entry N hops
# from the right, and X-Forwarded-Proto says whether the request came over HTTPS. (Until
# issue #14 this was a yes/no setting; 1 means what "yes" meant.)
BEHIND_PROXY = env_int("DXTALENT_BEHIND_PROXY", 0, minimum=0)

# Password-reset requests accepted per hour for one email address and from one client
# address; further requests get the same page but no mail.
PASSWORD_RESET_LIMIT_PER_HOUR = env_int("DXTALENT_PASSWORD_RESET_LIMIT_PER_HOUR", 5, minimum=1)

LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", _("Japanese")), ("en", _("English"))]
LOCALE_PATHS = [WEB_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env_str("DXTALENT_TIME_ZONE", "Asia/Tokyo")
LANGUAGE_COOKIE_NAME = "dxtalent_language"
LANGUAGE_COOKIE_SECURE = not LOCAL
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

STATIC_URL = "static/"
STATICFILES_DIRS = [WEB_DIR / "static"]
STATIC_ROOT = Path(env_str("DXTALENT_STATIC_ROOT") or DATA_DIR / "static")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if LOCAL
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = LOCAL
if LOCAL:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns about a missing folder
MEDIA_ROOT = DATA_DIR / "media"

EMAIL_HOST = env_str("DXTALENT_EMAIL_HOST")
EMAIL_PORT = env_int("DXTALENT_EMAIL_PORT", 587, minimum=1)
EMAIL_HOST_USER = env_str("DXTALENT_EMAIL_USER")
EMAIL_HOST_PASSWORD = env_str("DXTALENT_EMAIL_PASSWORD")
EMAIL_USE_TLS = env_bool("DXTALENT_EMAIL_USE_TLS", default=True)
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env_str("DXTALENT_DEFAULT_FROM_EMAIL", "dxtalent@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security. Production assumes HTTPS in front (a reverse proxy); development serves plain HTTP.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY > 0 else None
SECURE_SSL_REDIRECT = env_bool("DXTALENT_SSL_REDIRECT", default=not LOCAL)
SECURE_HSTS_SECONDS = env_int("DXTALENT_HSTS_SECONDS", 0 if LOCAL else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = env_bool("DXTALENT_HSTS_PRELOAD", default=SECURE_HSTS_SECONDS > 0)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = not LOCAL
CSRF_COOKIE_SECURE = not LOCAL
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("DXTALENT_SESSION_HOURS", 10, minimum=1) * 3600
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): scripts, styles, fonts and data only from the app
# itself; no inline script, no inline <style>, no eval (page behaviour is in static/dxtalent/
# *.js; templates have no style attributes either, tests/web/test_csp.py). Style attributes
# are allowed (style-src-attr) for Plotly alone: its heatmaps and colour bars set them from
# script (d3's .attr("style"): image-rendering on the heatmap image, an empty style on the colour
# bar's cells), which a browser refuses, logging an error per chart, under style-src 'self'.
# Plotly needs no 'unsafe-eval' for the traces dxtalent draws (bar, heatmap, scatterpolar); its
# global rules come from a static file (templates/_plotly.html). htmx's indicator styles are
# off (base.html). img-src allows data: URLs, in which Plotly and the API docs (Swagger UI)
# draw icons.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "style-src-elem": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Logs go to standard error, one JSON object a line (dxtalent.web.logs: time, level, logger,
# message, request_id and the record's fields; one record per request from
# dxtalent.requests), or as plain text for a person at a terminal (the default in local mode).
LOG_FORMAT = env_choice("DXTALENT_LOG_FORMAT", "text" if LOCAL else "json", ("json", "text"))
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "dxtalent.web.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {
        "handlers": ["console"],
        "level": env_choice(
            "DXTALENT_LOG_LEVEL", "INFO", ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
        ),
    },
    # Django's own line per request (runserver) and 4xx warnings repeat dxtalent.requests.
    "loggers": {
        "django.server": {"level": "WARNING"},
        "django.request": {"level": "ERROR"},
    },
}

# /health answers 503 when the oldest queued job has waited longer than this (no worker is
# taking jobs); plain HTTP is allowed for it, so that a monitor on the machine can ask.
HEALTH_MAX_QUEUE_WAIT_SECONDS = env_int("DXTALENT_HEALTH_MAX_QUEUE_WAIT_SECONDS", 300, minimum=1)
SECURE_REDIRECT_EXEMPT = [r"^health$"]

NINJA_PAGINATION_PER_PAGE = 50

# Request bodies that are not files (a scenario posted as JSON to the API, the plan editor's
# form) are refused over the scenario limit (Django answers 400); files go to a temporary file
# above 2.5 MB and are checked against their kind's limit before being read
# (dxtalent.core.uploads, dxtalent.web.uploads).
from dxtalent.core.uploads import UPLOAD_LIMITS  # noqa: E402

DATA_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_LIMITS["scenario"]
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
