"""A dataset of 1,000,000 observations (issue 20): the import (every row checked and
upserted in batches, all or none) in rows per second with peak memory, the dataset's page
(its chart and table of the average per period, and the map of the latest day's points),
pages of its API and the CSV download, against baselines in the same run: Python's csv
module reading the file, a trivial view, and the database alone averaging the rows and
reading a page.

    TOWNHALL_DATA_DIR=/tmp/demo .venv/bin/python bench/datasets.py [--rows 1000000]

Runs on the demo in TOWNHALL_DATA_DIR (SQLite, or DATABASE_URL); makes its own dataset of
1,000 places (points with a position) by day and deletes it afterwards.
"""

import argparse
import csv
import io
import random
import resource
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.inprocess import TRIVIAL_PATH, run_on_demo, timed

PLACES = 1000


def observations(rows: int) -> bytes:
    """1,000 sensors placed across Barnet's extent (so the map draws points), by day."""
    chance = random.Random(20)
    start = date(2020, 1, 1)
    where = [(chance.uniform(51.57, 51.66), chance.uniform(-0.28, -0.14)) for _ in range(PLACES)]
    out = io.StringIO()
    out.write("date,place,latitude,longitude,value\n")
    for number in range(rows):
        day = start + timedelta(days=number // PLACES)
        latitude, longitude = where[number % PLACES]
        out.write(
            f"{day.isoformat()},Sensor {number % PLACES:04d},{latitude:.5f},{longitude:.5f},"
            f"{chance.uniform(5, 80):.1f}\n"
        )
    return out.getvalue().encode()


def rss_mb() -> float:
    """The process's resident memory now (ru_maxrss is only the highest it has been)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def bench(rows: int) -> None:
    from django.db import connection
    from django.db.models import Avg
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from townhall.core.models import Organisation
    from townhall.datasets.importing import import_observations
    from townhall.datasets.models import Dataset, Limit

    data = observations(rows)
    print(f"file: {rows:,} rows, {len(data) / 1e6:.1f} MB; database: {connection.vendor}")
    read, _ = timed(lambda: sum(1 for _ in csv.DictReader(io.StringIO(data.decode()))))
    print(f"{'baseline: csv.DictReader reads the file':46} {read:8.2f} s")
    dataset = Dataset.objects.create(
        organisation=Organisation.objects.get(slug="alliance"),
        title="Bench sensors",
        slug="bench-sensors",
        description="-",
        unit="µg/m³",
        source="bench",
    )
    Limit.objects.create(dataset=dataset, label="Limit", value=40, applies_from=date(2010, 1, 1))
    try:
        before = rss_mb()
        peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        seconds, report = timed(lambda: import_observations(data, dataset))
        assert report.ok, report.errors[:3]
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"{'import: check and upsert in batches, all or none':46} {seconds:8.2f} s  "
            f"{rows / seconds:9,.0f} rows/s  RSS {before:.0f} MB before (peak so far "
            f"{peak_before:.0f}), peak {peak:.0f} MB"
        )
        client = Client()
        client.get(TRIVIAL_PATH)
        trivial, _ = timed(lambda: client.get(TRIVIAL_PATH), repeat=20)
        print(f"{'baseline: trivial view':46} {trivial * 1000:8.1f} ms")
        alone, _ = timed(
            lambda: list(dataset.observations.values("period_start").annotate(m=Avg("value"))),
            repeat=5,
        )
        print(f"{'baseline: the database averages per period':46} {alone * 1000:8.1f} ms")
        with CaptureQueriesContext(connection) as queries:
            page, answer = timed(
                lambda: client.get(f"/data/bench-sensors/?cold={time.time_ns()}"), repeat=5
            )
        assert answer.status_code == 200
        print(
            f"{'dataset page: chart and table (average)':46} {page * 1000:8.1f} ms  "
            f"{len(queries) // 5} queries"
        )
        api = "/api/datasets/bench-sensors/observations"
        fetch = dataset.observations.select_related("ward").order_by("period_start", "place_key")
        alone, _ = timed(lambda: list(fetch[:100]), repeat=20)
        print(f"{'baseline: the database reads the first 100':46} {alone * 1000:8.1f} ms")
        for label, query in (
            ("API: first page of 100", "limit=100"),
            ("API: a page 900,000 in", "limit=100&offset=900000"),
            ("API: from a date, by place order", "limit=100&date_from=2022-06-01"),
        ):
            with CaptureQueriesContext(connection) as queries:
                took, answer = timed(
                    lambda q=query: client.get(f"{api}?{q}&t={time.time_ns()}"), repeat=10
                )
            assert answer.status_code == 200 and len(answer.json()["items"]) == 100
            print(f"{label:46} {took * 1000:8.1f} ms  {len(queries) // 10} queries")
        download, size = timed(
            lambda: len(b"".join(client.get("/data/bench-sensors.csv").streaming_content))
        )
        print(f"{'CSV download, every observation':46} {download:8.2f} s  {size / 1e6:.1f} MB")
    finally:
        dataset.delete()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    arguments = parser.parse_args()
    run_on_demo(lambda: bench(arguments.rows))


if __name__ == "__main__":
    main()
