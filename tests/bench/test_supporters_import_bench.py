"""bench/supporters_import.py in its smoke size: it runs on a fresh demo, compares with its
baseline, and its import and second import agree with the preview."""

import os
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "supporters_import.py"


def test_the_supporters_import_bench_runs():
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
    assert any(line.startswith("baseline: csv.reader reads the file") for line in lines)
    (imported,) = [line for line in lines if line.startswith("import (one transaction)")]
    assert "peak" in imported and "the baseline's time" in imported
    (again,) = [line for line in lines if line.startswith("the same file again")]
    assert "new 0 merged 0 unchanged 300 refused 0" in again
