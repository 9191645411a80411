"""Renderers: one per format, each writing any ``Report`` (so no report has rendering code)."""

from collections.abc import Callable
from dataclasses import dataclass

from councilplan.domain.periods import Period
from councilplan.reports.shape import Report

from . import csv, docx, html, pdf, xlsx


@dataclass(frozen=True)
class Format:
    """A file format a report can be written in: its renderer, extension and content type."""

    name: str
    extension: str
    content_type: str
    render: Callable[[Report], bytes]


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("html", "html", "text/html; charset=utf-8", html.render),
        Format("pdf", "pdf", "application/pdf", pdf.render),
        Format(
            "docx",
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            docx.render,
        ),
        Format(
            "xlsx",
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            xlsx.render,
        ),
        Format("csv", "csv", "text/csv; charset=utf-8", csv.render),
    )
}


def filename(plan_slug: str, kind: str, period: Period, format_name: str) -> str:
    """The file name a report downloads as: "council-plan-annual-results-2020-21-Q4.pdf"."""
    return f"{plan_slug}-{kind}-{period.code.replace('/', '-')}.{FORMATS[format_name].extension}"


def render(report: Report, format_name: str) -> bytes:
    """The report written in the named format."""
    try:
        return FORMATS[format_name].render(report)
    except KeyError:
        names = ", ".join(FORMATS)
        raise ValueError(f'No format "{format_name}": choose one of {names}.') from None
