"""bench/moderngov.py in its smoke size: it serves a generated year, compares the sync with
parsing the same XML alone, and the second sync changes nothing."""

import os
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "moderngov.py"


def test_the_moderngov_bench_runs():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(
        [sys.executable, str(BENCH), "--smoke"],
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    lines = result.stdout.splitlines()
    assert any(line.startswith("baseline: parsing the same XML alone") for line in lines)
    (first,) = [line for line in lines if line.startswith("sync: the first time")]
    assert "peak" in first and "the parse" in first
    assert any("Added: 3 committees, 72 councillors" in line for line in lines)
    assert any("stored: 12 meetings, 36 items, 12 papers" in line for line in lines)
    assert any(line.startswith("sync: the same year again (nothing changes)") for line in lines)
