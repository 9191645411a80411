"""Server-rendered SVG charts: they need no JavaScript and go into PDF and Word as they are.

Each chart has a title and a description for screen readers, and writes its numbers as text
beside the marks; pages show the same numbers in a table next to it. Colours never carry
meaning alone: every coloured mark has its words.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from html import escape

from django.utils.safestring import SafeString, mark_safe

from councilplan.domain.rollups import StatusBreakdown
from councilplan.domain.status import Polarity, RagStatus
from councilplan.domain.units import Unit, format_value
from councilplan.measures.models import ComparatorValue, Measure
from councilplan.measures.selectors import MeasureResult, MeasureSeries, measure_series

WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 640, 260, 64, 16, 16, 40
INK, AXIS, VALUE_COLOUR, TO_DATE_COLOUR = "#0b0c0c", "#505a5f", "#1d70b8", "#005a30"
# GOV.UK Frontend's tag colours, by RagStatus.colour.
FILL = {
    "green": "#00703c",
    "turquoise": "#28a197",
    "yellow": "#ffdd00",
    "orange": "#f47738",
    "red": "#d4351c",
    "blue": "#1d70b8",
    "grey": "#b1b4b6",
    "purple": "#4c2c92",
}
COMPARATOR_COLOURS = ["#505a5f", "#912b88", "#f499be", "#85994b"]


def _open(ident: str, width: int, height: int, title: str, description: str) -> list[str]:
    """The opening of an accessible SVG: a role, a title and a description, ids made unique."""
    return [
        f'<svg class="cp-chart" viewBox="0 0 {width} {height}" role="img"'
        f' aria-labelledby="{ident}-title {ident}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(description)}</desc>',
    ]


def _close(parts: list[str]) -> SafeString:
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text in it is escaped


def _text(x: float, y: float, text: str, anchor: str = "start", bold: bool = False) -> str:
    style = 'font-family="Arial, sans-serif" font-size="12"' + (
        ' font-weight="bold"' if bold else ""
    )
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="{INK}" {style}>'
        f"{escape(text)}</text>"
    )


def _comparator_series(comparators: Sequence[ComparatorValue]) -> dict[str, dict[object, Decimal]]:
    """Comparator values by series name ("England / national", "Region: East Midlands")."""
    series: dict[str, dict[object, Decimal]] = {}
    for c in comparators:
        name = c.get_kind_display() + (f": {c.area_name}" if c.area_name else "")
        series.setdefault(name, {})[c.period] = c.value
    return series


def measure_charts(
    measure: Measure,
    results: Sequence[MeasureResult],
    comparators: Sequence[ComparatorValue] = (),
    *,
    ident: str = "chart",
) -> list[tuple[MeasureSeries, SafeString]]:
    """One chart per length of period (months, quarters, years), never two on one line."""
    return [
        (
            series,
            measure_chart(
                measure,
                series.results,
                comparators,
                ident=f"{ident}-{series.kind}",
                heading=series.heading,
            ),
        )
        for series in measure_series(results)
    ]


def measure_chart(
    measure: Measure,
    results: Sequence[MeasureResult],
    comparators: Sequence[ComparatorValue] = (),
    *,
    ident: str = "chart",
    heading: str = "",
) -> SafeString:
    """Values over periods of one length as a line, targets as dashes, comparators as squares,
    and for a sum of periods the year to date as a second line (its targets are to date); the
    title says the polarity. Empty when there is nothing to draw."""
    series = _comparator_series(comparators)
    points = [(r.period, r.period_value, r.target_value, r.year_to_date) for r in results]
    cumulative = any(to_date is not None for *_, to_date in points)
    numbers = [n for _, v, t, d in points for n in (v, t, d) if n is not None]
    shown_periods = {period for period, *_ in points}
    numbers += [v for vals in series.values() for p, v in vals.items() if p in shown_periods]
    if not numbers:
        return mark_safe("")
    low, high = min(Decimal(0), *numbers), max(numbers)
    span = (high - low) or Decimal(1)
    step = (WIDTH - LEFT - RIGHT) / max(len(points), 1)
    legend_height = 18 * (1 + len(series) + cumulative)
    height = HEIGHT + legend_height

    def x(i: int) -> float:
        return LEFT + step * (i + 0.5)

    def y(n: Decimal) -> float:
        return TOP + float((high - n) / span) * (HEIGHT - TOP - BOTTOM)

    unit = Unit(measure.unit)

    def shown(n: Decimal | None) -> str:
        return format_value(n, unit, measure.decimals) if n is not None else "no value"

    described = []
    for period, value, target, to_date in points:
        words = [f"{period.label}: {shown(value)}"]
        if to_date is not None:
            words.append(f"year to date {shown(to_date)}")
        if target is not None:
            words.append(f"target{' to date' if cumulative else ''} {shown(target)}")
        words += [
            f"{name} {shown(vals[period])}" for name, vals in series.items() if period in vals
        ]
        described.append(", ".join(words))
    polarity = Polarity(measure.polarity)
    bottom = HEIGHT - BOTTOM
    title = f"{measure.title}{f': {heading.lower()}' if heading else ''} ({polarity.phrase})"
    parts = _open(ident, WIDTH, height, title, "; ".join(described))
    parts += [
        f'<line x1="{LEFT}" y1="{bottom}" x2="{WIDTH - RIGHT}" y2="{bottom}" stroke="{AXIS}"/>',
        _text(LEFT - 6, y(high) + 4, shown(high), "end"),
        _text(LEFT - 6, y(low) + 4, shown(low), "end"),
    ]
    line = [f"{x(i):.1f},{y(v):.1f}" for i, (_, v, _, _) in enumerate(points) if v is not None]
    if len(line) > 1:
        parts.append(
            f'<polyline points="{" ".join(line)}" fill="none" stroke="{VALUE_COLOUR}"'
            ' stroke-width="3"/>'
        )
    to_date_line = [f"{x(i):.1f},{y(d):.1f}" for i, (*_, d) in enumerate(points) if d is not None]
    if len(to_date_line) > 1:
        parts.append(
            f'<polyline points="{" ".join(to_date_line)}" fill="none" stroke="{TO_DATE_COLOUR}"'
            ' stroke-width="2"/>'
        )
    for i, (period, value, target, to_date) in enumerate(points):
        if value is not None:
            parts.append(
                f'<circle cx="{x(i):.1f}" cy="{y(value):.1f}" r="5" fill="{VALUE_COLOUR}"/>'
            )
        if to_date is not None:
            parts.append(_triangle(x(i), y(to_date)))
        if target is not None:
            parts.append(_dash(x(i), y(target)))
        for colour, values in zip(COMPARATOR_COLOURS * 4, series.values(), strict=False):
            if period in values:
                parts.append(_square(x(i) + 10, y(values[period]), colour))
        parts.append(_text(x(i), bottom + 18, period.label, "middle"))
    parts += _measure_legend(HEIGHT + 4, polarity, list(series), cumulative=cumulative)
    return _close(parts)


def _triangle(cx: float, cy: float) -> str:
    return (
        f'<polygon points="{cx:.1f},{cy - 6:.1f} {cx + 6:.1f},{cy + 5:.1f} {cx - 6:.1f},'
        f'{cy + 5:.1f}" fill="{TO_DATE_COLOUR}"/>'
    )


def _dash(cx: float, cy: float) -> str:
    return (
        f'<line x1="{cx - 14:.1f}" x2="{cx + 14:.1f}" y1="{cy:.1f}" y2="{cy:.1f}"'
        f' stroke="{INK}" stroke-width="3" stroke-dasharray="4 3"/>'
    )


def _square(cx: float, cy: float, colour: str) -> str:
    return f'<rect x="{cx - 4:.1f}" y="{cy - 4:.1f}" width="8" height="8" fill="{colour}"/>'


def _measure_legend(
    top: float, polarity: Polarity, comparators: list[str], *, cumulative: bool = False
) -> list[str]:
    """A key under a measure chart: value, target, year to date, each comparator, and which
    way is better."""
    parts = [
        f'<circle cx="{LEFT + 5}" cy="{top + 6}" r="5" fill="{VALUE_COLOUR}"/>',
        _text(LEFT + 14, top + 10, "Value"),
        _dash(LEFT + 90, top + 6),
        _text(LEFT + 108, top + 10, "Target to date" if cumulative else "Target"),
        _text(WIDTH - RIGHT, top + 10, polarity.label, "end", bold=True),
    ]
    rows = [(_triangle(LEFT + 5, top + 24), "Year to date")] if cumulative else []
    rows += [
        (_square(LEFT + 5, top + 24 + 18 * (len(rows) + n), colour), name)
        for n, (name, colour) in enumerate(zip(comparators, COMPARATOR_COLOURS * 4, strict=False))
    ]
    for row, (mark, name) in enumerate(rows):
        parts += [mark, _text(LEFT + 14, top + 28 + 18 * row, name)]
    return parts


def breakdown_chart(
    rows: Sequence[tuple[str, StatusBreakdown]], *, ident: str, title: str
) -> SafeString:
    """Status counts per group as stacked horizontal bars, each followed by its counts in words."""
    if not rows:
        return mark_safe("")
    label_width, bar_width, row_height = 220, 200, 26
    most = max(b.total for _, b in rows) or 1
    height = TOP + row_height * len(rows) + 8
    described = "; ".join(f"{label}: {_counts(b)}" for label, b in rows)
    parts = _open(ident, WIDTH + 200, height, title, described)
    for i, (label, breakdown) in enumerate(rows):
        top = TOP + i * row_height
        parts.append(_text(label_width - 8, top + 13, _short(label, 34), "end"))
        left = float(label_width)
        for status, count in breakdown.counts:
            width = bar_width * count / most
            parts.append(
                f'<rect x="{left:.1f}" y="{top:.1f}" width="{width:.1f}" height="18"'
                f' fill="{FILL[status.colour]}" stroke="#ffffff"/>'
            )
            left += width
        parts.append(_text(label_width + bar_width + 8, top + 13, _counts(breakdown)))
    return _close(parts)


def _counts(breakdown: StatusBreakdown) -> str:
    return ", ".join(f"{count} {status.label}" for status, count in breakdown.counts) or "none"


def _short(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def on_track_percent(breakdown: StatusBreakdown) -> Decimal:
    """The share of rated actions that are on track or completed (Green or Blue), in percent."""
    on_track = breakdown.share(RagStatus.GREEN, of_rated=True) + breakdown.share(
        RagStatus.BLUE, of_rated=True
    )
    return (on_track * 100).quantize(Decimal(1))


def trend_chart(points: Sequence[tuple[str, Decimal | None]], *, ident: str) -> SafeString:
    """The share on track per period as vertical bars, each labelled with its percentage."""
    if not points:
        return mark_safe("")
    step = (WIDTH - LEFT - RIGHT) / len(points)
    bottom = HEIGHT - BOTTOM
    described = "; ".join(
        f"{label}: {'no rated actions' if v is None else f'{v}%'}" for label, v in points
    )
    parts = _open(ident, WIDTH, HEIGHT, "Share of actions on track or completed", described)
    parts += [
        f'<line x1="{LEFT}" y1="{bottom}" x2="{WIDTH - RIGHT}" y2="{bottom}" stroke="{AXIS}"/>',
        _text(LEFT - 6, TOP + 4, "100%", "end"),
        _text(LEFT - 6, bottom + 4, "0%", "end"),
    ]
    for i, (label, value) in enumerate(points):
        centre = LEFT + step * (i + 0.5)
        if value is not None:
            top = bottom - float(value) / 100 * (bottom - TOP)
            parts.append(
                f'<rect x="{centre - step / 4:.1f}" y="{top:.1f}" width="{step / 2:.1f}"'
                f' height="{bottom - top:.1f}" fill="{FILL["green"]}"/>'
            )
            parts.append(_text(centre, top - 4, f"{value}%", "middle", bold=True))
        else:
            parts.append(_text(centre, bottom - 4, "no rating", "middle"))
        parts.append(_text(centre, bottom + 18, label, "middle"))
    return _close(parts)


@dataclass(frozen=True)
class TimelineBar:
    """One row of a timeline: an action's span, its milestones, and whether it has slipped."""

    label: str
    start: date
    end: date
    open_ended: bool
    slipped: bool
    completed: bool
    milestones: tuple[tuple[date, bool], ...]  # (due, slipped)


