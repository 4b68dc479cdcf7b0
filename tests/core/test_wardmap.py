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
