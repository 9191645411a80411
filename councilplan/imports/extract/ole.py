"""The names of the streams in an OLE compound file (old .xls and .doc, encrypted Office files).

An Excel 97-2003 workbook, a Word 97-2003 document and a password-protected .xlsx or .docx
all start with the same eight bytes (``D0 CF 11 E0``): only the streams inside tell them apart
("Workbook", "WordDocument", "EncryptionInfo"). Reading the directory of the compound file
needs its sector allocation table and nothing else, so this is done here, bounded by the
file's size, rather than with a library that would parse the whole file.
"""

from __future__ import annotations

import struct

MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
_END_OF_CHAIN = 0xFFFFFFFE
_HEADER_DIFAT = 109
_ENTRY = 128


class CompoundFileError(ValueError):
    """The bytes are not a readable compound file (damaged or cut short)."""


def stream_names(data: bytes) -> set[str]:
    """The names of all streams and storages in a compound file's directory."""
    if len(data) < 512 or not data.startswith(MAGIC):
        raise CompoundFileError("no compound file header")
    shift = struct.unpack_from("<H", data, 30)[0]
    if shift not in (9, 12):
        raise CompoundFileError("bad sector size")
    size = 1 << shift
    sectors = (len(data) - 512) // size + 1
    fat = _fat(data, size, sectors)
    names: set[str] = set()
    for sector in _chain(fat, struct.unpack_from("<I", data, 48)[0], sectors):
        start = (sector + 1) * size
        for offset in range(start, min(start + size, len(data) - _ENTRY + 1), _ENTRY):
            length = struct.unpack_from("<H", data, offset + 64)[0]
            kind = data[offset + 66]
            if kind in (1, 2, 5) and 2 <= length <= 64:
                names.add(data[offset : offset + length - 2].decode("utf-16-le", "replace"))
    return names


def _fat(data: bytes, size: int, sectors: int) -> list[int]:
    """The sector allocation table, from the header's list of its sectors and any more."""
    fat_sectors = [s for s in struct.unpack_from(f"<{_HEADER_DIFAT}I", data, 76) if s < sectors]
    per_difat = size // 4 - 1
    next_difat = struct.unpack_from("<I", data, 68)[0]
    seen = 0
    while next_difat < sectors and seen < sectors:
        entries = struct.unpack_from(f"<{per_difat + 1}I", data, (next_difat + 1) * size)
        fat_sectors += [s for s in entries[:per_difat] if s < sectors]
        next_difat = entries[per_difat]
        seen += 1
    fat: list[int] = []
    for sector in fat_sectors:
        start = (sector + 1) * size
        if start + size > len(data):
            raise CompoundFileError("allocation table past the end of the file")
        fat.extend(struct.unpack_from(f"<{size // 4}I", data, start))
    return fat


def _chain(fat: list[int], first: int, sectors: int) -> list[int]:
    """The sectors of a chain, refusing loops and sectors past the end of the file."""
    chain: list[int] = []
    sector = first
    while sector != _END_OF_CHAIN:
        if sector >= sectors or sector >= len(fat) or len(chain) > sectors:
            raise CompoundFileError("broken sector chain")
        chain.append(sector)
        sector = fat[sector]
    return chain