def timeline_chart(bars: Sequence[TimelineBar], *, as_at: date, ident: str) -> SafeString:
    """A Gantt chart of actions and milestones against the date they are judged at (a past
    period's end, or as_at while it is open); slipped rows say "Slipped"."""
    if not bars:
        return mark_safe("")
    first = min(*(b.start for b in bars), as_at)
    last = max(*(b.end for b in bars), as_at)
    days = max((last - first).days, 1)
    label_width, chart_width, row_height = 260, 440, 22
    height = TOP + 24 + row_height * len(bars)

    def x(d: date) -> float:
        return label_width + chart_width * (d - first).days / days

    slipped = sum(b.slipped for b in bars)
    described = (
        f"{len(bars)} actions from {first:%B %Y} to {last:%B %Y}; as at {as_at:%-d %B %Y}; "
        f"{slipped} slipped."
    )
    parts = _open(ident, WIDTH + 260, height, "Timeline of actions and milestones", described)
    parts += [
        _text(label_width, TOP + 8, f"{first:%b %Y}"),
        _text(label_width + chart_width, TOP + 8, f"{last:%b %Y}", "end"),
    ]
    for i, bar in enumerate(bars):
        top = TOP + 24 + i * row_height
        fill = FILL["red"] if bar.slipped else FILL["blue"] if bar.completed else FILL["green"]
        parts.append(_text(label_width - 8, top + 12, _short(bar.label, 40), "end"))
        parts.append(
            f'<rect x="{x(bar.start):.1f}" y="{top + 2:.1f}"'
            f' width="{max(x(bar.end) - x(bar.start), 3):.1f}" height="12" fill="{fill}"/>'
        )
        for due, late in bar.milestones:
            cx, cy = x(due), top + 8
            parts.append(
                f'<polygon points="{cx:.1f},{cy - 7:.1f} {cx + 7:.1f},{cy:.1f} {cx:.1f},'
                f'{cy + 7:.1f} {cx - 7:.1f},{cy:.1f}" fill="{FILL["red"] if late else INK}"'
                ' stroke="#ffffff"/>'
            )
        words = "Slipped" if bar.slipped else "Completed" if bar.completed else ""
        words += " (ongoing)" if bar.open_ended else ""
        parts.append(
            _text(label_width + chart_width + 8, top + 12, words.strip(), bold=bar.slipped)
        )
    parts += [
        f'<line x1="{x(as_at):.1f}" y1="{TOP + 12}" x2="{x(as_at):.1f}" y2="{height}"'
        f' stroke="{INK}" stroke-width="2" stroke-dasharray="6 3"/>',
        _text(x(as_at), TOP + 20, f"As at {as_at:%-d %b %Y}", "middle", bold=True),
    ]
    return _close(parts)
