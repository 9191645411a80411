"""Readers: one module per input layout, each turning a file into a ``PlanDocument``.

A text export is given to the first reader that recognises its header rows (never its file
name), so another council's document in a known layout reads too. Readers touch no database.
"""

from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from typing import Protocol

from councilplan.imports.context import ReadContext
from councilplan.imports.general import read_general
from councilplan.imports.problems import ImportProblem
from councilplan.imports.structure import PlanDocument
from councilplan.imports.template import read_csv, read_xlsx
from councilplan.imports.template.xlsx import is_template_workbook
from councilplan.imports.text.source import SourceText
from councilplan.imports.understand import Mapping

from . import normalised_json

__all__ = ["ReadContext", "TextReader", "own_reader", "read_file", "text_readers"]


class TextReader(Protocol):
    """A reader of one layout of text export."""

    name: str

    def recognises(self, source: SourceText) -> bool: ...

    def read(self, source: SourceText, context: ReadContext) -> PlanDocument: ...


# The text layouts, tried in this order; each module has a READER (imported when first needed,
# since the readers import ReadContext from here).
TEXT_READER_MODULES = (
    "portfolio_action_tables",
    "outcome_must_do_tables",
    "corporate_plan_actions",
    "performance_results",
    "priority_deliverables",
)


def text_readers() -> list[TextReader]:
    """The readers of text exports, in the order they are tried."""
    return [import_module(f"{__name__}.{name}").READER for name in TEXT_READER_MODULES]


def read_file(
    path: Path, context: ReadContext | None = None, *, saved: Mapping | None = None
) -> PlanDocument:
    """Read any supported file into the normalised structure, choosing the reader by content:
    councilplan's own layouts by their readers, every other file by the general reader (with
    ``saved``, a mapping a person confirmed for files of its shape)."""
    context = context or ReadContext()
    reader = own_reader(path, context)
    if reader is not None:
        return reader()
    return read_general(path, context, saved=saved).reading.document


def own_reader(path: Path, context: ReadContext) -> Callable[[], PlanDocument] | None:
    """The reader of a file in one of councilplan's own layouts (the template as CSV files or a
    workbook, normalised JSON, the known text exports), or None for the general reader."""
    if path.is_dir():
        return lambda: read_csv(path)
    if not path.is_file():
        raise ImportProblem("No such file.", file=str(path))
    suffix = path.suffix.lower()
    if suffix == ".json":
        return lambda: normalised_json.read(path)
    if suffix == ".zip":
        return lambda: read_csv(path)
    if suffix == ".xlsx" and is_template_workbook(path):
        return lambda: read_xlsx(path)
    if suffix in {".txt", ".text", ".md", ""}:
        try:
            source = SourceText.open(path)
        except ImportProblem:
            return None  # not UTF-8 text: the general reader detects its encoding
        for text_reader in text_readers():
            if text_reader.recognises(source):
                return lambda: text_reader.read(source, context)
    return None
