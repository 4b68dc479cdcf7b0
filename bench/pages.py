"""Throughput and latency of Townhall's public pages, against a static-file baseline.

Starts `townhall serve` on a fresh demo borough (SQLite by default; PostgreSQL and Redis with
--database-url and --redis-url), sends a bounded number of GET requests to each page from
several threads, all on 127.0.0.1, and prints requests per second and latency percentiles.
The baseline is the site's CSS served by whitenoise in the same run: the fastest the server
answers anything, so each page's figure reads as a fraction of it.

    python bench/pages.py [--requests 400] [--concurrency 8] [--workers 2]
                          [--database-url postgres://root@127.0.0.1:5432/postgres]
                          [--redis-url redis://127.0.0.1:6379/14]
"""

import argparse
import os
import statistics
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from server import add_server_arguments, start_server

BASELINE = "/static/townhall/townhall.css"
PAGES = [
    "/",
    "/alliance/",
    "/alliance/aims/",
    "/alliance/aims/compare/",
    "/alliance/news/",
    "/join/alliance/",
    "/search/?q=library",
]


def fetch(url: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as response:
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{url} answered {response.status}")
    return time.perf_counter() - started


def measure(url: str, requests: int, concurrency: int) -> dict:
    for _ in range(5):  # warm caches and connections
        fetch(url)
    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        latencies = sorted(pool.map(fetch, [url] * requests))
    elapsed = time.perf_counter() - started
    return {
        "rps": requests / elapsed,
        "p50": statistics.median(latencies) * 1000,
        "p95": latencies[int(len(latencies) * 0.95) - 1] * 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--concurrency", type=int, default=8)
    add_server_arguments(parser)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="townhall-bench-") as folder:
        server = start_server(
            Path(folder),
            workers=args.workers,
            database_url=args.database_url,
            redis_url=args.redis_url,
        )
        url = server.url
        try:
            database = "PostgreSQL" if args.database_url else "SQLite"
            cache = "Redis" if args.redis_url else "files (the default)"
            print(
                f"{database}, cache in {cache}, {args.workers} "
                f"{os.environ.get('SERVER', 'granian')} processes x 4 threads;"
                f" {args.requests} GETs per path from {args.concurrency} threads"
            )
            print(f"{'path':<28} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'vs baseline':>12}")
            baseline = measure(url + BASELINE, args.requests, args.concurrency)
            for path in [BASELINE, *PAGES]:
                result = (
                    baseline
                    if path == BASELINE
                    else measure(url + path, args.requests, args.concurrency)
                )
                share = result["rps"] / baseline["rps"]
                label = "baseline" if path == BASELINE else f"{share:.0%}"
                print(
                    f"{path:<28} {result['rps']:>8.1f} {result['p50']:>8.1f}"
                    f" {result['p95']:>8.1f} {label:>12}"
                )
        finally:
            server.stop()


if __name__ == "__main__":
    main()
