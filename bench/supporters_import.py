"""A group's NationBuilder people export of 100,000 people (generated, illustrative: made-up
names at example.org) brought into its people: the preview, the import and the same file
imported again (nothing to change), each in time and peak memory (tracemalloc, in runs of
their own so the tracing does not slow the timed ones). Baseline in the same run: Python's
csv module reading the same file and nothing else.

    python bench/supporters_import.py [--people 100000] [--database-url postgres://...]
    python bench/supporters_import.py --smoke   # a few hundred people, for the tests

It runs on a fresh demo (SQLite in a temporary folder, or a new PostgreSQL database beside
the one named, dropped afterwards), into the alliance's people, a few of whom are already
there and are merged.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from server import run_workload

WORKLOAD = r"""
import csv, io, os, random, time, tracemalloc
from django.db import transaction
from townhall.core.models import Organisation
from townhall.people import supporter_import
from townhall.people.models import Person

count = int(os.environ["BENCH_PEOPLE"])
rng = random.Random(28)
FIRST = "Ada Bo Cy Dee Eve Fay Gil Hal Ida Jo Kit Lee Max Ned Ola Pat Quin Ros Sam Tam".split()
LAST = "Okafor Smith Patel Jones Nowak Kaur Evans Khan Brown Murphy Silva Cohen Ali".split()
TAGS = ["volunteer", "leaflets", "newsletter", "library friends", "donor", "steward"]
# Postcodes in the shape of the borough's, illustrative only.
POSTCODES = ["EN5 1AB", "EN5 2CD", "N3 1AB", "N12 8EF", "NW4 4BE", "NW7 3GH", "HA8 9JK", ""]
columns = ("nationbuilder_id,first_name,last_name,email,email_opt_in,phone_number,"
           "mobile_number,primary_address1,primary_city,primary_zip,tag_list,is_volunteer,"
           "sex,created_at")
alliance = Organisation.objects.get(slug="alliance")
already = list(Person.objects.filter(organisation=alliance).values_list("email", flat=True))
out = io.StringIO()
writer = csv.writer(out)
writer.writerow(columns.split(","))
for n in range(count):
    email = already[n] if n < len(already) else f"supporter{n}@example.org"
    writer.writerow([
        n + 1, rng.choice(FIRST), rng.choice(LAST), email, rng.choice(["true", "false"]),
        "", f"+44 7700 9{n % 100000:05d}", f"{rng.randint(1, 300)} Example Road", "Barnet",
        rng.choice(POSTCODES), ", ".join(rng.sample(TAGS, rng.randint(0, 3))),
        rng.choice(["true", "false"]), rng.choice(["F", "M", ""]),
        f"20{rng.randint(10, 25)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}T10:00:00+00:00",
    ])
data = out.getvalue().encode()
print(f"file: {count:,} people, {len(data) / 1e6:.1f} MB, {len(already)} already in the group")

def read_alone():
    return sum(1 for _ in csv.reader(io.StringIO(data.decode())))

def preview():
    return supporter_import.preview(alliance, data)

def rolled_back_import():
    with transaction.atomic():
        summary = supporter_import.import_people(alliance, data)
        transaction.set_rollback(True)
    return summary

def timed(action):
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result

def peak(action):
    tracemalloc.start()
    action()
    found = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return found / 1e6

base_seconds, _ = timed(read_alone)
base_peak = peak(read_alone)
name = "baseline: csv.reader reads the file"
print(f"{name:44} {base_seconds:7.2f} s   peak {base_peak:7.1f} MB")

def report(name, seconds, memory, summary):
    counts = summary.counts
    print(f"{name:44} {seconds:7.2f} s   peak {memory:7.1f} MB   "
          f"{count / seconds:8,.0f} rows/s   x{seconds / base_seconds:5.1f} the baseline's time   "
          f"new {counts['create']:,} merged {counts['merge']:,} "
          f"unchanged {counts['unchanged']:,} refused {counts['refuse']:,}")
    assert summary.ok, summary.error

seconds, summary = timed(preview)
report("preview (every row checked, nothing stored)", seconds, peak(preview), summary)
memory = peak(rolled_back_import)
seconds, summary = timed(lambda: supporter_import.import_people(alliance, data))
report("import (one transaction)", seconds, memory, summary)
assert summary.counts["create"] == count - len(already), summary.counts
memory = peak(rolled_back_import)  # the second import's, rolled back
seconds, summary = timed(lambda: supporter_import.import_people(alliance, data))
report("the same file again (nothing changes)", seconds, memory, summary)
assert summary.counts["create"] == summary.counts["merge"] == 0, summary.counts
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--smoke", action="store_true", help="a few hundred people")
    arguments = parser.parse_args()
    people = 300 if arguments.smoke else arguments.people
    run_workload(WORKLOAD, {"BENCH_PEOPLE": str(people)}, arguments.database_url)


if __name__ == "__main__":
    main()
