"""bench/postcodes.py in its smoke size, in process: its steps run and agree with each other."""

import pytest

from bench import postcodes

pytestmark = pytest.mark.django_db


def test_the_postcode_bench_runs(tmp_path):
    path = tmp_path / "national.csv"
    postcodes.national_file(path, 2_000, 100)
    alone = postcodes.read_alone(str(path))
    loaded = postcodes.load(str(path))
    assert alone["rows"] == loaded["rows"] == 2_000
    assert 0 < loaded["terminated"] < loaded["kept"] <= 100
