"""Indicator maps (issue 20, point 2): the latest figures by ward or by point on the
borough's map, drawing exactly the numbers of the table beside it, the limit shown by
hatching and by shape as well as colour."""

import re
from datetime import date
from decimal import Decimal

import pytest

from townhall.core.figure_map import MapFigure, figure_map, shade_steps
from townhall.core.indicators import IndicatorBlock
from townhall.core.models import Organisation, Ward
from townhall.datasets.importing import import_observations
from townhall.datasets.models import Dataset, Limit

pytestmark = pytest.mark.django_db

WARD_PATH = re.compile(r'data-ward="([^"]+)" data-value="([^"]+)"')
POINT = re.compile(r'<(circle|path)[^>]*data-place="([^"]+)" data-value="([^"]+)"')
MAP_ROW = re.compile(r'<tr data-label="([^"]+)" data-value="([^"]+)">')


def _dataset(title: str, unit: str) -> Dataset:
    return Dataset.objects.create(
        organisation=Organisation.objects.get(slug="alliance"),
        title=title,
        slug=title.lower().replace(" ", "-"),
        description=title,
        unit=unit,
        source="Volunteers",
    )


def _map(html: str) -> str:
    found = re.search(r'<svg class="th-map th-figure-map".*?</svg>', html, re.S)
    return found.group(0) if found else ""


def test_shade_steps_run_from_the_lowest_to_the_highest_in_the_values_precision():
    steps = shade_steps([Decimal("40.0"), Decimal("52.1"), Decimal("41.9")])
    assert steps[0][0] == Decimal("40.0") and steps[-1][1] == Decimal("52.1")
    assert [high for _, high in steps[:-1]] == [Decimal("43.0"), Decimal("46.0"), Decimal("49.1")]
    assert shade_steps([Decimal(7), Decimal(7)]) == [(Decimal(7), Decimal(7))]


def test_the_schools_map_shades_each_ward_by_its_school_and_hatches_those_over_the_limit(client):
    html = client.get("/data/no2-at-schools/").content.decode()
    drawn = _map(html)
    shaded = dict(WARD_PATH.findall(drawn))
    wards = {ward.code: ward.name for ward in Ward.objects.all()}
    dataset = Dataset.objects.get(slug="no2-at-schools")
    expected = {
        o.ward.code: f"{o.value}" for o in dataset.observations.select_related("ward").all()
    }
    assert len(shaded) == 15 and shaded == expected
    # Every school is at or over 40: every shaded ward hatched, no unshaded one.
    hatched = set(re.findall(r'class="th-map__over" data-ward="([^"]+)"', drawn))
    assert hatched == set(expected)
    assert "Hatched: at or over the legal annual limit of 40 µg/m³" in drawn
    some = next(iter(expected))
    assert f"<title>{wards[some]}: {Decimal(expected[some]).normalize()} µg/m³</title>" in drawn
    assert drawn.count(": no figure</title>") == len(wards) - 15
    assert '<th scope="col">Ward</th>' in html  # the table says which ward each school is in


def test_points_are_drawn_where_they_are_triangles_over_the_limit_circles_under(client):
    dataset = _dataset("Roadside monitors", "µg/m³")
    Limit.objects.create(dataset=dataset, label="Limit", value=40, applies_from=date(2010, 1, 1))
    rows = [
        "date,place,latitude,longitude,value",
        "2024-01-01,Tally Ho Corner,51.6130,-0.1770,44.5",
        "2024-01-01,Mill Hill Broadway,51.6130,-0.2490,31.2",
        "2024-01-01,Somewhere in Kent,51.2000,0.5000,60",
    ]
    assert import_observations("\n".join(rows).encode(), dataset).ok
    html = client.get("/data/roadside-monitors/").content.decode()
    drawn = _map(html)
    points = {place: (shape, value) for shape, place, value in POINT.findall(drawn)}
    assert points == {
        "Tally Ho Corner": ("path", "44.5000"),  # a triangle: over the limit
        "Mill Hill Broadway": ("circle", "31.2000"),
    }  # Kent is off the borough's map, and only in the table
    assert "Triangle: at or over the limit of 40 µg/m³" in drawn
    assert "Circle: a place" in drawn


def test_a_figure_with_no_ward_or_point_has_no_map():
    assert (
        figure_map(1, [MapFigure("The borough", Decimal(3))], title="t", describe=str, map_id="m")
        == ""
    )


def test_an_indicator_shows_the_chart_the_map_or_both(client):
    block = IndicatorBlock()
    value = lambda show: block.to_python(  # noqa: E731
        {"dataset": "no2-at-schools", "heading": "Air", "show": show}
    )
    chart = str(block.render(value("chart")))
    assert "th-chart__bar" in chart and "th-figure-map" not in chart
    on_map = str(block.render(value("map")))
    assert "th-figure-map" in on_map and "th-chart__bar" not in on_map
    both = str(block.render(value("both")))
    assert "th-figure-map" in both and "th-chart__bar" in both
    trust = str(block.render(block.to_python({"dataset": "trust-in-the-council", "show": "map"})))
    assert "th-chart__point" in trust  # no places: the chart stands in for the map


def test_the_map_table_gives_the_latest_period_when_the_chart_is_over_time(client):
    dataset = _dataset("Litter picks", "bags")
    rows = ["date,ward,value", "2024-01-01,Hendon,4", "2024-02-01,Hendon,6", "2024-02-01,Edgware,2"]
    assert import_observations("\n".join(rows).encode(), dataset).ok
    html = client.get("/data/litter-picks/").content.decode()
    assert "th-chart__point" in html  # over time: lines
    drawn = dict(WARD_PATH.findall(_map(html)))
    table = dict(MAP_ROW.findall(html))
    codes = dict(Ward.objects.filter(name__in=["Hendon", "Edgware"]).values_list("name", "code"))
    assert drawn == {codes["Hendon"]: "6.0000", codes["Edgware"]: "2.0000"}
    assert table == {"Hendon": "6.0000", "Edgware": "2.0000"}
