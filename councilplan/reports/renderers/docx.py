"""A report as a Word document: real headings, captioned tables with repeating header rows."""

import io

from docx import Document
from docx.document import Document as WordDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.table import Table as WordTable

from councilplan.reports.shape import Report, Table


def render(report: Report) -> bytes:
    """The report as .docx; its title is set in the document's properties for screen readers."""
    document = Document()
    document.core_properties.title = report.title
    document.core_properties.subject = report.subtitle
    document.add_heading(report.title, level=0)
    document.add_paragraph(report.subtitle)
    for line in report.introduction:
        document.add_paragraph(line)
    for section in report.sections:
        document.add_heading(section.heading, level=section.level)
        for paragraph in section.paragraphs:
            document.add_paragraph(paragraph)
        for table in section.tables:
            document.add_paragraph(table.caption, style="Caption")
            add_table(document, table)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def add_table(document: WordDocument, table: Table) -> WordTable:
    """A Word table of the rows under a bold header that repeats on every page."""
    word = document.add_table(rows=1, cols=len(table.header))
    word.style = "Table Grid"
    for cell, text in zip(word.rows[0].cells, table.header, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    mark_header(word)
    for row in table.rows:
        for cell, text in zip(word.add_row().cells, row, strict=True):
            cell.text = text
    return word


def mark_header(word: WordTable) -> None:
    """Mark the first row as the table's header row (read as such, repeated across pages)."""
    properties = word.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)
