"""Readers: one module per input layout, each turning a file into a ``PlanDocument``."""

from pathlib import Path

from councilplan.imports.problems import ImportProblem
from councilplan.imports.structure import PlanDocument

from . import normalised_json


def read_file(path: Path) -> PlanDocument:
    """Read any supported file into the normalised structure, choosing the reader by content."""
    if not path.is_file():
        raise ImportProblem("No such file.", file=str(path))
    if path.suffix.lower() == ".json":
        return normalised_json.read(path)
    raise ImportProblem(f'No reader for "{path.suffix or path.name}" files yet.', file=str(path))
