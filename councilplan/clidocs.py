"""The CLI reference in docs/cli.md, generated from each of our commands' --help.

Regenerate with `make docs`; a test fails when the committed page differs from what this makes.
"""

from django.core.management import get_commands, load_command_class


def our_commands() -> list[str]:
    """The management commands councilplan itself adds, sorted."""
    return sorted(name for name, app in get_commands().items() if app.startswith("councilplan"))


def cli_reference() -> str:
    """Markdown with the --help of every command of ours."""
    parts = [
        "# Command-line reference\n",
        "Generated from `--help` by `make docs`; do not edit by hand.\n",
    ]
    for name in our_commands():
        command = load_command_class(get_commands()[name], name)
        parser = command.create_parser("councilplan", name)
        help_text = parser.format_help().replace("\r", "")
        parts.append(f"## `councilplan {name}`\n\n```\n{help_text.rstrip()}\n```\n")
    return "\n".join(parts)


if __name__ == "__main__":
    import os
    import sys

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "councilplan.settings.dev")
    django.setup()
    sys.stdout.write(cli_reference())
