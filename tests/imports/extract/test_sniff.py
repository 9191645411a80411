"""A file's format is told by its content; bad and mislabelled files are refused clearly.

The Office files here are built in the tests (see office97.py and opendocument.py for why):
no real .docx, .xlsx, .xls or .ods file can be had from the text-only public sources used.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import openpyxl
import pytest

from councilplan.imports.extract import extract
from councilplan.imports.extract.limits import Limits
from councilplan.imports.extract.sniff import sniff_format
from councilplan.imports.problems import ImportProblem

from .office97 import compound_file, xls_workbook
from .opendocument import write_ods

FILES = Path(__file__).parent / "files"


def _xlsx() -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.append(["Measure", "Target"])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("Council Plan")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _ods(tmp_path: Path) -> bytes:
    write_ods(tmp_path / "made.ods", {"KPIs": [["Measure", "Target"], ["Homes", 250]]})
    return (tmp_path / "made.ods").read_bytes()


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


Maker = Callable[[Path], bytes]

KINDS: list[tuple[str, Maker, str]] = [
    ("report.pdf", lambda _: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "pdf"),
    ("plan.docx", lambda _: _docx(), "docx"),
    ("kpis.xlsx", lambda _: _xlsx(), "xlsx"),
    ("kpis.ods", _ods, "ods"),
    ("kpis.xls", lambda _: xls_workbook({"KPIs": {(0, 0): "Measure"}}), "xls"),
    ("page.html", lambda _: b"<!DOCTYPE html>\n<html><body><p>Plan</p></body></html>", "html"),
    ("table.htm", lambda _: b"\n  <table><tr><td>Measure</td></tr></table>", "html"),
    ("kpis.csv", lambda _: b"Measure,Target,Actual\nHomes,250,261\nBins,40,35\n", "csv"),
    ("kpis.csv", lambda _: b"Indicateur;Cible\nLogements;250\nD\xe9chets;40\n", "csv"),
    ("kpis.tsv", lambda _: b"Measure\tTarget\nHomes\t250\nBins\t40\n", "csv"),
    ("one-column.csv", lambda _: b"Measure\nHomes\nBins\n", "csv"),
    ("export.txt", lambda _: (FILES / "plan-export.txt").read_bytes(), "text"),
    ("no extension", lambda _: b"Measure,Target\nHomes,250\nBins,40\n", "csv"),
    ("excel-export.xls", lambda _: b"<html><table><tr><td>1</td></tr></table></html>", "html"),
    ("renamed.bin", lambda _: _xlsx(), "xlsx"),
]


@pytest.mark.parametrize(("name", "make", "kind"), KINDS, ids=[f"{k[0]} {k[2]}" for k in KINDS])
def test_format_is_told_by_content(tmp_path: Path, name: str, make: Maker, kind: str) -> None:
    path = tmp_path / name
    path.write_bytes(make(tmp_path))
    assert sniff_format(path, Limits()) == kind


def test_the_seed_exports_are_text(seeds: Path) -> None:
    assert {sniff_format(p, Limits()) for p in sorted(seeds.glob("*.txt"))} == {"text"}


BAD: list[tuple[str, Maker, str]] = [
    ("kpis.pdf", lambda _: _xlsx(), 'named "kpis.pdf" but it is an Excel workbook (.xlsx)'),
    ("plan.xlsx", lambda _: _docx(), "but it is a Word document (.docx)"),
    ("plan.docx", lambda _: b"%PDF-1.4 ...", "but it is a PDF document"),
    ("kpis.xlsx", lambda _: b"Measure,Target\nHomes,250\n", "but it is a CSV file"),
    (
        "locked.xlsx",
        lambda _: compound_file({"EncryptionInfo": b"\4\0", "EncryptedPackage": b""}),
        "password-protected: save it without a password and try again",
    ),
    ("old.doc", lambda _: compound_file({"WordDocument": b"\xec\xa5"}), "Word 97-2003 document"),
    ("odd.xls", lambda _: compound_file({"Contents": b""}), "not an Excel workbook"),
    ("cut.xls", lambda _: xls_workbook({"A": {(0, 0): 1}})[:600], "damaged Office 97-2003 file"),
    ("photos.zip", lambda _: _zip({"a.jpg": b"\xff\xd8"}), "zip archive, not a document"),
    (
        "letter.odt",
        lambda _: _zip({"mimetype": b"application/vnd.oasis.opendocument.text"}),
        "not a spreadsheet",
    ),
    (
        "slides.xlsx",
        lambda _: _zip({"[Content_Types].xml": b"presentationml.presentation"}),
        "PowerPoint",
    ),
    ("broken.xlsx", lambda _: b"PK\x03\x04" + b"\x00" * 200, "damaged zip container"),
    ("photo.csv", lambda _: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 40, "binary data"),
    ("odd.txt", lambda _: b"\xff\xfeM\x00e\x00a", "cannot be read as utf-16"),
]


@pytest.mark.parametrize(("name", "make", "message"), BAD, ids=[b[0] for b in BAD])
def test_bad_files_are_refused_saying_what_they_are(
    tmp_path: Path, name: str, make: Maker, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(make(tmp_path))
    with pytest.raises(ImportProblem) as caught:
        sniff_format(path, Limits())
    assert message in str(caught.value)
    assert str(caught.value).startswith(name)  # the place comes first


def test_a_zip_bomb_is_refused_before_anything_is_unpacked(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(
        _zip({"[Content_Types].xml": b"spreadsheetml.sheet.main", "x": bytes(3 << 20)})
    )
    with pytest.raises(ImportProblem, match=r"unpacks to 3 MB, over the limit of 2 MB"):
        sniff_format(path, Limits(max_unpacked_bytes=2 << 20))
    with pytest.raises(ImportProblem, match=r'Part "x" unpacks to [\d,]+ times its size'):
        sniff_format(path, Limits())


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    with pytest.raises(ImportProblem, match=r"empty.csv: The file is empty"):
        extract(path)


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_bytes(b"a,b\n" * 1000)
    with pytest.raises(ImportProblem, match=r"over the limit"):
        extract(path, limits=Limits(max_bytes=100))
