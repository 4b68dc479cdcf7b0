"""10,000 responses to a 20-question consultation: the results page's counting, and the CSV
and XLSX exports: time and peak memory (tracemalloc) of each.

Baselines in the same run: counting the responses with one COUNT(*) query, and a naive CSV
export that builds the whole file in memory, which the streaming export must beat on memory.

    python bench/consultation_results.py [--responses 10000] [--database-url postgres://...]
"""

import argparse

from server import run_workload

WORKLOAD = r"""
import csv, io, os, random, statistics, time, tracemalloc
from datetime import timedelta
from django.utils import timezone
from townhall.consultations import exports, results
from townhall.consultations.models import ConsultationPage, Response, Stage
from townhall.core.models import Organisation

count = int(os.environ["BENCH_RESPONSES"])
rng = random.Random(7)
WORDS = "library hours staff books children study parking quiet open close money local".split()
AGREE = ["Strongly agree", "Agree", "Neither", "Disagree", "Strongly disagree"]
ROWS = ["Parks", "Roads", "Libraries", "Bins", "Schools"]
ITEMS = ["Hours", "Books", "Space", "Events", "Computers"]

def q(kind, key, **extra):
    value = {"key": key, "label": f"Question {key}", "required": False, **extra}
    return {"type": kind, "value": value}

questions = (
    [q("single_choice", f"choice-{n}", choices=["Yes", "No", "Not sure"]) for n in range(8)]
    + [q("scale", f"scale-{n}", points=AGREE) for n in range(4)]
    + [q("multiple_choice", f"multi-{n}", choices=WORDS[:6]) for n in range(2)]
    + [q("matrix", "matrix", rows=ROWS, points=AGREE), q("ranking", "ranking", items=ITEMS),
       q("dropdown", "dropdown", choices=WORDS)]
    + [q("long_text", f"text-{n}", max_words=300) for n in range(3)]
)
home = Organisation.objects.get(slug="council").home_page.specific
page = ConsultationPage(title="Bench consultation", slug="bench-consultation", summary="x",
                        why="<p>x</p>", proposal="<p>x</p>")
home.add_child(instance=page)
now = timezone.now()
form = [{"type": "page", "value": {"title": "All", "questions": questions}}]
stage = Stage.objects.create(consultation=page, title="Stage", opens_at=now - timedelta(days=30),
                             closes_at=now - timedelta(days=1), pages=form)

def answers():
    given = {}
    for n in range(8):
        given[f"choice-{n}"] = rng.choice(["Yes", "No", "Not sure"])
    for n in range(4):
        given[f"scale-{n}"] = rng.choice(AGREE)
    for n in range(2):
        given[f"multi-{n}"] = rng.sample(WORDS[:6], rng.randint(1, 3))
    given["matrix"] = {row: rng.choice(AGREE) for row in ROWS}
    given["ranking"] = rng.sample(ITEMS, len(ITEMS))
    given["dropdown"] = rng.choice(WORDS)
    for n in range(3):
        given[f"text-{n}"] = " ".join(rng.choice(WORDS) for _ in range(60))
    return given

started = time.perf_counter()
Response.objects.bulk_create(
    (Response(consultation=page, stage=stage, state="submitted", publish="anonymous",
              answers=answers(), submitted_at=now - timedelta(minutes=n))
     for n in range(count)), batch_size=1000)
print(f"made {count} responses of 20 questions in {time.perf_counter() - started:.1f} s")

def measure(name, function, runs=5):
    # Timed without tracemalloc, which slows Python several times; then one traced run.
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    tracemalloc.start()
    function()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"  {name:<44} median {statistics.median(times) * 1000:8.1f} ms   "
          f"peak memory {peak / 2**20:7.1f} MiB")

def stream_csv():
    size = sum(len(chunk) for chunk in exports.csv_response(page, stage).streaming_content)
    assert size > count * 100

def naive_csv():
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    all_rows = list(exports.rows(page, stage))
    writer.writerows(all_rows)
    assert len(buffer.getvalue()) > count * 100

def xlsx():
    response = exports.xlsx_response(page, stage)
    assert sum(len(chunk) for chunk in response.streaming_content) > 0

from django.db import connection
print(f"results and exports of {count} responses ({connection.vendor}):")
submitted = results.submitted(page, stage)
measure("results page counting, with charts", lambda: results.count(stage, submitted))
measure("CSV export, streamed", stream_csv, runs=3)
measure("XLSX export, write-only", xlsx, runs=1)
print("baselines:")
measure("COUNT(*) of the responses", lambda: submitted.count())
measure("naive CSV export built in memory", naive_csv, runs=3)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=10_000)
    parser.add_argument("--database-url", default="", help="a PostgreSQL server to use")
    args = parser.parse_args()
    run_workload(WORKLOAD, {"BENCH_RESPONSES": str(args.responses)}, args.database_url)


if __name__ == "__main__":
    main()
