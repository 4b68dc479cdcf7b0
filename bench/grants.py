"""A round of 2,000 applications, each scored by three assessors, and 2,000 published
awards: the staff's round overview (ranking with the budget left), an assessor's queue, and
the 360Giving JSON and CSV exports. Median time and the number of SQL queries of each.

Baselines in the same run: one query that reads every application of the round, and one
that reads every published award with its scheme and ward, which the pages above must stay
near in queries (a query per row would show as thousands).

    python bench/grants.py [--applications 2000] [--database-url postgres://...]
"""

import argparse

from server import run_workload

WORKLOAD = r"""
import os, random, statistics, time
from datetime import date, timedelta
from decimal import Decimal
from django.contrib.auth import get_user_model
from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from townhall.core.models import Ward
from townhall.grants import assessing, open_data
from townhall.grants.models import (Application, Assessment, Assessor, Award, ConflictDeclaration,
                                    GrantRound, GrantSchemePage)

count = int(os.environ["BENCH_APPLICATIONS"])
rng = random.Random(8)
User = get_user_model()
scheme = GrantSchemePage.objects.get(slug="innovation-bank")
now = timezone.now()
round_ = GrantRound.objects.create(
    scheme=scheme, title="Bench round", budget=Decimal(2_000_000),
    opens_at=now - timedelta(days=60), closes_at=now - timedelta(days=1))
wards = list(Ward.objects.all())
started = time.perf_counter()
applicants = User.objects.bulk_create(
    User(username=f"bench-applicant-{n}", email=f"bench-{n}@example.org") for n in range(count))
assessors = User.objects.bulk_create(
    User(username=f"bench-assessor-{n}", email=f"bench-assessor-{n}@example.org") for n in range(3))
Assessor.objects.bulk_create(Assessor(round=round_, user=a) for a in assessors)
statuses = ["in_assessment"] * 6 + ["submitted", "approved", "declined", "ineligible"]
apps = Application.objects.bulk_create(
    Application(round=round_, applicant=applicants[n], status=rng.choice(statuses),
                project_title=f"Project {n}", project_summary="A bench project.",
                applicant_type="organisation", applicant_name=f"Group {n}",
                ward=rng.choice(wards), amount_requested=Decimal(rng.randint(500, 50_000)),
                amount_approved=Decimal(1000), submitted_at=now - timedelta(days=5),
                budget=[{"item": "Costs", "cost": "1000.00"}])
    for n in range(count))
ConflictDeclaration.objects.bulk_create(
    ConflictDeclaration(application=a, assessor=user, has_conflict=rng.random() < 0.02)
    for a in apps for user in assessors)
Assessment.objects.bulk_create(
    Assessment(application=a, assessor=user, recommendation=rng.choice(["yes", "maybe", "no"]),
               scores=[{"criterion": c, "score": rng.randint(0, 5), "comment": ""}
                       for c in assessing.criteria_of(scheme)])
    for a in apps for user in assessors)
Award.objects.bulk_create(
    Award(scheme=scheme, round=round_, title=f"Award {n}", description="A bench award.",
          recipient_type=rng.choice(["organisation", "group", "individual"]),
          recipient_name=f"Group {n}", amount=Decimal(rng.randint(500, 5000)),
          awarded_on=date(2026, 1, 1) + timedelta(days=n % 300), ward=rng.choice(wards),
          published=True)
    for n in range(count))
print(f"made {count} applications, {3 * count} assessments and {count} awards "
      f"in {time.perf_counter() - started:.1f} s")

def measure(name, function, runs=5):
    times = []
    for _ in range(runs):
        reset_queries()  # the log keeps 9,000 queries: counting needs it empty at the start
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            function()
            times.append(time.perf_counter() - started)
    print(f"  {name:<46} median {statistics.median(times) * 1000:8.1f} ms   "
          f"{len(queries):5d} queries")

def overview():
    rows, committed, left = assessing.overview(round_)
    assert len(rows) == count and left <= round_.budget

def queue():
    assert len(assessing.queue(assessors[0])) > count // 2

def as_json():
    assert len(open_data.package()["grants"]) >= count

def as_csv():
    assert open_data.as_csv().count("\n") > count

print(f"grants with {count} applications ({connection.vendor}):")
measure("round overview: ranked, with the budget left", overview)
measure("an assessor's queue", queue)
measure("360Giving JSON of every published award", as_json)
measure("360Giving CSV of every published award", as_csv)
print("baselines:")
measure("one query: the round's applications", lambda: list(round_.applications.values()))
measure("one query: awards with scheme and ward",
        lambda: list(Award.objects.filter(published=True).select_related("scheme", "ward")))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applications", type=int, default=2_000)
    parser.add_argument("--database-url", default="", help="a PostgreSQL server to use")
    args = parser.parse_args()
    run_workload(WORKLOAD, {"BENCH_APPLICATIONS": str(args.applications)}, args.database_url)


if __name__ == "__main__":
    main()
