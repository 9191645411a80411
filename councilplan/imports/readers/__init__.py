"""Readers: one module per input layout, each turning a file into a ``PlanDocument``.

A text export is given to the first reader that recognises its header rows (never its file
name), so another council's document in a known layout reads too. Readers touch no database.
"""

from importlib import import_module
from pathlib import Path
from typing import Protocol

from councilplan.imports.context import ReadContext
from councilplan.imports.problems import ImportProblem
from councilplan.imports.structure import PlanDocument
from councilplan.imports.template import read_csv, read_xlsx

from . import normalised_json
from .source import SourceText

__all__ = ["ReadContext", "TextReader", "read_file", "text_readers"]


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


def read_file(path: Path, context: ReadContext | None = None) -> PlanDocument:
    """Read any supported file into the normalised structure, choosing the reader by content."""
    context = context or ReadContext()
    if path.is_dir():
        return read_csv(path)
    if not path.is_file():
        raise ImportProblem("No such file.", file=str(path))
    suffix = path.suffix.lower()
    if suffix == ".json":
        return normalised_json.read(path)
    if suffix == ".xlsx":
        return read_xlsx(path)
    if suffix == ".zip":
        return read_csv(path)
    if suffix in {".txt", ".text", ".md", ""}:
        source = SourceText.open(path)
        for reader in text_readers():
            if reader.recognises(source):
                return reader.read(source, context)
        raise ImportProblem(
            "No known table layout found: expected the header row of a plan or results table "
            '(e.g. "Action / How will we measure success? / Timescale").',
            file=path.name,
        )
    raise ImportProblem(f'No reader for "{path.suffix}" files.', file=path.name)
