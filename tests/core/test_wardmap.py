import pytest

from townhall.core.models import Ward
from townhall.core.wardmap import SHADES, bands, ward_map

pytestmark = pytest.mark.django_db


def test_bands_step_evenly_from_zero_to_the_top():
    assert [(b.low, b.high) for b in bands([0, 3, 20])] == [
        (0, 0),
        (1, 5),
        (6, 10),
        (11, 15),
        (16, 20),
    ]
    assert [(b.low, b.high) for b in bands([0, 2])] == [(0, 0), (1, 1), (2, 2)]
    assert [(b.low, b.high) for b in bands([])] == [(0, 0)]


def test_the_map_has_every_ward_titled_with_its_number_and_a_legend():
    wards = list(Ward.objects.all())
    svg = ward_map(wards, {wards[0].code: 12}, title="Signatures <by> ward", unit="signatures")
    assert svg.count("<path") == 24
    assert f"<title>{wards[0].name.replace('&', '&amp;')}: 12 signatures</title>" in svg
    assert "Signatures &lt;by&gt; ward" in svg and 'role="img"' in svg
    assert SHADES[-1] in svg  # the only ward with signatures has the darkest shade


def test_every_ward_is_named_on_the_map_inside_its_own_shape(db):
    import re

    from townhall.core.models import Ward
    from townhall.core.wardmap import label_point, ward_map

    wards = list(Ward.objects.all())
    svg = ward_map(wards, {}, title="Signatures", unit="signatures")
    names = re.findall(r'class="th-map__name">([^<]+)</text>', svg)
    assert sorted(names) == sorted(w.name.replace("&", "&amp;") for w in wards)
    for ward in wards:
        x, y = label_point(ward.boundary)
        ring = max(
            (
                r
                for r in (
                    ward.boundary["coordinates"]
                    if ward.boundary["type"] == "Polygon"
                    else [p for poly in ward.boundary["coordinates"] for p in poly]
                )
            ),
            key=len,
        )
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        assert min(xs) <= x <= max(xs) and min(ys) <= y <= max(ys), ward.name


def test_a_boroughs_map_is_projected_once_and_again_after_a_ward_changes():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from townhall.core.models import Borough
    from townhall.core.wardmap import borough_map

    borough = Borough.objects.first()

    first = borough_map(borough.pk, {}, title="Map", unit="signatures")
    with CaptureQueriesContext(connection) as again:
        assert borough_map(borough.pk, {}, title="Map", unit="signatures") == first
    assert len(again) == 0  # the outlines were kept
    ward = Ward.objects.filter(borough=borough).first()
    ward.name = "Renamed ward"
    ward.save()
    assert "Renamed ward" in borough_map(borough.pk, {}, title="Map", unit="signatures")
