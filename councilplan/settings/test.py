"""Settings for the test suite: fast hashing, in-memory email, the database from DATABASE_URL."""

from pathlib import Path

from .dev import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]

# The test database on disk, not in memory, so that the background worker (`councilplan
# db_worker`, run as its own process by tests/imports/web/conftest.py) reaches the same data.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    _name = Path(str(DATABASES["default"]["NAME"]))  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(_name.with_name(f"test_{_name.name}"))}  # noqa: F405
