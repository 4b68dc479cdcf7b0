"""A figure per place on the borough's map: wards shaded by their value, or points (a
school, a monitoring site) marked where they are. A limit is shown by pattern and by shape
as well as colour: wards at or over it are hatched, points at or over it are triangles
rather than circles. Like every chart here, a picture of the table beside it: each ward
and point has a <title> with its name and value in the table's words.
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from townhall.core.wardmap import SHADES, WIDTH, Projection, borough_projection

NO_FIGURE = "#ffffff"
UNDER, OVER = "#1d70b8", "#d4351c"
LEGEND_ROW = 28  # large enough to read when a phone shrinks the map to its width


@dataclass(frozen=True)
class MapFigure:
    name: str
    value: Decimal
    ward_code: str = ""
    longitude: float | None = None
    latitude: float | None = None
    over_limit: bool = False

    @property
    def is_point(self) -> bool:
        return self.longitude is not None and self.latitude is not None


def can_map(figures: list[MapFigure]) -> bool:
    return any(f.is_point or f.ward_code for f in figures)


def shade_steps(values: list[Decimal], steps: int = 4) -> list[tuple[Decimal, Decimal]]:
    """Equal steps from the lowest value to the highest, darker meaning more; the edges
    rounded to the values' own precision, so the legend reads "40 to 43", not 43.025."""
    low, high = min(values), max(values)
    if low == high:
        return [(low, high)]
    places = max(-min(v.normalize().as_tuple().exponent, 0) for v in values)
    quantum = Decimal(1).scaleb(-places)
    size = (high - low) / steps
    edges = [low] + [(low + size * n).quantize(quantum) for n in range(1, steps)] + [high]
    return list(pairwise(edges))


def _shade(value: Decimal, steps: list[tuple[Decimal, Decimal]]) -> str:
    for n, (_low, high) in enumerate(steps):
        if value <= high:
            return SHADES[n + 1]
    return SHADES[len(steps)]


def _triangle(x: float, y: float) -> str:
    return f"M{x:.1f},{y - 8:.1f} L{x + 7:.1f},{y + 5:.1f} L{x - 7:.1f},{y + 5:.1f} Z"


def figure_map(
    borough_id: int,
    figures: list[MapFigure],
    *,
    title: str,
    describe: Callable[[Decimal], str],
    limit_words: str = "",
    map_id: str,
) -> SafeString:
    """The SVG map, or "" when no figure has a ward or a point in the borough's map.

    A ward's shade is the highest value among its figures without a point of their own
    (for a limit, the worst); `limit_words` names what hatching and triangles mean."""
    projection = borough_projection(borough_id)
    if projection is None or not can_map(figures):
        return mark_safe("")
    by_ward: dict[str, MapFigure] = {}
    for figure in sorted(figures, key=lambda f: f.value):  # the highest in a ward last
        if figure.ward_code and not figure.is_point:
            by_ward[figure.ward_code] = figure
    points = [f for f in figures if f.is_point]
    steps = shade_steps([f.value for f in by_ward.values()]) if by_ward else []
    wards = _wards(projection, by_ward, steps, describe, map_id)
    marks = _points(projection, points, describe)
    legend = _legend(steps, bool(points), describe, limit_words, map_id, by_ward, points)
    # The legend goes below the map, so its words have the map's width (and a phone's).
    height = projection.height + 20 + LEGEND_ROW * legend.count("<g ")
    hatch = (
        f'<defs><pattern id="{map_id}-hatch" width="8" height="8" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="8" stroke="#0b0c0c" '
        f'stroke-width="1.5"/></pattern></defs>'
    )
    how = (
        _("Each ward is shaded by its value, darker meaning more.")
        if by_ward
        else _("Each place is marked where it is.")
    )
    table = _("The table beside the map gives the numbers.")
    return mark_safe(
        f'<svg class="th-map th-figure-map" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{map_id}-title {map_id}-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{map_id}-title">{escape(title)}</title>'
        f'<desc id="{map_id}-desc">{escape(how)} {escape(limit_words)}'
        f"{'.' if limit_words else ''} {escape(table)}</desc>"
        f"{hatch}<g>{wards}</g><g>{marks}</g>"
        f'<g transform="translate(10,{projection.height + 15})">{legend}</g></svg>'
    )


