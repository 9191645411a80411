"""Server-rendered SVG charts: they need no JavaScript and go into PDF and Word as they are.

Each chart has a title and a description for screen readers; pages show the same numbers in
a table beside it.
"""

from decimal import Decimal
from html import escape

from django.utils.safestring import SafeString, mark_safe

from councilplan.domain.units import Unit, format_value
from councilplan.measures.models import Measure
from councilplan.measures.selectors import MeasureResult

WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 640, 260, 64, 16, 16, 40


def measure_chart(measure: Measure, results: list[MeasureResult]) -> SafeString:
    """Values over periods as a line, targets as dashes; empty when there is nothing to draw."""
    points = [
        (
            r.period.label,
            r.observation.figure if r.observation else None,
            r.target.value if r.target else None,
        )
        for r in results
    ]
    numbers = [n for _, v, t in points for n in (v, t) if n is not None]
    if not numbers:
        return mark_safe("")
    low, high = min(Decimal(0), *numbers), max(numbers)
    span = (high - low) or Decimal(1)
    step = (WIDTH - LEFT - RIGHT) / max(len(points), 1)

    def x(i: int) -> float:
        return LEFT + step * (i + 0.5)

    def y(n: Decimal) -> float:
        return TOP + float((high - n) / span) * (HEIGHT - TOP - BOTTOM)

    unit = Unit(measure.unit)

    def shown(n: Decimal | None) -> str:
        return format_value(n, unit, measure.decimals) if n is not None else "no value"

    description = "; ".join(f"{label}: {shown(v)}" for label, v, _ in points)
    bottom = HEIGHT - BOTTOM
    parts = [
        f'<svg class="cp-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img"'
        ' aria-labelledby="chart-title chart-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="chart-title">{escape(measure.title)}: '
        f"{escape(measure.get_polarity_display())}</title>",
        f'<desc id="chart-desc">{escape(description)}</desc>',
        f'<line x1="{LEFT}" y1="{bottom}" x2="{WIDTH - RIGHT}" y2="{bottom}" stroke="#505a5f"/>',
        _text(LEFT - 6, y(high) + 4, shown(high), "end"),
        _text(LEFT - 6, y(low) + 4, shown(low), "end"),
    ]
    line = [f"{x(i):.1f},{y(v):.1f}" for i, (_, v, _) in enumerate(points) if v is not None]
    if len(line) > 1:
        parts.append(
            f'<polyline points="{" ".join(line)}" fill="none" stroke="#1d70b8" stroke-width="3"/>'
        )
    for i, (label, value, target) in enumerate(points):
        if value is not None:
            parts.append(f'<circle cx="{x(i):.1f}" cy="{y(value):.1f}" r="5" fill="#1d70b8"/>')
        if target is not None:
            parts.append(
                f'<line x1="{x(i) - 14:.1f}" x2="{x(i) + 14:.1f}" y1="{y(target):.1f}"'
                f' y2="{y(target):.1f}" stroke="#0b0c0c" stroke-width="3" stroke-dasharray="4 3"/>'
            )
        parts.append(_text(x(i), bottom + 18, label, "middle"))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text in it is escaped


def _text(x: float, y: float, text: str, anchor: str) -> str:
    style = 'font-family="Arial, sans-serif" font-size="12"'
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" {style}>{escape(text)}</text>'
