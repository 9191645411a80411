"""Readers: one module per input layout, each turning a file into a ``PlanDocument``.

A text export is given to the first reader that recognises its header rows (never its file
name), so another council's document in a known layout reads too. Readers touch no database.
"""

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from councilplan.imports.problems import ImportProblem
from councilplan.imports.structure import PlanDocument

from . import normalised_json
from .source import SourceText


@dataclass(frozen=True)
class ReadContext:
    """What the person importing says about the file: which council it belongs to."""

    organisation_slug: str = ""
    organisation_name: str = ""


class TextReader(Protocol):
    """A reader of one layout of text export."""

    name: str

    def recognises(self, source: SourceText) -> bool: ...

    def read(self, source: SourceText, context: ReadContext) -> PlanDocument: ...


TEXT_READERS: list[TextReader] = []


def read_file(path: Path, context: ReadContext | None = None) -> PlanDocument:
    """Read any supported file into the normalised structure, choosing the reader by content."""
    context = context or ReadContext()
    if not path.is_file():
        raise ImportProblem("No such file.", file=str(path))
    suffix = path.suffix.lower()
    if suffix == ".json":
        return normalised_json.read(path)
    if suffix in {".txt", ".text", ".md", ""}:
        source = SourceText.open(path)
        for reader in TEXT_READERS:
            if reader.recognises(source):
                return reader.read(source, context)
        raise ImportProblem(
            "No known table layout found: expected the header row of a plan or results table "
            '(e.g. "Action / How will we measure success? / Timescale").',
            file=path.name,
        )
    raise ImportProblem(f'No reader for "{path.suffix}" files.', file=path.name)
