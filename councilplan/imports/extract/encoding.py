"""Turning the bytes of a text file (CSV, HTML, a text export) into text, whatever its encoding.

Councils' files come as UTF-8 (with or without a byte order mark), as Windows-1252 from older
Excel and finance systems ("£" as one byte 0xA3), and now and then as UTF-16 ("Unicode text"
saved from Excel). A byte order mark decides; then strict UTF-8; then charset-normalizer's
guess, where a guess of any Western European code page is read as Windows-1252, the one such
files use in the UK (charset-normalizer cannot tell 1252 from 1250 on a short file, and a
"£" or "é" read as the wrong one changes the words).
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from councilplan.imports.problems import ImportProblem

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_WESTERN = {"cp1250", "cp1252", "latin_1", "iso8859_15", "iso8859_2", "cp1254", "mac_roman"}
_GUESS_BYTES = 256 * 1024  # enough of a large file to tell its encoding


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte order mark at the start of ``data`` names, if it has one."""
    return next((name for bom, name in _BOMS if data.startswith(bom)), None)


def decode_text(data: bytes, name: str) -> str:
    """The text of a file, refused with the line of the first bad byte if it cannot be read."""
    encoding = bom_encoding(data)
    if encoding is None:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            encoding = guess_encoding(data)
    if encoding is None:
        raise ImportProblem(
            "The text's encoding cannot be recognised: save it as UTF-8 and try again.",
            file=name,
        )
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ImportProblem(
            f"The text cannot be read as {encoding} (byte {exc.start}): "
            "save it as UTF-8 and try again.",
            file=name,
            line=data[: exc.start].count(b"\n") + 1,
        ) from exc


def guess_encoding(data: bytes) -> str | None:
    """charset-normalizer's guess for text that is not UTF-8, Western guesses as Windows-1252."""
    best = from_bytes(data[:_GUESS_BYTES]).best()
    if best is None:
        return None
    guess = codecs.lookup(best.encoding).name.replace("-", "_")
    if guess in _WESTERN or guess.startswith("iso8859"):
        try:
            data.decode("cp1252")
        except UnicodeDecodeError:
            return str(best.encoding)
        return "cp1252"
    return str(best.encoding)
