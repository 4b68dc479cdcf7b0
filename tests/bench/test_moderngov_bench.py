"""bench/moderngov.py in its smoke size, in process on the tests' database (a fresh database
of its own, as the full run makes, would cost the tests minutes): it serves a generated year,
compares the sync with parsing the same XML alone, and the second sync changes nothing."""

import pytest

from bench import moderngov

pytestmark = pytest.mark.django_db


def test_the_moderngov_bench_runs(monkeypatch, capsys):
    for name, value in {"MEETINGS": 12, "COMMITTEES": 3, "ITEMS": 4, "PAPERS": 12}.items():
        monkeypatch.setenv(f"BENCH_{name}", str(value))
    moderngov.workload()
    lines = capsys.readouterr().out.splitlines()
    assert any(line.startswith("baseline: parsing the same XML alone") for line in lines)
    (first,) = [line for line in lines if line.startswith("sync: the first time")]
    assert "peak" in first and "the parse" in first
    assert any("stored:" in line and "meetings" in line for line in lines)
    assert any(line.startswith("sync: the same year again (nothing changes)") for line in lines)
