"""A year of a borough's spending (issue 19): 40,000 payments checked and imported, then the
spending page (charts by month and service, their tables, the first page of payments) and
the LGA download, against baselines in the same run: Python's csv module reading the same
file, a trivial view, and the database alone grouping the same rows.

    TOWNHALL_DATA_DIR=/tmp/demo .venv/bin/python bench/spending.py [--rows 40000]

Runs on the demo in TOWNHALL_DATA_DIR (SQLite, or DATABASE_URL); adds the payments as
BENCH-numbered transactions and deletes them afterwards.
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

SERVICES = [
    "Adult social care",
    "Children's services",
    "Waste and recycling",
    "Highways",
    "Parks and open spaces",
    "Libraries",
    "Housing",
    "Customer and support services",
    "Planning",
    "Public health",
    "Democratic services",
    "Schools",
]


def year_of_spending(rows: int) -> bytes:
    chance = random.Random(2026)
    start = date(2025, 4, 1)
    lines = [
        "Payment date,Transaction number,Supplier,Supplier ID,Service,Expense type,Purpose,Amount"
    ]
    for number in range(rows):
        day = start + timedelta(days=chance.randrange(365))
        supplier = f"Supplier {chance.randrange(2500):04d} Ltd"
        lines.append(
            f"{day:%d/%m/%Y},BENCH{number:07d},{supplier},S{number % 2500},"
            f"{chance.choice(SERVICES)},Services,Monthly invoice,"
            f"{chance.randint(50_000, 25_000_000) / 100:.2f}"
        )
    return ("\n".join(lines) + "\n").encode()


def bench(rows: int) -> None:
    from django.db import connection
    from django.db.models import Count, Sum
    from django.db.models.functions import TruncMonth
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from townhall.council.models import Payment
    from townhall.council.services.spending_csv import import_spending

    data = year_of_spending(rows)
    print(f"file: {rows:,} rows, {len(data) / 1e6:.1f} MB; database: {connection.vendor}")
    parse, _ = timed(lambda: sum(1 for _ in csv.DictReader(io.StringIO(data.decode()))))
    print(f"{'baseline: csv.DictReader reads the file':48} {parse:7.2f} s")
    try:
        seconds, report = timed(lambda: import_spending(data))
        assert report.ok, report.errors[:3]
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"{'import: check every row, then upsert':48} {seconds:7.2f} s  "
            f"{rows / seconds:8,.0f} rows/s  peak RSS {peak:.0f} MB  added {report.added:,}"
        )
        again, report = timed(lambda: import_spending(data))
        print(
            f"{'import the same file again (all updates)':48} {again:7.2f} s  "
            f"updated {report.updated:,}"
        )
        client = Client()
        client.get(TRIVIAL_PATH)
        trivial, _ = timed(lambda: client.get(TRIVIAL_PATH), repeat=20)
        print(f"{'baseline: trivial view':48} {trivial * 1000:7.1f} ms")

        def grouped() -> int:
            by_month = (
                Payment.objects.annotate(m=TruncMonth("paid_on"))
                .values("m")
                .annotate(s=Sum("amount"), n=Count("pk"))
            )
            by_service = Payment.objects.values("service").annotate(s=Sum("amount"))
            return len(list(by_month)) + len(list(by_service))

        alone, _ = timed(grouped, repeat=10)
        print(f"{'baseline: the database groups by month, service':48} {alone * 1000:7.1f} ms")
        for path in (
            "/democracy/spending/",
            "/democracy/spending/?service=Libraries",
            "/democracy/spending/?q=supplier+0042",
        ):
            client.get(path, {"cold": "warm"})
            with CaptureQueriesContext(connection) as queries:
                page, answer = timed(
                    lambda path=path: client.get(path, {"cold": str(time.time_ns())}), repeat=10
                )
            assert answer.status_code == 200
            print(f"{'page ' + path:48} {page * 1000:7.1f} ms  {len(queries) // 10} queries")
        download, size = timed(
            lambda: len(b"".join(client.get("/democracy/spending.csv").streaming_content))
        )
        print(f"{'LGA download, every payment':48} {download:7.2f} s  {size / 1e6:.1f} MB")
    finally:
        Payment.objects.filter(transaction__startswith="BENCH").delete()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=40_000)
    arguments = parser.parse_args()
    run_on_demo(lambda: bench(arguments.rows))


if __name__ == "__main__":
    main()
