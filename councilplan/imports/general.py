"""The general path of an import: extract any file, fit or propose a mapping, read it.

Files in the template's layout, normalised JSON and the known text exports keep their own
readers (``councilplan.imports.readers``); every other file (a council's own PDF, Word
document, workbook, CSV or web page) comes here. Nothing here touches the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from councilplan.imports.context import ReadContext
from councilplan.imports.extract import ExtractedDocument, Limits, Progress, extract
from councilplan.imports.problems import ImportProblem
from councilplan.imports.understand import Mapping, Reading, fit, propose, read


@dataclass(frozen=True)
class GeneralReading:
    """A file as extracted, the mapping it was read with, and what that reading gave."""

    extracted: ExtractedDocument
    mapping: Mapping
    reading: Reading


def read_general(
    path: Path,
    context: ReadContext,
    *,
    saved: Mapping | None = None,
    limits: Limits | None = None,
    progress: Progress | None = None,
) -> GeneralReading:
    """Read any file with a saved mapping laid over it, or with the reader's own proposal."""
    extracted, mapping = map_general(path, context, saved=saved, limits=limits, progress=progress)
    return GeneralReading(extracted, mapping, read(extracted, mapping, context))


def map_general(
    path: Path,
    context: ReadContext,
    *,
    saved: Mapping | None = None,
    limits: Limits | None = None,
    progress: Progress | None = None,
) -> tuple[ExtractedDocument, Mapping]:
    """A file extracted, and the mapping to read it with (before reading, so a reading that
    fails can be put right by changing the mapping)."""
    extracted = extract(path, limits=limits, progress=progress)
    if not any(True for _ in extracted.tables()) and not any(True for _ in extracted.text_blocks()):
        raise ImportProblem("Nothing to read: the file has no text.", file=path.name)
    mapping = fit(saved, extracted, context) if saved else propose(extracted, context)
    return extracted, mapping


def load_mapping(path: Path) -> Mapping:
    """A mapping from a JSON file (as ``--dump mapping`` writes it), checked field by field."""
    try:
        return Mapping.model_validate_json(path.read_bytes())
    except OSError as error:
        raise ImportProblem(
            f"Cannot read the mapping: {error.strerror}.", file=path.name
        ) from error
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise ImportProblem(first["msg"], file=path.name, field=where) from error
