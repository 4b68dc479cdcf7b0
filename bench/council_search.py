"""Search over the council's record: 10,000 decisions and 2,000 PDF papers, query times.

It builds a fresh database (SQLite in a temporary folder, or a new PostgreSQL database that it
drops afterwards), generates the decisions and real PDF papers, reads every paper's text with
the same task code the site uses (timing that too), then times the council search service
(decisions, agenda items and paper pages, as /democracy/search/ runs it) over a mix of
queries. Baselines in the same run: a lookup by primary key (the database's floor), and the
same words found by scanning the paper text with LIKE instead of the search index.

    python bench/council_search.py [--decisions 10000] [--papers 2000] [--pages 5]
                                   [--queries 60] [--database-url postgres://...]
"""

import argparse

from server import run_workload

WORKLOAD = r"""
import random, statistics, time
from django.core.files.base import ContentFile
from django.db import connection
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.search.backends import get_search_backend
from townhall.council.models import Committee, Decision, PaperPage
from townhall.council.services.papers import read_text
from townhall.council.services.search import search_council
from townhall.demo.pdf import pdf_document

import os
decisions, papers, pages, queries = (int(n) for n in os.environ["BENCH_COUNTS"].split(","))
rng = random.Random(7)
WORDS = ("budget library school road housing care parking waste contract savings "
         "consultation partner youth health planning licence transport park tree "
         "flooding recycling grant scrutiny audit pension").split()

def sentence(size=12):
    return " ".join(rng.choice(WORDS) for _ in range(size))

committee = Committee.objects.create(name="Bench committee", slug="bench", remit="Benchmarks")
started = time.perf_counter()
made = Decision.objects.bulk_create(
    Decision(title=f"Decision {n}: {sentence(5)}", summary=sentence(40),
             decided_on=f"{2010 + n % 8}-0{1 + n % 9}-1{n % 9}", committee=committee,
             topic=rng.choice(WORDS))
    for n in range(decisions))
get_search_backend().add_bulk(Decision, made)
print(f"made and indexed {decisions} decisions in {time.perf_counter() - started:.1f} s")

Document = get_document_model()
started = time.perf_counter()
for n in range(papers):
    texts = [[sentence(14) for _ in range(20)] for _ in range(pages)]
    texts[n % pages].append(f"unique marker phrase paper{n} kestrel")
    document = Document(title=f"Paper {n}", created_at=timezone.now())
    document.file.save(f"paper-{n}.pdf", ContentFile(pdf_document(f"Paper {n}", texts)), save=False)
    document.save_base(raw=True)  # raw: no upload signal, so the reading is timed apart
made_at = time.perf_counter() - started
started = time.perf_counter()
for document in Document.objects.filter(title__startswith="Paper "):
    read_text(document)
read_seconds = time.perf_counter() - started
print(f"wrote {papers} PDFs of {pages} pages in {made_at:.1f} s; read them (pypdf, page "
      f"rows, index) in {read_seconds:.1f} s: {papers / read_seconds:.0f} papers/s, "
      f"{PaperPage.objects.count() / read_seconds:.0f} pages/s")

def timed(function, arguments):
    times = []
    for argument in arguments:
        started = time.perf_counter()
        function(argument)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.99))]

def report(name, figures):
    print(f"  {name:<46} median {figures[0]:7.2f} ms   p99 {figures[1]:7.2f} ms")

mixes = {
    "one common word": [rng.choice(WORDS) for _ in range(queries)],
    "two words": [f"{rng.choice(WORDS)} {rng.choice(WORDS)}" for _ in range(queries)],
    "a phrase on one page of one paper": [
        f"marker phrase paper{rng.randrange(papers)} kestrel" for _ in range(queries)],
    "no match": [f"zzq{n} nothingness" for n in range(queries)],
}
ids = list(Decision.objects.values_list("pk", flat=True))
print(f"council search over {Decision.objects.count()} decisions and "
      f"{PaperPage.objects.count()} paper pages ({connection.vendor}):")
for name, mix in mixes.items():
    report(name, timed(lambda q: bool(search_council(q)), mix))
print("baselines:")
report("decision by primary key", timed(lambda pk: Decision.objects.get(pk=pk),
                                       rng.sample(ids, queries)))
report("unique phrase by LIKE scan of paper text", timed(
    lambda q: list(PaperPage.objects.filter(text__icontains=q)[:60]),
    [f"paper{rng.randrange(papers)} kestrel" for _ in range(max(5, queries // 6))]))
if os.environ.get("BENCH_EXPLAIN"):  # the plan of one phrase search over the papers
    from django.test.utils import CaptureQueriesContext
    with CaptureQueriesContext(connection) as captured:
        list(get_search_backend().search("marker phrase paper7 kestrel",
                                         PaperPage.objects.all(), operator="and")[:60])
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN ANALYZE " + captured.captured_queries[-1]["sql"])
        print("\n".join(row[0] for row in cursor.fetchall()))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--decisions", type=int, default=10_000)
    parser.add_argument("--papers", type=int, default=2_000)
    parser.add_argument("--pages", type=int, default=5)
    parser.add_argument("--queries", type=int, default=60)
    parser.add_argument("--database-url", default="", help="a PostgreSQL server to use")
    args = parser.parse_args()
    counts = ",".join(str(n) for n in (args.decisions, args.papers, args.pages, args.queries))
    run_workload(WORKLOAD, {"BENCH_COUNTS": counts}, args.database_url, load_demo=False)


if __name__ == "__main__":
    main()
