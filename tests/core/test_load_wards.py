import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from townhall.core.models import Borough, Ward

pytestmark = pytest.mark.django_db
SQUARE = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]}


def write(tmp_path, data) -> str:
    path = tmp_path / "wards.geojson"
    path.write_text(data if isinstance(data, str) else json.dumps(data))
    return str(path)


def test_wards_load_for_a_new_borough(tmp_path):
    path = write(
        tmp_path,
        {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "properties": {"code": "E05999991", "name": "North"},
                    "geometry": SQUARE,
                },
                {
                    "type": "Feature",
                    "properties": {"code": "E05999992", "name": "South"},
                    "geometry": SQUARE,
                },
            ],
        },
    )
    out = StringIO()
    call_command("load_wards", path, borough="E09999999", name="Testshire", stdout=out)
    assert "Loaded 2 wards for Testshire." in out.getvalue()
    assert Ward.objects.filter(borough__ons_code="E09999999").count() == 2
    call_command("load_wards", path, borough="E09999999", stdout=StringIO())  # again: no change
    assert Ward.objects.filter(borough__ons_code="E09999999").count() == 2


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("{not json", "not JSON (line 1, column 2)"),
        ({"type": "Feature"}, "not a GeoJSON"),
        ({"type": "FeatureCollection", "features": []}, "no features"),
        (
            {
                "type": "FeatureCollection",
                "features": [{"properties": {"name": "X"}, "geometry": SQUARE}],
            },
            "feature 1 has no",
        ),
        (
            {
                "type": "FeatureCollection",
                "features": [
                    {"properties": {"code": "E05999991", "name": "Ok"}, "geometry": SQUARE},
                    {
                        "properties": {"code": "E05999992", "name": "Dot"},
                        "geometry": {"type": "Point", "coordinates": [0, 0]},
                    },
                ],
            },
            "feature 2 (Dot) is not",
        ),
    ],
)
def test_a_bad_file_is_explained_and_changes_nothing(tmp_path, data, message):
    wards = Ward.objects.count()
    with pytest.raises(CommandError) as error:
        call_command("load_wards", write(tmp_path, data), borough="E09000003")
    assert message in str(error.value)
    assert Ward.objects.count() == wards
    assert Borough.objects.filter(ons_code="E09000003").exists()
