"""Costs as a borough's data grows: the same pages and jobs on the small demo and on a
borough-sized data set, in one run.

On a fresh database (SQLite in a temporary folder, or with --database-url a new PostgreSQL
database, dropped afterwards) it times, in process and with the page cache off (every page
rendered): a petition's page (with its ward map), the petitions list, a post's comments, the
decisions register, the site search, the signers' CSV of the biggest petition (time and
peak memory), anonymising a closed petition, and the digest run. Then it adds, with bulk
inserts: --signatures signatures over --petitions petitions (a fifth of them on the
petition measured, another fifth on one closed petition to anonymise), --comments comments
(--thread of them on the post measured), --decisions decisions with --papers generated PDF
papers read by the site's own task code, --responses consultation responses, and
--supporters supporters per group, and times everything again. Anything more than twice its
small figure is marked, with the reason where one is known.

    python bench/scale.py [--database-url postgres://root@127.0.0.1:5432/postgres]
        [--signatures 1000000] [--petitions 200] [--comments 100000] [--thread 500]
        [--decisions 10000] [--papers 2000] [--responses 50000] [--supporters 5000]
"""

import argparse

from server import run_workload

WORKLOAD = r"""
import os, random, statistics, time, tracemalloc
from datetime import timedelta
from django.db import connection, transaction
from django.db.models import F
from django.test import Client
from django.utils import timezone

from townhall.comments.models import Comment
from townhall.core.models import Borough, Organisation, Ward
from townhall.follows import services as follows
from townhall.news.models import NewsPostPage
from townhall.petitions import counts, exports, fraud
from townhall.petitions.models import Petition, Signature, SignatureCount

size = dict(item.split("=") for item in os.environ["BENCH_SIZE"].split(","))
size = {key: int(value) for key, value in size.items()}
rng = random.Random(7)
client = Client()
borough = Borough.objects.first()
wards = list(Ward.objects.filter(borough=borough).values_list("pk", flat=True))
viral = Petition.objects.filter(state="open").order_by("pk").first()
post = NewsPostPage.objects.live().order_by("pk").first()
now = timezone.now()

def closed_petition(action):
    petition = Petition.objects.create(
        borough=borough, action=action, background="Measured by bench/scale.py.",
        state="closed", opened_at=now - timedelta(days=400), closed_at=now - timedelta(days=300))
    counts.create_shards(petition)
    return petition

def add_signatures(petition, number, state="validated"):
    made = 0
    while made < number:
        batch = min(20_000, number - made)
        Signature.objects.bulk_create(
            Signature(petition=petition, name=f"Signer {made + n}",
                      email=f"s{petition.pk}-{made + n}@example.org",
                      normalised_email=f"s{petition.pk}-{made + n}@example.org",
                      postcode="EN5 4BW", ward_id=wards[(made + n) % len(wards)],
                      notify_by_email=(made + n) % 3 == 0, state=state,
                      link_sent_at=now, validated_at=now, ip_address="10.0.0.1")
            for n in range(batch))
        made += batch
    SignatureCount.objects.filter(petition=petition, shard=0).update(count=F("count") + number)

def timed(function, runs=5):
    function()  # warm: templates, caches of compiled queries
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)

def page(path):
    def get():
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        if response.streaming:
            for _ in response.streaming_content:
                pass
    return get

def signers_csv():
    response = exports.signers_csv(viral)
    size = 0
    for chunk in response.streaming_content:
        size += len(chunk)
    return size

def peak_memory(function):
    tracemalloc.start()
    function()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 1e6

def anonymise(petition):
    def run():
        started = time.perf_counter()
        fraud.anonymise_due(now)
        return (time.perf_counter() - started) * 1000
    return run

def measure(label, to_anonymise):
    figures = {
        "petition page (with ward map)": timed(page(f"/petitions/{viral.pk}/")),
        "petitions list": timed(page("/petitions/")),
        "closed petitions by signatures": timed(page("/petitions/?state=closed&sort=signatures")),
        "post with its comments": timed(page(post.url)),
        "decisions register": timed(page("/democracy/decisions/")),
        "council search (one word)": timed(page("/democracy/search/?q=budget")),
        "site search (one word)": timed(page("/search/?q=library")),
        "signers' CSV of the petition": timed(signers_csv, runs=3),
        "digest run": timed(lambda: follows.send_digests(now), runs=3),
    }
    figures["anonymising a closed petition"] = anonymise(to_anonymise)()
    memory = peak_memory(signers_csv)
    rows = Signature.objects.filter(petition=viral, state="validated", notify_by_email=True).count()
    print(f"{label}: {viral.signatures.count():,} signatures on the petition, "
          f"{Comment.objects.filter(page=post).count():,} comments on the post; "
          f"signers' CSV {rows:,} rows, peak memory {memory:.1f} MB")
    return figures, memory

connection.ensure_connection()
small_closed = closed_petition("A small closed petition to anonymise")
add_signatures(small_closed, 20)
small, small_memory = measure("small demo", small_closed)

started = time.perf_counter()
fifth = size["signatures"] // 5
big_closed = closed_petition("A big closed petition to anonymise")
add_signatures(big_closed, fifth)
add_signatures(viral, fifth)
others = []
for n in range(size["petitions"] - 2):
    petition = Petition.objects.create(
        borough=borough, action=f"Bench petition {n}", background="Grown by bench/scale.py.",
        state="open" if n % 2 else "closed", opened_at=now - timedelta(days=n % 300),
        closes_at=now + timedelta(days=30), closed_at=None if n % 2 else now - timedelta(days=5))
    counts.create_shards(petition)
    others.append(petition)
rest = size["signatures"] - 2 * fifth
for n, petition in enumerate(others):
    add_signatures(petition, rest // len(others))
print(f"added {size['signatures']:,} signatures over {size['petitions']} petitions "
      f"in {time.perf_counter() - started:.0f} s")

started = time.perf_counter()
posts = list(NewsPostPage.objects.live().exclude(pk=post.pk))
def comments_on(page, number):
    Comment.objects.bulk_create(
        Comment(page=page, author_name=f"Reader {n}", author_email=f"r{n}@example.org",
                content=f"Comment {n}.", content_html=f"<p>Comment {n}.</p>", status="approved",
                created_at=now - timedelta(minutes=n))
        for n in range(number))
comments_on(post, size["thread"])
for other in posts:
    comments_on(other, (size["comments"] - size["thread"]) // max(1, len(posts)))
print(f"added {size['comments']:,} comments in {time.perf_counter() - started:.0f} s")

started = time.perf_counter()
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.search.backends import get_search_backend
from townhall.council.models import Committee, Decision
from townhall.council.services.papers import read_text
from townhall.demo.pdf import pdf_document
WORDS = ("budget library school road housing care parking waste contract savings "
         "consultation partner youth health planning licence transport park tree").split()
def sentence(size=12):
    return " ".join(rng.choice(WORDS) for _ in range(size))
committee = Committee.objects.create(name="Scale committee", slug="scale", remit="Benchmarks")
made = Decision.objects.bulk_create(
    Decision(title=f"Decision {n}: {sentence(5)}", summary=sentence(40),
             decided_on=f"{2010 + n % 8}-0{1 + n % 9}-1{n % 9}", committee=committee,
             topic=rng.choice(WORDS))
    for n in range(size["decisions"]))
get_search_backend().add_bulk(Decision, made)
Document = get_document_model()
for n in range(size["papers"]):
    document = Document(title=f"Scale paper {n}", created_at=now)
    texts = [[sentence(14) for _ in range(20)] for _ in range(3)]
    document.file.save(f"scale-{n}.pdf", ContentFile(pdf_document(f"Paper {n}", texts)), save=False)
    document.save_base(raw=True)
    read_text(document)
print(f"added {size['decisions']:,} decisions and {size['papers']:,} PDF papers "
      f"in {time.perf_counter() - started:.0f} s")

started = time.perf_counter()
from townhall.consultations.models import ConsultationPage, Response, Stage
consultation = ConsultationPage.objects.live().first()
stage = Stage.objects.filter(consultation=consultation).first()
if consultation and stage:
    Response.objects.bulk_create(
        (Response(consultation=consultation, stage=stage, state="submitted", publish="anonymous",
                  answers={}, submitted_at=now - timedelta(minutes=n))
         for n in range(size["responses"])), batch_size=2000)
from townhall.people.models import Supporter
for organisation in Organisation.objects.exclude(kind="council"):
    Supporter.objects.bulk_create(
        (Supporter(organisation=organisation, name=f"Supporter {n}",
                   email=f"p{organisation.pk}-{n}@example.org", consent_to_contact=n % 2 == 0,
                   consent_wording="Bench", status="confirmed", confirmed_at=now)
         for n in range(size["supporters"])), batch_size=2000)
print(f"added {size['responses']:,} consultation responses and {size['supporters']:,} "
      f"supporters per group in {time.perf_counter() - started:.0f} s")
if connection.vendor == "postgresql":
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

big, big_memory = measure("borough-sized", big_closed)
print()
print(f"  {'page or job':<42} {'small demo':>11} {'borough':>11}  ratio")
for name in small:
    ratio = big[name] / small[name] if small[name] else 0
    mark = "  <-- more than 2x" if ratio > 2 else ""
    print(f"  {name:<42} {small[name]:8.1f} ms {big[name]:8.1f} ms  {ratio:5.1f}x{mark}")
print(f"  {'signers CSV peak memory':<42} {small_memory:8.1f} MB {big_memory:8.1f} MB")
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default="")
    parser.add_argument("--signatures", type=int, default=1_000_000)
    parser.add_argument("--petitions", type=int, default=200)
    parser.add_argument("--comments", type=int, default=100_000)
    parser.add_argument("--thread", type=int, default=500)
    parser.add_argument("--decisions", type=int, default=10_000)
    parser.add_argument("--papers", type=int, default=2_000)
    parser.add_argument("--responses", type=int, default=50_000)
    parser.add_argument("--supporters", type=int, default=5_000)
    args = parser.parse_args()
    sizes = ",".join(
        f"{name}={getattr(args, name)}"
        for name in (
            "signatures",
            "petitions",
            "comments",
            "thread",
            "decisions",
            "papers",
            "responses",
            "supporters",
        )
    )
    run_workload(
        WORKLOAD,
        {
            "BENCH_SIZE": sizes,
            "PAGE_CACHE_SECONDS": "0",  # every page rendered, as for the first reader
            "LOG_LEVEL": "WARNING",
            "ALLOWED_HOSTS": "testserver",
        },
        args.database_url,
        static=True,
    )


if __name__ == "__main__":
    main()