def _wards(projection: Projection, by_ward, steps, describe, map_id: str) -> str:
    drawn = []
    for shape in projection.shapes:
        figure = by_ward.get(shape.code)
        if figure is None:
            drawn.append(
                f'<path d="{shape.path}" fill="{NO_FIGURE}" stroke="#505a5f" '
                f'stroke-width="0.6"><title>'
                f"{escape(_('%(place)s: no figure') % {'place': shape.name})}</title></path>"
            )
            continue
        words = f"{escape(shape.name)}: {escape(describe(figure.value))}"
        drawn.append(
            f'<path d="{shape.path}" fill="{_shade(figure.value, steps)}" stroke="#0b0c0c" '
            f'stroke-width="0.6" data-ward="{shape.code}" data-value="{figure.value}">'
            f"<title>{words}</title></path>"
        )
        if figure.over_limit:
            drawn.append(
                f'<path d="{shape.path}" fill="url(#{map_id}-hatch)" fill-opacity="0.45" '
                f'stroke="none" class="th-map__over" data-ward="{shape.code}"/>'
            )
    return "".join(drawn)


def _points(projection: Projection, points: list[MapFigure], describe) -> str:
    drawn = []
    for figure in points:
        x, y = projection.place(float(figure.longitude), float(figure.latitude))
        if not (0 <= x <= WIDTH and 0 <= y <= projection.height):
            continue  # outside the borough's map: still in the table
        words = f"<title>{escape(figure.name)}: {escape(describe(figure.value))}</title>"
        data = f'data-place="{escape(figure.name)}" data-value="{figure.value}"'
        if figure.over_limit:
            drawn.append(
                f'<path d="{_triangle(x, y)}" fill="{OVER}" stroke="#0b0c0c" stroke-width="1.2" '
                f'class="th-map__over" {data}>{words}</path>'
            )
        else:
            drawn.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="{UNDER}" stroke="#ffffff" '
                f'stroke-width="1.5" {data}>{words}</circle>'
            )
    return "".join(drawn)


def _legend(steps, has_points, describe, limit_words, map_id, by_ward, points) -> str:
    entries = []

    def entry(symbol: str, words: str) -> None:
        y = LEGEND_ROW * len(entries)
        entries.append(
            f'<g transform="translate(0,{y})">{symbol}<text x="26" y="17" font-size="20">'
            f"{escape(words)}</text></g>"
        )

    box = '<rect width="20" height="20" fill="{}" stroke="#0b0c0c" stroke-width="0.6"/>'
    for n, (low, high) in enumerate(steps):
        words = (
            describe(low)
            if low == high
            else _("%(low)s to %(high)s") % {"low": describe(low), "high": describe(high)}
        )
        entry(box.format(SHADES[n + 1]), words)
    if steps:
        entry(box.format(NO_FIGURE), _("No figure"))
    over_wards = any(f.over_limit for f in by_ward.values())
    if limit_words and over_wards:
        entry(
            box.format(f"url(#{map_id}-hatch)"),
            _("Hatched: %(meaning)s") % {"meaning": limit_words},
        )
    if has_points:
        if any(not f.over_limit for f in points):
            entry(f'<circle cx="9" cy="9" r="6" fill="{UNDER}"/>', _("Circle: a place"))
        if any(f.over_limit for f in points):
            words = (
                _("Triangle: %(meaning)s") % {"meaning": limit_words}
                if limit_words
                else _("Triangle")
            )
            entry(f'<path d="{_triangle(9, 11)}" fill="{OVER}" stroke="#0b0c0c"/>', words)
    return "".join(entries)
