"""Telling a file's format by its content, and refusing what is not a document we read.

The first bytes say most: ``%PDF``, a zip container (Word, Excel and OpenDocument files are
zips, told apart by their ``[Content_Types].xml`` or ``mimetype`` member), an OLE compound file
(an old .xls, or a password-protected Office file), HTML, or text (CSV when a delimiter splits
it into rows of one width, else a text export). A zip is measured from its directory before
any member is unpacked, so a zip bomb is refused at no cost. The file's extension only breaks
ties (a one-column .csv file); when it names another format than the content ("plan.pdf" that
is an Excel workbook) the file is refused with what it really is, since the person uploading
it has probably picked the wrong file.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from councilplan.imports.problems import ImportProblem
from councilplan.imports.text.source import looks_binary

from . import ole
from .csv_text import detect_delimiter
from .encoding import bom_encoding, decode_text
from .limits import Limits

# What each format is called in messages.
NAMES = {
    "pdf": "a PDF document",
    "docx": "a Word document (.docx)",
    "xlsx": "an Excel workbook (.xlsx)",
    "xls": "an Excel 97-2003 workbook (.xls)",
    "ods": "an OpenDocument spreadsheet (.ods)",
    "csv": "a CSV file",
    "html": "a web page (HTML)",
    "text": "a plain-text file",
}
# Extensions that name one format; a file with one of these must hold that format.
_EXTENSIONS = {
    ".pdf": {"pdf"},
    ".docx": {"docx"},
    ".docm": {"docx"},
    ".xlsx": {"xlsx"},
    ".xlsm": {"xlsx"},
    ".ods": {"ods"},
    # Many systems' "Excel" exports are really HTML, CSV or tab-separated text named .xls.
    ".xls": {"xls", "html", "csv", "text"},
    ".csv": {"csv", "text"},
    ".tsv": {"csv", "text"},
    ".txt": {"csv", "text", "html"},
    ".htm": {"html"},
    ".html": {"html"},
}
_CONTENT_TYPES = (
    ("wordprocessingml.document.main", "docx"),
    ("ms-word.document.macroEnabled.main", "docx"),
    ("spreadsheetml.sheet.main", "xlsx"),
    ("ms-excel.sheet.macroEnabled.main", "xlsx"),
)
_OTHER_ZIPS = (
    ("presentationml", "This is a PowerPoint presentation: save its tables as Excel or Word."),
    ("spreadsheetml.template", "This is an Excel template: save it as a workbook (.xlsx)."),
    ("wordprocessingml.template", "This is a Word template: save it as a document (.docx)."),
)
_HTML_START = re.compile(
    r"^(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
    r"<(?:!doctype\s+html|html|head|body|meta|title|table|div|h[1-6]|p)\b",
    re.IGNORECASE | re.DOTALL,
)
_SMALL_MEMBER = 1024 * 1024  # [Content_Types].xml and mimetype are a few KB


def sniff_format(path: Path, limits: Limits) -> str:
    """The format name of ``EXTRACTORS`` for this file, or an ImportProblem saying why not."""
    with path.open("rb") as stream:
        head = stream.read(8192)
    if head.startswith(b"%PDF"):
        kind = "pdf"
    elif head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        kind = _zip_kind(path, limits)
    elif head.startswith(ole.MAGIC):
        kind = _compound_kind(path)
    else:
        kind = _text_kind(path, head)
    _check_extension(path, kind)
    return kind


def _zip_kind(path: Path, limits: Limits) -> str:
    """docx, xlsx or ods by the container's own description, after the zip-bomb checks."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            check_unpacked_size(members, limits, path.name)
            names = {member.filename for member in members}
            if "mimetype" in names:
                mimetype = _small_member(archive, "mimetype").decode("ascii", "replace")
                if mimetype.strip() == "application/vnd.oasis.opendocument.spreadsheet":
                    return "ods"
                raise ImportProblem(
                    f'This OpenDocument file holds "{mimetype.strip()}", not a spreadsheet: '
                    "save it as .docx, .xlsx or .ods.",
                    file=path.name,
                )
            if "[Content_Types].xml" in names:
                types = _small_member(archive, "[Content_Types].xml").decode("utf-8", "replace")
                return _office_kind(types, path.name)
    except zipfile.BadZipFile as exc:
        raise ImportProblem(
            f"The file is a damaged zip container (as Word and Excel files are): {exc}.",
            file=path.name,
        ) from exc
    raise ImportProblem(
        "This is a zip archive, not a document: upload the Word, Excel or CSV file inside it.",
        file=path.name,
    )


