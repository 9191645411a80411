"""The CSV and Excel template: a plan, its measures and their values, in and out of tables.

One description of the tables (``columns``) serves both formats; a document written and read
back is the same document. ``docs/template.md`` is generated from it.
"""

from .csv_files import read_csv, write_csv
from .docs import template_markdown
from .xlsx import read_xlsx, write_xlsx

__all__ = ["read_csv", "read_xlsx", "template_markdown", "write_csv", "write_xlsx"]
