"""A borough's wards as an SVG map shaded by a number per ward, drawn on the server.

The map is a picture of the table that goes beside it: every ward has a <title> with its
name and number, the shades are explained in a legend, and darker always means more.
"""

import math
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from townhall.core import pagecache
from townhall.core.memo import Remembered
from townhall.core.models import Ward

WIDTH = 600
SHADES = ["#f2f7fb", "#c6dbef", "#6baed6", "#2171b5", "#08306b"]  # light to dark
# Translators: the attribution the Open Government Licence asks for; keep the licence's name
ATTRIBUTION = gettext_lazy(
    "Source: Office for National Statistics licensed under the Open Government "
    "Licence v.3.0. Contains OS data © Crown copyright and database right 2022."
)


@dataclass
class Band:
    low: int
    high: int
    colour: str


def _rings(geometry: dict) -> list[list[list[float]]]:
    if geometry["type"] == "Polygon":
        return geometry["coordinates"]
    return [ring for polygon in geometry["coordinates"] for ring in polygon]


def bands(values: list[int]) -> list[Band]:
    """Up to five equal steps from 1 to the largest value; 0 has the lightest shade."""
    top = max(values, default=0)
    if top == 0:
        return [Band(0, 0, SHADES[0])]
    steps = min(4, top)
    size = math.ceil(top / steps)
    result = [Band(0, 0, SHADES[0])]
    for step in range(steps):
        result.append(Band(step * size + 1, min(top, (step + 1) * size), SHADES[step + 1]))
    return result


def _centroid(ring: list[list[float]]) -> tuple[float, float, float]:
    """A ring's centroid and its area (the shoelace formula), in the ring's own units."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if not area:
        return ring[0][0], ring[0][1], 0.0
    return cx / (3 * area), cy / (3 * area), abs(area) / 2


def label_point(geometry: dict) -> tuple[float, float]:
    """Where a ward's name goes: the centroid of its largest ring."""
    x, y, _area = max((_centroid(ring) for ring in _rings(geometry)), key=lambda c: c[2])
    return x, y


def _colour(value: int, scale: list[Band]) -> str:
    return next((band.colour for band in scale if band.low <= value <= band.high), SHADES[-1])


@dataclass(frozen=True)
class Shape:
    code: str
    name: str
    path: str  # the SVG path, already projected
    label: tuple[str, str]  # where the name goes


@dataclass(frozen=True)
class Projection:
    shapes: tuple[Shape, ...]
    height: int
    # How longitude and latitude became x and y, for points drawn over the wards.
    origin: tuple[float, float] = (0.0, 0.0)  # the westernmost longitude, northernmost latitude
    x_scale: float = 1.0
    scale: float = 1.0

    def place(self, longitude: float, latitude: float) -> tuple[float, float]:
        x = (longitude - self.origin[0]) * self.x_scale * self.scale
        return x, (self.origin[1] - latitude) * self.scale


def project(wards: list[Ward]) -> Projection | None:
    """The wards' outlines projected onto the map: the costly part, the same on every page."""
    points = [pt for ward in wards for ring in _rings(ward.boundary) for pt in ring]
    if not points:
        return None
    min_x, max_x = min(p[0] for p in points), max(p[0] for p in points)
    min_y, max_y = min(p[1] for p in points), max(p[1] for p in points)
    # Longitude degrees are shorter than latitude degrees this far north.
    x_scale = math.cos(math.radians((min_y + max_y) / 2))
    scale = WIDTH / ((max_x - min_x) * x_scale)

    def point(p) -> str:
        return f"{(p[0] - min_x) * x_scale * scale:.1f},{(max_y - p[1]) * scale:.1f}"

    shapes = tuple(
        Shape(
            ward.code,
            ward.name,
            " ".join(
                "M" + " L".join(point(p) for p in ring) + " Z" for ring in _rings(ward.boundary)
            ),
            tuple(point(label_point(ward.boundary)).split(",")),
        )
        for ward in wards
    )
    return Projection(shapes, round((max_y - min_y) * scale), (min_x, max_y), x_scale, scale)


# Each borough's projection, kept in each process; a ward saved empties the page cache
# (Ward.shown_on_many_pages), which rebuilds it.
_projections = Remembered((pagecache.SITE_TAG,), dict)


def borough_projection(borough_id: int) -> Projection | None:
    """A borough's wards projected, once per process until a ward changes."""
    projections = _projections.get()
    if borough_id not in projections:
        projections[borough_id] = project(list(Ward.objects.filter(borough_id=borough_id)))
    return projections[borough_id]


def borough_map(borough_id: int, values: dict[str, int], *, title: str, unit: str) -> SafeString:
    """The map of a borough's wards, shaded by `values` (ward code to number)."""
    return draw(borough_projection(borough_id), values, title=title, unit=unit)


def ward_map(wards: list[Ward], values: dict[str, int], *, title: str, unit: str) -> SafeString:
    return draw(project(wards), values, title=title, unit=unit)


def _band_words(band: Band) -> str:
    return _("%(low)s to %(high)s") % {"low": band.low, "high": band.high}


def draw(projection: Projection | None, values: dict[str, int], *, title: str, unit: str):
    if projection is None:
        return mark_safe("")
    shading = bands(list(values.values()))
    shapes, names = [], []
    for shape in projection.shapes:
        x, y = shape.label
        names.append(
            f'<text x="{x}" y="{y}" text-anchor="middle" font-size="9" class="th-map__name">'
            f"{escape(shape.name)}</text>"
        )
        value = values.get(shape.code, 0)
        shapes.append(
            f'<path d="{shape.path}" fill="{_colour(value, shading)}" stroke="#0b0c0c" '
            f'stroke-width="0.6"><title>{escape(shape.name)}: {value} {escape(unit)}</title>'
            "</path>"
        )
    legend = "".join(
        f'<g transform="translate(0,{i * 22})"><rect width="18" height="18" fill="{band.colour}"'
        f' stroke="#0b0c0c" stroke-width="0.6"/><text x="26" y="14" font-size="14">'
        f"{band.low if band.low == band.high else _band_words(band)}</text></g>"
        for i, band in enumerate(shading)
    )
    description = _(
        "Each ward is shaded by %(unit)s: darker means more. The table beside the map gives "
        "the numbers."
    ) % {"unit": unit}
    height = projection.height
    svg = (
        f'<svg class="th-map" viewBox="0 0 {WIDTH + 140} {max(height, 130)}" role="img" '
        f'aria-labelledby="map-title map-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="map-title">{escape(title)}</title>'
        f'<desc id="map-desc">{escape(description)}</desc>'
        f"<g>{''.join(shapes)}</g>"
        f'<g aria-hidden="true">{"".join(names)}</g>'
        f'<g transform="translate({WIDTH + 15},10)">{legend}</g></svg>'
    )
    return mark_safe(svg)
