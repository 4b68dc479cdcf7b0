"""Line charts of dated values as SVG, drawn on the server.

Like the ward map, a chart is a picture of the table that goes beside it: every point has a
<title> with its series, date and value (the same words the table shows), each series has its
own marker shape and line style as well as colour, and a legend names them.
"""

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

WIDTH, PLOT_HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 80, 20, 20, 40  # BOTTOM holds the years; the legend goes below
COLOURS = ["#1d70b8", "#d4351c", "#00703c", "#4c2c92", "#b58840"]
DASHES = ["", "6 4", "2 3", "10 3 2 3", "1 1"]


@dataclass
class Series:
    name: str
    points: list[tuple[date, Decimal]] = field(default_factory=list)


def nice_top(largest: Decimal) -> Decimal:
    """The axis maximum: the smallest 1, 2 or 5 times a power of ten at or above the largest."""
    if largest <= 0:
        return Decimal(1)
    power = Decimal(10) ** math.floor(math.log10(largest))
    for step in (1, 2, 5, 10):
        if largest <= step * power:
            return step * power
    return 10 * power  # pragma: no cover - the loop always returns


def _marker(index: int, x: float, y: float, colour: str) -> str:
    if index % 3 == 1:  # square
        return f'<rect x="{x - 5:.1f}" y="{y - 5:.1f}" width="10" height="10" fill="{colour}"/>'
    if index % 3 == 2:  # diamond
        return (
            f'<path d="M{x:.1f},{y - 6:.1f} L{x + 6:.1f},{y:.1f} L{x:.1f},{y + 6:.1f} '
            f'L{x - 6:.1f},{y:.1f} Z" fill="{colour}"/>'
        )
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{colour}"/>'


@dataclass(frozen=True)
class Line:
    """A limit or target drawn across the chart, labelled in words (not by colour alone)."""

    label: str
    value: Decimal


def _limit_mark(line: Line | None, x1: float, y1: float, x2: float, y2: float, text_at) -> str:
    if line is None:
        return ""
    text_x, text_y, anchor = text_at
    return (
        f'<g class="th-chart__limit" data-limit="{line.value}">'
        f'<line x1="{x1:.1f}" x2="{x2:.1f}" y1="{y1:.1f}" y2="{y2:.1f}" stroke="#0b0c0c" '
        f'stroke-width="2" stroke-dasharray="8 4"/>'
        f'<text x="{text_x:.1f}" y="{text_y:.1f}" text-anchor="{anchor}" font-size="12" '
        f'font-weight="700">{escape(line.label)}</text></g>'
    )


