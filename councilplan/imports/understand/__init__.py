"""The general reader: one reader that understands any document's tables and outlines.

Extraction (``councilplan.imports.extract``) turns a file of any format into blocks and tables;
this package works out what they mean. ``propose`` infers a ``Mapping`` (each table's header
rows, the role of each column with a confidence and the reason, which headings are themes);
a person may change it; ``read`` applies it, giving the normalised ``PlanDocument`` the writer
applies and every cell or line it did not use, with why. ``fit`` lays a saved mapping over a
new file of the same shape.
"""

from .mapping import ColumnMapping, Mapping, OutlineMapping, Role, TableKind, TableMapping
from .reading import Reading, Unused, fit, propose, read

__all__ = [
    "ColumnMapping",
    "Mapping",
    "OutlineMapping",
    "Reading",
    "Role",
    "TableKind",
    "TableMapping",
    "Unused",
    "fit",
    "propose",
    "read",
]
