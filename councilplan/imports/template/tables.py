"""The whole template in and out of grids of cells; xlsx and CSV only move grids to files."""

from collections.abc import Callable, Iterable, Iterator, Sequence

from councilplan.imports.structure import PlanDocument

from .assemble import assemble
from .cells import CellValue
from .columns import TABLES, Table
from .flatten import document_records
from .grid import read_table, table_cells

OpenTable = Callable[[Table], tuple[str, Iterable[Sequence[object]]]]


def document_grids(document: PlanDocument) -> Iterator[tuple[Table, Iterator[list[CellValue]]]]:
    """Each table of the template with its cells for ``document``, header row first."""
    records = document_records(document)
    for table in TABLES:
        yield table, table_cells(table, records[table.name])


def read_document(source: str, open_table: OpenTable) -> PlanDocument:
    """The document in the tables ``open_table`` gives (file name and rows for each table)."""
    sheets = {}
    for table in TABLES:
        file, grid = open_table(table)
        sheets[table.name] = read_table(table, grid, file)
    return assemble(sheets, source)
