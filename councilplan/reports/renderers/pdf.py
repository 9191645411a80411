"""A report as PDF: the HTML page laid out by WeasyPrint, tagged (PDF/UA-1) for screen readers."""

from weasyprint import HTML  # type: ignore[import-untyped]

from councilplan.reports.shape import Report

from .html import render_text


def render(report: Report) -> bytes:
    """The report as a tagged PDF (headings, tables and reading order for assistive tools)."""
    pdf = HTML(string=render_text(report)).write_pdf(pdf_variant="pdf/ua-1")
    assert pdf is not None  # write_pdf returns the bytes when given no target
    return pdf
