"""Whether a saved mapping fits a new file: every table of each is found in the other.

``understand.fit`` lays the saved mapping over the new file, matching tables by their header
``signature`` and proposing afresh for any it cannot match. A recurring return of the same shape
fits, and goes straight to the preview; one with a table more or less is shown to the person,
with what did not fit.
"""

from councilplan.imports.understand import Mapping, TableKind


def misfits(saved: Mapping, fitted: Mapping) -> str:
    """Empty if the saved mapping fits; else, for the person, which tables did not."""
    known = {t.signature for t in saved.tables}
    found = {t.signature for t in fitted.tables}
    new = [t for t in fitted.tables if t.signature not in known]
    missing = [t for t in saved.tables if t.kind != TableKind.SKIP and t.signature not in found]
    said = []
    if new:
        places = ", ".join(t.place or f"table {t.index + 1}" for t in new[:5])
        said.append(f"{_tables(len(new))} of this file not in the saved mapping ({places})")
    if missing:
        said.append(f"{_tables(len(missing))} of the saved mapping not in this file")
    return "; ".join(said)


def _tables(count: int) -> str:
    return "1 table" if count == 1 else f"{count} tables"
