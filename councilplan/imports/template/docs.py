"""The template explained, from ``columns``: docs/template.md and the workbook's "Read me" sheet.

Regenerate the page with ``councilplan shell --no-imports -c "from councilplan.imports.template
import template_markdown as t; print(t(), end='')" > docs/template.md``; a test fails when the
committed page differs from what this makes.
"""

from .columns import INTRO, TABLES, Column

TITLE = "The CSV and Excel template"


def how_to_fill(column: Column) -> str:
    """What a column holds and how to write it, in one line."""
    return f"{column.about} {column.kind.describe()}".strip()


def readme_rows() -> list[list[str]]:
    """The "Read me" sheet: the introduction, then a row per column of every sheet."""
    rows = [[TITLE], *([paragraph] for paragraph in INTRO), []]
    rows.append(["Sheet", "Column", "Required", "How to fill it in"])
    for table in TABLES:
        rows.append([table.name, "", "", table.about])
        rows.extend(
            [table.name, column.header, "yes" if column.required else "", how_to_fill(column)]
            for column in table.columns
        )
    return rows


def template_markdown() -> str:
    """docs/template.md: every table and column of the template."""
    parts = [
        f"# {TITLE}\n",
        "Generated from `councilplan/imports/template/columns.py` (`template_markdown()` in "
        "`docs.py`); do not edit by hand.\n",
        *(f"{paragraph}\n" for paragraph in INTRO),
    ]
    for table in TABLES:
        lines = [f"## {table.name} (`{table.file}`)\n", f"{table.about}\n"]
        lines += ["| Column | Required | How to fill it in |", "| --- | --- | --- |"]
        lines += [
            f"| {column.header} | {'yes' if column.required else ''} | "
            f"{how_to_fill(column).replace('|', '/')} |"
            for column in table.columns
        ]
        parts.append("\n".join(lines) + "\n")
    return "\n".join(parts)
