"""Telling a file's format by its content (placeholder until the extractors land)."""

from pathlib import Path

from councilplan.imports.problems import ImportProblem

from .limits import Limits


def sniff_format(path: Path, limits: Limits) -> str:
    """The format name of ``EXTRACTORS`` for this file."""
    raise ImportProblem(f'No reader for "{path.suffix}" files yet.', file=path.name)
