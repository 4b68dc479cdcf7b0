"""Loading the ONS Postcode Directory for one borough (issue 28): a national-sized file of
generated rows in the ONSPD's columns (2.7 million by default, 15,000 of them in the demo
borough's wards, a third of those terminated), loaded with `load_postcodes`, against Python's
csv module reading the same file alone. Each runs in a process of its own, so its peak
memory is its own; memory should stay flat as the file grows (only the borough's rows are
kept).

    TOWNHALL_DATA_DIR=/tmp/demo .venv/bin/python bench/postcodes.py [--rows 2700000] [--smoke]

The postcodes are generated, not real (the real directory is the ONS's). Runs on the demo in
TOWNHALL_DATA_DIR (its borough and wards): it replaces the borough's postcodes with the
generated ones and deletes them afterwards.
"""

import argparse
import csv
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.inprocess import run_on_demo

HEADER = "pcd,pcd2,pcds,dointr,doterm,oscty,oslaua,osward,usertype,oseast1m,osnrth1m,lat,long\n"
BARNET_WARDS = [f"E0501{code}" for code in range(3628, 3652)]
AREAS = ["AB", "B", "BS", "CF", "E", "EN", "G", "HA", "L", "LS", "M", "N", "NW", "S", "SE", "SW"]
LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


def national_file(path: Path, rows: int, borough_rows: int) -> int:
    """Write `rows` generated rows; every (rows // borough_rows)th is in the borough."""
    chance = random.Random(2026)
    every = max(1, rows // borough_rows)
    with open(path, "w", newline="") as out:
        out.write(HEADER)
        for n in range(rows):
            ours = n % every == 0
            # Unique within the borough (its rows counted in turn), repeating elsewhere.
            k = n // every if ours else n
            district = f"{AREAS[k % len(AREAS)]}{k // 8000 % 99 + 1}"
            unit = f"{k // 16 % 10}{LETTERS[k // 160 % 20]}{LETTERS[k // 3200 % 20]}"
            postcode = f"{district} {unit}"
            ward = BARNET_WARDS[n % 24] if ours else f"E05{n % 9000:06d}"
            ended = "201912" if ours and k % 3 == 0 else ""
            out.write(
                f"{postcode:<7},{postcode:<8},{postcode},198001,{ended},E99999999,"
                f"{'E09000003' if ours else 'E09000099'},{ward},0,"
                f"{chance.randrange(100000, 600000)},{chance.randrange(100000, 900000)},"
                f"51.{chance.randrange(10**6):06d},-0.{chance.randrange(10**6):06d}\n"
            )
    return path.stat().st_size


def read_alone(path: str) -> dict:
    """The baseline: Python's csv module reading every row of the same file."""
    started = time.perf_counter()
    with open(path, newline="") as handle:
        count = sum(1 for _ in csv.reader(handle))
    return {"seconds": time.perf_counter() - started, "rows": count - 1}


def load(path: str) -> dict:
    """`load_postcodes` for the demo's borough, as the command runs it."""
    from townhall.core.models import Borough
    from townhall.core.services.postcode_directory import load_postcode_file

    borough = Borough.objects.get(ons_code="E09000003")
    started = time.perf_counter()
    report = load_postcode_file(borough, path)
    return {
        "seconds": time.perf_counter() - started,
        "rows": report.rows,
        "kept": report.kept,
        "terminated": report.terminated,
        "outside": report.outside,
    }


def _measure(step: str, path: str) -> None:
    """In a child process: run one step and print its figures, with this process's peak."""
    figures = {}

    def run() -> None:
        figures["start_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        figures.update(load(path) if step == "load" else read_alone(path))

    if step == "load":
        run_on_demo(run)
    else:
        run()
    figures["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(figures))


def _child(step: str, path: Path) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, "--measure", step, str(path)],
        check=False,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        sys.exit(f"the {step} step failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _remove_generated() -> None:
    from townhall.core.models import Borough
    from townhall.core.services.postcode_directory import remove_postcodes

    remove_postcodes(Borough.objects.get(ons_code="E09000003"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2_700_000)
    parser.add_argument("--borough-rows", type=int, default=15_000)
    parser.add_argument("--smoke", action="store_true", help="tiny sizes: checks it runs")
    parser.add_argument("--measure", nargs=2, metavar=("STEP", "FILE"), help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.measure:
        _measure(*options.measure)
        return
    rows, ours = (20_000, 500) if options.smoke else (options.rows, options.borough_rows)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ONSPD_generated.csv"
        started = time.perf_counter()
        size = national_file(path, rows, ours)
        print(
            f"file: {rows:,} generated rows, {size / 1e6:.0f} MB, "
            f"written in {time.perf_counter() - started:.1f} s"
        )
        alone = _child("read", path)
        loaded = _child("load", path)
    per_second = loaded["rows"] / loaded["seconds"]
    print(
        f"{'baseline: csv.reader reads every row':44} {alone['seconds']:7.2f} s  "
        f"peak RSS {alone['peak_mb']:5.0f} MB"
    )
    print(
        f"{'load_postcodes: the borough rows kept':44} {loaded['seconds']:7.2f} s  "
        f"peak RSS {loaded['peak_mb']:5.0f} MB (before loading: {loaded['start_mb']:.0f} MB)  "
        f"{per_second:,.0f} rows/s  kept {loaded['kept']:,} ({loaded['terminated']:,} "
        f"terminated, {loaded['outside']:,} outside)  "
        f"{loaded['seconds'] / alone['seconds']:.1f}x the baseline"
    )
    run_on_demo(_remove_generated)


if __name__ == "__main__":
    main()
