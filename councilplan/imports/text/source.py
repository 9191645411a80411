"""Plain-text exports of council documents, as readers see them: numbered lines of cells.

The exports keep a PDF's tables as tab-separated lines, with page headers repeated, HTML
fragments inside cells and rows split across page breaks. This module only opens the file
safely (refusing binary junk and bad encodings with a located message) and numbers the lines;
``cells`` cleans what is inside them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from councilplan.imports.problems import ImportProblem

BINARY_SHARE = 0.02  # more than this share of control characters means it is not text


def looks_binary(data: bytes) -> bool:
    """Whether the start of a file is binary data rather than text (NUL bytes, many controls)."""
    head = data[:4096]
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return b"\x00" in head or controls > BINARY_SHARE * max(len(head), 1)


@dataclass(frozen=True)
class Line:
    """One line of the source: its 1-based number, the raw text, and its tab-separated cells."""

    number: int
    text: str

    @property
    def cells(self) -> list[str]:
        return self.text.split("\t")

    @property
    def is_blank(self) -> bool:
        return not self.text.strip()


@dataclass(frozen=True)
class SourceText:
    """A text document split into numbered lines, with the name problems are reported under."""

    name: str
    lines: tuple[Line, ...]

    @classmethod
    def from_text(cls, text: str, name: str) -> SourceText:
        return cls(name, tuple(Line(n, t) for n, t in enumerate(text.splitlines(), start=1)))

    @classmethod
    def open(cls, path: Path) -> SourceText:
        """Read a UTF-8 text file; binary or wrongly encoded files are refused with the place."""
        data = path.read_bytes()
        if not data.strip():
            raise ImportProblem("The file is empty.", file=path.name)
        if looks_binary(data):
            raise ImportProblem(
                "This is not a text document (it looks like binary data).", file=path.name
            )
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise ImportProblem(
                f"Not UTF-8 text (byte {exc.start}).", file=path.name, line=line
            ) from exc
        return cls.from_text(text, path.name)

    def problem(
        self, message: str, line: Line | int | None = None, field: str = ""
    ) -> ImportProblem:
        """An ImportProblem located in this source."""
        number = line.number if isinstance(line, Line) else line
        return ImportProblem(message, file=self.name, line=number, field=field)
