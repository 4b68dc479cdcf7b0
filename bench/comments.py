"""A news post with 50 approved comments: cold render time, and cached throughput under load.

1. Cold render: sequential GETs, each to a new address (so each misses the page cache and the
   page and its 50 comments are rendered from the database); median and p99 in ms.
2. Cached: load from a second process (wrk if installed, else a Python process) on one address
   for a fixed time; requests/s and latency, against the site's CSS file as the baseline.
3. Invalidation: a comment is approved; the next anonymous request must show it.

    python bench/comments.py [--workers 2] [--seconds 10] [--connections 16]
                             [--database-url postgres://...] [--redis-url redis://...]

Without --redis-url the cache is the default file cache in the data folder.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from load import wrk, wrk_path
from server import add_server_arguments, start_server

POST = "/alliance/news/travelling-together-for-the-right-to-ride/"
PREPARE = """
from datetime import timedelta
from django.utils import timezone
from townhall.comments.models import Comment
from townhall.news.models import NewsPostPage
post = NewsPostPage.objects.get(slug="travelling-together-for-the-right-to-ride")
start = timezone.now() - timedelta(days=2)
for n in range(50):
    comment = Comment.objects.create(
        page=post, author_name=f"Reader {n}", author_email=f"reader{n}@example.org",
        content=f"Comment number {n}, with <em>a little</em> markup and a few words.\\n\\nMore.",
        status="approved")
    Comment.objects.filter(pk=comment.pk).update(created_at=start + timedelta(minutes=n))
print(Comment.objects.filter(page=post, status="approved").count())
"""
APPROVE = """
from townhall.comments.models import Comment
from townhall.news.models import NewsPostPage
post = NewsPostPage.objects.get(slug="travelling-together-for-the-right-to-ride")
Comment.objects.create(page=post, author_name="Late reader", author_email="late@example.org",
                       content="Approved during the benchmark.", status="approved")
"""
PYTHON_LOAD = """
import json, sys, time, urllib.request
from concurrent.futures import ThreadPoolExecutor
url, seconds, connections = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
deadline = time.monotonic() + seconds
def worker(_):
    latencies = []
    while time.monotonic() < deadline:
        started = time.perf_counter()
        urllib.request.urlopen(url, timeout=30).read()
        latencies.append(time.perf_counter() - started)
    return latencies
started = time.monotonic()
with ThreadPoolExecutor(connections) as pool:
    all_latencies = sorted(l for ls in pool.map(worker, range(connections)) for l in ls)
elapsed = time.monotonic() - started
print(json.dumps({"rps": len(all_latencies) / elapsed,
                  "p50": all_latencies[len(all_latencies) // 2] * 1000,
                  "p99": all_latencies[int(len(all_latencies) * 0.99) - 1] * 1000}))
"""


def get(url: str) -> tuple[float, str, str]:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as response:
        body = response.read().decode()
        cache = response.headers.get("X-Townhall-Cache", "")
    return (time.perf_counter() - started) * 1000, body, cache


def cold_render(url: str, count: int) -> dict:
    times = sorted(get(f"{url}?cold={n}")[0] for n in range(count))
    return {"median": statistics.median(times), "p99": times[int(count * 0.99) - 1]}


def load(url: str, seconds: int, connections: int) -> dict:
    """Load from a second process: wrk when installed, otherwise Python threads."""
    if wrk_path():
        return wrk(url, seconds, connections)
    output = subprocess.run(
        [sys.executable, "-c", PYTHON_LOAD, url, str(seconds), str(connections)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return {"tool": "python", "errors": "", **json.loads(output)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--cold-requests", type=int, default=200)
    add_server_arguments(parser)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="townhall-bench-") as folder:
        server = start_server(
            Path(folder),
            workers=args.workers,
            database_url=args.database_url,
            redis_url=args.redis_url,
            extra_env={"THREADS": "4"},
        )
        try:
            approved = server.townhall("shell", "-c", PREPARE).strip().splitlines()[-1]
            post = server.url + POST
            print(
                f"{'PostgreSQL' if args.database_url else 'SQLite'}, cache in "
                f"{'Redis' if args.redis_url else 'files (the default)'}, {args.workers} "
                f"{os.environ.get('SERVER', 'granian')} processes x 4 threads; "
                f"the post has {approved} approved comments"
            )
            cold = cold_render(post, args.cold_requests)
            print(
                f"cold render ({args.cold_requests} sequential uncached GETs): "
                f"median {cold['median']:.1f} ms, p99 {cold['p99']:.1f} ms"
            )
            get(post)  # store it in the cache
            baseline = load(
                server.url + "/static/townhall/townhall.css", args.seconds, args.connections
            )
            cached = load(post, args.seconds, args.connections)
            print(
                f"load from a second process ({cached['tool']}, {args.connections} "
                f"connections, {args.seconds} s each):"
            )
            for name, result in (("CSS file (baseline)", baseline), ("post, cached", cached)):
                share = result["rps"] / baseline["rps"]
                print(
                    f"  {name:<20} {result['rps']:>9.1f} req/s  p50 {result['p50']:.1f} ms"
                    f"  p99 {result['p99']:.1f} ms  ({share:.0%} of baseline)"
                    f"{'  ' + result['errors'] if result['errors'] else ''}"
                )
            server.townhall("shell", "-c", APPROVE)
            elapsed, body, cache = get(post)
            shown = "Approved during the benchmark." in body
            print(
                f"newly approved comment on the next request: {'shown' if shown else 'MISSING'}"
                f" (cache {cache}, {elapsed:.1f} ms)"
            )
            if not shown:
                sys.exit(1)
        finally:
            server.stop()


if __name__ == "__main__":
    main()
