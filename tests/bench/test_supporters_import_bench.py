"""bench/supporters_import.py in its smoke size, in process on the tests' demo (a fresh demo
of its own, as the full run makes, would cost the tests minutes): it compares with its
baseline, and its import and second import agree with the preview."""

import pytest

from bench import supporters_import

pytestmark = pytest.mark.django_db


def test_the_supporters_import_bench_runs(monkeypatch, capsys):
    monkeypatch.setenv("BENCH_PEOPLE", "300")
    exec(compile(supporters_import.WORKLOAD, "supporters_import workload", "exec"), {})  # noqa: S102 - the bench's own code
    lines = capsys.readouterr().out.splitlines()
    assert any(line.startswith("baseline: csv.reader reads the file") for line in lines)
    (imported,) = [line for line in lines if line.startswith("import (one transaction)")]
    assert "peak" in imported and "the baseline's time" in imported
    (again,) = [line for line in lines if line.startswith("the same file again")]
    assert "new 0 merged 0 unchanged 300 refused 0" in again