def check_unpacked_size(members: list[zipfile.ZipInfo], limits: Limits, name: str) -> None:
    """Refuse a zip whose members unpack to too much, or one that is compressed too well."""
    total = sum(member.file_size for member in members)
    if total > limits.max_unpacked_bytes:
        raise ImportProblem(
            f"The file unpacks to {_size(total)}, over the limit of "
            f"{_size(limits.max_unpacked_bytes)}.",
            file=name,
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > 1024 * 1024 and ratio > limits.max_compression_ratio:
            raise ImportProblem(
                f'Part "{member.filename}" unpacks to {ratio:,.0f} times its size, over the '
                f"limit of {limits.max_compression_ratio}: it looks like a zip bomb.",
                file=name,
            )


def _size(count: int) -> str:
    return f"{count / 1024**3:.1f} GB" if count >= 1024**3 else f"{count / 1024**2:.0f} MB"


def _small_member(archive: zipfile.ZipFile, name: str) -> bytes:
    with archive.open(name) as member:
        return member.read(_SMALL_MEMBER)


def _office_kind(content_types: str, name: str) -> str:
    for marker, kind in _CONTENT_TYPES:
        if marker in content_types:
            return kind
    for marker, message in _OTHER_ZIPS:
        if marker in content_types:
            raise ImportProblem(message, file=name)
    raise ImportProblem(
        "This Office file is neither a Word document nor an Excel workbook.", file=name
    )


def _compound_kind(path: Path) -> str:
    """xls for an Excel 97-2003 workbook; a clear refusal for the rest."""
    try:
        streams = {stream.lower() for stream in ole.stream_names(path.read_bytes())}
    except (ole.CompoundFileError, IndexError, ValueError) as exc:
        raise ImportProblem(
            f"The file is a damaged Office 97-2003 file: {exc}.", file=path.name
        ) from exc
    if "encryptioninfo" in streams or "encryptedpackage" in streams:
        raise ImportProblem(
            "The file is password-protected: save it without a password and try again.",
            file=path.name,
        )
    if "workbook" in streams or "book" in streams:
        return "xls"
    if "worddocument" in streams:
        raise ImportProblem(
            "This is a Word 97-2003 document (.doc): save it as .docx and try again.",
            file=path.name,
        )
    raise ImportProblem(
        "This Office 97-2003 file is not an Excel workbook: save it as .xlsx or .docx.",
        file=path.name,
    )


def _text_kind(path: Path, head: bytes) -> str:
    """html, csv or text for a text file; binary junk refused."""
    if bom_encoding(head) is None and looks_binary(head):
        raise ImportProblem(
            "This is not a document councilplan reads (it looks like binary data).",
            file=path.name,
        )
    text = decode_text(path.read_bytes(), path.name)
    start = text.lstrip("\ufeff \t\r\n")
    if _HTML_START.match(start) or "<html" in start[:2048].lower():
        return "html"
    if not start:
        raise ImportProblem("The file is empty.", file=path.name)
    if detect_delimiter(text) is not None:
        return "csv"
    return "csv" if path.suffix.lower() in (".csv", ".tsv") else "text"


def _check_extension(path: Path, kind: str) -> None:
    """Refuse a file whose extension names another format than its content."""
    allowed = _EXTENSIONS.get(path.suffix.lower())
    if allowed is not None and kind not in allowed:
        raise ImportProblem(
            f'The file is named "{path.name}" but it is {NAMES[kind]}: check that this is '
            "the file you meant, and give it the right extension.",
            file=path.name,
        )