def line_chart(
    series: list[Series],
    *,
    title: str,
    chart_id: str,
    describe: Callable[[Decimal], str],
    limit: Line | None = None,
) -> SafeString:
    """An SVG line chart; `describe` formats a value the way the table beside it does, and
    `limit`, if any, is drawn as a dashed line across it with its label."""
    points = [point for one in series for point in one.points]
    if not points:
        return mark_safe("")
    first = min(day for day, _ in points).toordinal()
    last = max(day for day, _ in points).toordinal()
    span = max(last - first, 1)
    top = nice_top(max([value for _, value in points] + ([limit.value] if limit else [])))
    plot_width, plot_height = WIDTH - LEFT - RIGHT, PLOT_HEIGHT
    axis_y = TOP + PLOT_HEIGHT
    height = axis_y + BOTTOM + 22 * math.ceil(len(series) / 2)

    def x_of(day: date) -> float:
        if last == first:
            return LEFT + plot_width / 2
        return LEFT + (day.toordinal() - first) / span * plot_width

    def y_of(value: Decimal) -> float:
        return TOP + plot_height - float(value / top) * plot_height

    grid = []
    for step in range(5):
        value = top * step / 4
        y = y_of(value)
        grid.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="#b1b4b6"/>'
            f'<text x="{LEFT - 8}" y="{y + 4:.1f}" text-anchor="end" font-size="12">'
            f"{escape(describe(value))}</text>"
        )
    years = range(date.fromordinal(first).year, date.fromordinal(last).year + 1)
    if len(years) > 1:  # a tick each 1 January
        ticks = [
            (date(year, 1, 1), str(year)) for year in years if date(year, 1, 1).toordinal() >= first
        ]
    else:  # within one year: the first and last dates, by month
        ends = sorted({date.fromordinal(first), date.fromordinal(last)})
        ticks = [(day, date_format(day, "M Y")) for day in ends]
    for day, label in ticks:
        x = x_of(day)
        # A label at either end of the axis reads inwards, so the chart does not cut it off.
        anchor = "end" if x > WIDTH - RIGHT - 30 else "start" if x < LEFT + 30 else "middle"
        grid.append(
            f'<text x="{x:.1f}" y="{axis_y + 20}" text-anchor="{anchor}" '
            f'font-size="12">{label}</text>'
        )
    drawn = []
    for index, one in enumerate(series):
        colour, dash = COLOURS[index % len(COLOURS)], DASHES[index % len(DASHES)]
        ordered = sorted(one.points)
        coordinates = [(x_of(day), y_of(value), day, value) for day, value in ordered]
        if len(coordinates) > 1:
            line = " ".join(f"{x:.1f},{y:.1f}" for x, y, _, _ in coordinates)
            dashing = f' stroke-dasharray="{dash}"' if dash else ""
            drawn.append(
                f'<polyline points="{line}" fill="none" stroke="{colour}" stroke-width="3"'
                f"{dashing}/>"
            )
        for x, y, day, value in coordinates:
            label = f"{one.name}, {date_format(day, 'j E Y')}: {describe(value)}"
            drawn.append(
                f'<g class="th-chart__point" data-series="{escape(one.name)}" '
                f'data-date="{day.isoformat()}" data-value="{value}">'
                f"<title>{escape(label)}</title>{_marker(index, x, y, colour)}</g>"
            )

    def legend_at(index: int) -> str:  # two entries to a row, under the years
        return f"{LEFT + 10 + 260 * (index % 2)},{axis_y + BOTTOM + 22 * (index // 2)}"

    legend = "".join(
        f'<g transform="translate({legend_at(index)})">'
        f"{_marker(index, 6, 0, COLOURS[index % len(COLOURS)])}"
        f'<text x="18" y="4" font-size="13">{escape(one.name)}</text></g>'
        for index, one in enumerate(series)
    )
    marked = ""
    if limit:
        at = y_of(limit.value)
        marked = _limit_mark(limit, LEFT, at, WIDTH - RIGHT, at, (WIDTH - RIGHT, at - 6, "end"))
    axes = (
        f'<line x1="{LEFT}" x2="{LEFT}" y1="{TOP}" y2="{axis_y}" stroke="#0b0c0c"/>'
        f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{axis_y}" y2="{axis_y}" '
        f'stroke="#0b0c0c"/>'
    )
    description = _(
        "A line for each measure over time. The table after the chart gives every value, its "
        "date and its source."
    )
    svg = (
        f'<svg class="th-chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>'
        f"{''.join(grid)}{axes}{''.join(drawn)}"
        f"{marked}"
        f"{legend}</svg>"
    )
    return mark_safe(svg)


BAR_HEIGHT, BAR_GAP, LABEL_WIDTH = 28, 10, 220


def bar_chart(
    bars: list[tuple[str, int | Decimal]],
    *,
    title: str,
    chart_id: str,
    describe: Callable,
    limit: Line | None = None,
) -> SafeString:
    """Horizontal bars, one per answer, each labelled with its number as the table gives it;
    `limit`, if any, a dashed upright line with its label."""
    if not bars:
        return mark_safe("")
    top = float(max([count for _, count in bars] + ([limit.value] if limit else [])) or 1)
    plot = WIDTH - LABEL_WIDTH - 90
    rows = []
    for index, (label, count) in enumerate(bars):
        y = index * (BAR_HEIGHT + BAR_GAP)
        width = float(count) / top * plot
        text = f"{label}: {describe(count)}"
        rows.append(
            f'<g class="th-chart__bar" data-label="{escape(label)}" data-value="{count}">'
            f"<title>{escape(text)}</title>"
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 19}" text-anchor="end" font-size="13">'
            f"{escape(label[:32])}</text>"
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width:.1f}" height="{BAR_HEIGHT}" '
            f'fill="{COLOURS[0]}"/>'
            f'<text x="{LABEL_WIDTH + width + 6:.1f}" y="{y + 19}" font-size="13">'
            f"{escape(describe(count))}</text></g>"
        )
    height = len(bars) * (BAR_HEIGHT + BAR_GAP)
    marked = ""
    if limit:
        x = LABEL_WIDTH + float(limit.value) / top * plot
        # The label reads towards the middle of the chart, so it is never cut off at an edge.
        text_at = (x - 4, height + 14, "end") if x > WIDTH * 0.6 else (x + 4, height + 14, "start")
        marked = _limit_mark(limit, x, 0, x, height, text_at)
        height += 20  # room for the limit's label under the bars
    description = _(
        "A bar for each answer, as long as the number who gave it. The table after the chart "
        "gives the numbers."
    )
    svg = (
        f'<svg class="th-chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>'
        f"{''.join(rows)}{marked}</svg>"
    )
    return mark_safe(svg)
