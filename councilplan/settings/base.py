"""Settings shared by every environment.

The database comes from ``DATABASE_URL`` (``sqlite:///path`` or ``postgres://...``) for every
command, the server and the tests; without it a SQLite file under ``var/`` is used, so the system
runs with no setup at all.
"""

import os
from pathlib import Path

import dj_database_url
import django_stubs_ext

# Lets admin and form classes be subscripted with their model for the type checker.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(os.environ.get("COUNCILPLAN_VAR_DIR", PROJECT_DIR / "var"))

DEFAULT_SQLITE_URL = f"sqlite:///{VAR_DIR / 'councilplan.sqlite3'}"


def database_from_environment() -> dict[str, object]:
    """The default database, from DATABASE_URL or the embedded SQLite file."""
    url = os.environ.get("DATABASE_URL", DEFAULT_SQLITE_URL)
    config: dict[str, object] = dict(dj_database_url.parse(url, conn_max_age=60))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        Path(str(config["NAME"])).parent.mkdir(parents=True, exist_ok=True)
        # WAL lets readers work while an import writes; IMMEDIATE avoids upgrade deadlocks.
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
        config["CONN_MAX_AGE"] = 0
    elif config["ENGINE"] == "django.db.backends.postgresql":
        # No JIT: our queries are short, and PostgreSQL compiled the big-looking ones (cost
        # estimates over 100,000 at 317 councils) for up to a second each (bench/RESULTS.md).
        config["OPTIONS"] = {"options": "-c jit=off"}
    return config


DATABASES = {"default": database_from_environment()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "councilplan.accounts",
    "councilplan.plans",
    "councilplan.measures",
    "councilplan.monitoring",
    "councilplan.imports",
    "councilplan.history",
    "councilplan.web",
    "councilplan.reports",
    "councilplan.api",
    "councilplan.generator",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
if os.environ.get("COUNCILPLAN_SERVER_TIMING") == "1":
    MIDDLEWARE.insert(0, "councilplan.web.timing.ServerTimingMiddleware")

ROOT_URLCONF = "councilplan.urls"
WSGI_APPLICATION = "councilplan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "councilplan.web.context_processors.navigation",
            ],
        },
    },
]

AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "staff:my-updates"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
# Shared by every worker and server, so a published page dropped by one is dropped for all
# (councilplan.web.published_cache); its table is made by `migrate`.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "councilplan_cache",
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    }
}

# Background jobs (reading and applying uploaded files): django-tasks, the backport of Django
# 6's django.tasks, with its database backend. `councilplan serve` starts the worker beside the
# site; in production run `councilplan db_worker` as its own process (README, "Background jobs").
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# The largest file the import pages take: refused while it streams in, before it is stored.
COUNCILPLAN_IMPORT_MAX_BYTES = int(os.environ.get("COUNCILPLAN_IMPORT_MAX_MB", "20")) * 1024 * 1024

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
# The address people reach the site at, for links in reminder emails.
COUNCILPLAN_SITE_URL = os.environ.get("COUNCILPLAN_SITE_URL", "http://127.0.0.1:8000")
DEBUG = False
ALLOWED_HOSTS: list[str] = []
