"""What a file may hold before work is refused, and how extractors report their progress."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """Checked before and while reading, so a hostile file costs little."""

    max_bytes: int = 50 * 1024 * 1024  # the upload itself
    max_unpacked_bytes: int = 200 * 1024 * 1024  # what a zip container (xlsx, docx, ods) unpacks to
    max_compression_ratio: int = 200  # per member of a zip container
    max_pages: int = 500  # PDF pages, workbook sheets
    max_cells: int = 2_000_000  # cells over all tables


Progress = Callable[[int, int], None]  # (done, total), e.g. pages read of pages


def no_progress(done: int, total: int) -> None:
    """The progress callback when nobody is watching."""
