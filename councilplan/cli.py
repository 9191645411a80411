"""The `councilplan` command: Django's management commands behind one entry point.

`councilplan demo`, `councilplan serve`, `councilplan migrate`, `councilplan createadmin` and the
commands later apps add are all management commands; `councilplan help` lists them.
"""

import os
import sys

from django.core.management import execute_from_command_line


def main(argv: list[str] | None = None) -> None:
    """Run a management command, with the development settings unless told otherwise."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "councilplan.settings.dev")
    execute_from_command_line(["councilplan", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
