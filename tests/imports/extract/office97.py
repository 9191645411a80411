"""Writing the small Excel 97-2003 (.xls) and compound files the tests read.

No maintained Python library writes .xls (xlwt stopped in 2018) and none is installed, so the
tests build the files from the published formats ([MS-CFB] for the container, [MS-XLS] BIFF8
for the workbook): a shared string table, label, number and merged-cell records, which is what
Excel itself writes for text, numbers and merges. The same container, with the streams of an
encrypted Office file, stands for a password-protected workbook.
"""

from __future__ import annotations

import struct
from datetime import date

_FREE = 0xFFFFFFFF
_END = 0xFFFFFFFE
_FAT_SECTOR = 0xFFFFFFFD
_SECTOR = 512
_MINIMUM_STREAM = 4096  # smaller streams would go to the mini stream, which this does not write


def compound_file(streams: dict[str, bytes]) -> bytes:
    """An OLE compound file holding the streams (at most three, each padded to 4 KB)."""
    assert len(streams) <= 3
    padded = {name: data.ljust(_MINIMUM_STREAM, b"\0") for name, data in streams.items()}
    fat = [_FAT_SECTOR, _END]  # sector 0: the allocation table, sector 1: the directory
    starts: dict[str, int] = {}
    for name, data in padded.items():
        count = -(-len(data) // _SECTOR)
        starts[name] = len(fat)
        fat.extend(range(len(fat) + 1, len(fat) + count))
        fat.append(_END)
    assert len(fat) <= _SECTOR // 4
    fat_sector = struct.pack(f"<{_SECTOR // 4}I", *(fat + [_FREE] * (_SECTOR // 4 - len(fat))))
    names = list(padded)
    entries = [_entry("Root Entry", 5, child=1, start=_END, size=0)]
    for index, name in enumerate(names, start=1):
        right = index + 1 if index < len(names) else _FREE
        entries.append(_entry(name, 2, right=right, start=starts[name], size=len(padded[name])))
    entries += [_entry("", 0)] * (4 - len(entries))
    header = (
        bytes.fromhex("D0CF11E0A1B11AE1")
        + bytes(16)
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + bytes(6)
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, _END, 0, _END, 0)
        + struct.pack("<109I", 0, *([_FREE] * 108))
    )
    body = b"".join(
        padded[name].ljust(-(-len(padded[name]) // _SECTOR) * _SECTOR, b"\0") for name in names
    )
    return header + fat_sector + b"".join(entries) + body


def _entry(
    name: str, kind: int, *, child: int = _FREE, right: int = _FREE, start: int = 0, size: int = 0
) -> bytes:
    encoded = (name + "\0").encode("utf-16-le") if name else b""
    return (
        encoded.ljust(64, b"\0")
        + struct.pack("<HBB", len(encoded), kind, 1)
        + struct.pack("<III", _FREE, right, child)
        + bytes(16 + 4 + 16)
        + struct.pack("<IQ", start, size)
    )


Value = str | int | float | date


def xls_workbook(
    sheets: dict[str, dict[tuple[int, int], Value]],
    merges: dict[str, list[tuple[int, int, int, int]]] | None = None,
    hidden: tuple[str, ...] = (),
) -> bytes:
    """A BIFF8 workbook: sheets of 0-based (row, column) -> value, merged (r1, c1, r2, c2)."""
    merges = merges or {}
    strings = sorted({v for cells in sheets.values() for v in cells.values() if isinstance(v, str)})
    index = {s: i for i, s in enumerate(strings)}
    sst = struct.pack("<II", len(strings), len(strings)) + b"".join(
        struct.pack("<HB", len(s), 1) + s.encode("utf-16-le") for s in strings
    )
    xfs = [
        _record(
            0x00E0,
            struct.pack(
                "<HHHBBBBIIH",
                0,
                14 if i == 16 else 0,
                0xFFF5 if i < 15 else 1,
                0x20,
                0,
                0,
                0,
                0,
                0,
                0x20C0,
            ),
        )
        for i in range(17)
    ]
    globals_head = _record(
        0x0809, struct.pack("<HHHHII", 0x0600, 0x0005, 0x0DBB, 0x07CC, 0, 6)
    ) + _record(0x0042, struct.pack("<H", 1200))
    globals_head += _font_records() + b"".join(xfs)
    sheet_streams = [_sheet(cells, index, merges.get(name, [])) for name, cells in sheets.items()]
    bound_size = sum(len(_boundsheet(name, 0, name in hidden)) for name in sheets)
    offset = len(globals_head) + bound_size + len(_record(0x00FC, sst)) + len(_record(0x000A, b""))
    bounds = b""
    for (name, _), stream in zip(sheets.items(), sheet_streams, strict=True):
        bounds += _boundsheet(name, offset, name in hidden)
        offset += len(stream)
    return compound_file(
        {
            "Workbook": globals_head
            + bounds
            + _record(0x00FC, sst)
            + _record(0x000A, b"")
            + b"".join(sheet_streams)
        }
    )


def _font_records() -> bytes:
    name = "Arial"
    font = (
        struct.pack("<HHHHHBBBB", 200, 0, 0x7FFF, 400, 0, 0, 0, 0, 0)
        + struct.pack("<BB", len(name), 1)
        + name.encode("utf-16-le")
    )
    return _record(0x0031, font) * 4


def _boundsheet(name: str, offset: int, hidden: bool) -> bytes:
    return _record(
        0x0085,
        struct.pack("<IBB", offset, 1 if hidden else 0, 0)
        + struct.pack("<BB", len(name), 1)
        + name.encode("utf-16-le"),
    )


def _sheet(
    cells: dict[tuple[int, int], Value],
    strings: dict[str, int],
    merges: list[tuple[int, int, int, int]],
) -> bytes:
    rows = max((r for r, _ in cells), default=0) + 1
    columns = max((c for _, c in cells), default=0) + 1
    out = _record(0x0809, struct.pack("<HHHHII", 0x0600, 0x0010, 0x0DBB, 0x07CC, 0, 6))
    out += _record(0x0200, struct.pack("<IIHHH", 0, rows, 0, columns, 0))
    for (row, column), value in sorted(cells.items()):
        if isinstance(value, str):
            out += _record(0x00FD, struct.pack("<HHHI", row, column, 15, strings[value]))
        elif isinstance(value, date):
            serial = (value - date(1899, 12, 30)).days
            out += _record(0x0203, struct.pack("<HHHd", row, column, 16, float(serial)))
        else:
            out += _record(0x0203, struct.pack("<HHHd", row, column, 15, float(value)))
    if merges:
        out += _record(
            0x00E5,
            struct.pack("<H", len(merges))
            + b"".join(struct.pack("<HHHH", r1, r2, c1, c2) for r1, c1, r2, c2 in merges),
        )
    return out + _record(0x000A, b"")


def _record(kind: int, data: bytes) -> bytes:
    return struct.pack("<HH", kind, len(data)) + data
