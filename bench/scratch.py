"""A scratch database for the benchmarks: Django set up on a fresh SQLite file (or on
DATABASE_URL when it is set), migrated."""

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def scratch_database() -> str:
    """Set Django up on a new migrated database and return where it is, for the printout."""
    scratch = tempfile.mkdtemp(prefix="councilplan-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{scratch}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "councilplan.settings.dev")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return os.environ["DATABASE_URL"].split("@")[-1]
