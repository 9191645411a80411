"""Extraction: one step per file format, each giving the one ``ExtractedDocument`` shape.

``extract(path)`` checks the file against the limits before reading anything heavy, tells its
format by its content (never by its extension alone: a workbook renamed ``.pdf`` is refused with
what it really is), and hands it to that format's extractor. Nothing here knows about plans.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

from councilplan.imports.problems import ImportProblem

from .limits import Limits, Progress, no_progress
from .shape import Block, Cell, ExtractedDocument, SourceRef, Table, TextBlock
from .sniff import sniff_format

__all__ = [
    "Block",
    "Cell",
    "ExtractedDocument",
    "Limits",
    "Progress",
    "SourceRef",
    "Table",
    "TextBlock",
    "extract",
]


# Format name -> module under councilplan.imports.extract with ``extract(path, limits,
# progress) -> ExtractedDocument``.
EXTRACTORS = {
    "pdf": "pdf",
    "docx": "docx",
    "xlsx": "workbook",
    "xls": "workbook",
    "ods": "workbook",
    "csv": "csv_text",
    "html": "html",
    "text": "plain_text",
}


def extract(
    path: Path, *, limits: Limits | None = None, progress: Progress | None = None
) -> ExtractedDocument:
    """Read a file of any supported format into blocks and tables, refusing bad files clearly."""
    limits = limits or Limits()
    if not path.is_file():
        raise ImportProblem("No such file.", file=path.name)
    size = path.stat().st_size
    if size > limits.max_bytes:
        raise ImportProblem(
            f"The file is {size / 1048576:.1f} MB, over the limit of "
            f"{limits.max_bytes / 1048576:.0f} MB.",
            file=path.name,
        )
    if size == 0:
        raise ImportProblem("The file is empty.", file=path.name)
    kind = sniff_format(path, limits)
    module = import_module(f"{__name__}.{EXTRACTORS[kind]}")
    return module.extract(path, limits, progress or no_progress)
