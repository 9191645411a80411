"""Reader for the normalised structure as JSON: the demo data and ``--dump json`` output."""

import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from councilplan.imports.problems import ImportProblem
from councilplan.imports.structure import PlanDocument


def read(path: Path) -> PlanDocument:
    """Load and validate a JSON document; the first problem is reported with its place."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ImportProblem(f"Not UTF-8 text (byte {exc.start}).", file=str(path)) from exc
    try:
        document = PlanDocument.model_validate_json(text)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(part) for part in error["loc"])
        raise ImportProblem(
            error["msg"], file=str(path), line=_json_line(error), field=where
        ) from exc
    return document.model_copy(update={"source": path.name})


def _json_line(error: Any) -> int | None:
    """The line of a JSON syntax error, which pydantic gives only inside its message."""
    match = re.search(r"at line (\d+)", str(error.get("ctx", {}).get("error", "")))
    return int(match.group(1)) if match else None
