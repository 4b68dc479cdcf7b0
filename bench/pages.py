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
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fresh_postgres_database(admin_url: str) -> tuple[str, callable]:
    """A new empty database beside the one named in admin_url, and a function to drop it."""
    import psycopg

    name = f"townhall_bench_{os.getpid()}"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return admin_url.rsplit("/", 1)[0] + f"/{name}", drop


def start_server(args, data: Path) -> tuple[subprocess.Popen, str, callable]:
    drop = lambda: None  # noqa: E731
    database_url = f"sqlite:///{data / 'bench.sqlite3'}"
    if args.database_url:
        database_url, drop = fresh_postgres_database(args.database_url)
    port = free_port()
    env = {
        **os.environ,
        "TOWNHALL_DATA_DIR": str(data),
        "DATABASE_URL": database_url,
        "REDIS_URL": args.redis_url or "",
        "TOWNHALL_DEMO": "1",
        "WEB_CONCURRENCY": str(args.workers),
        "LOG_LEVEL": "WARNING",
    }
    townhall = [sys.executable, "-m", "townhall.cli"]
    for command in (["migrate", "-v0"], ["collectstatic", "--noinput", "-v0"], ["load_demo"]):
        subprocess.run([*townhall, *command], env=env, check=True, capture_output=True)
    server = subprocess.Popen(
        [*townhall, "serve", "--bind", f"127.0.0.1:{port}", "--access-logfile", "/dev/null"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            urllib.request.urlopen(url, timeout=2)
            return server, url, drop
        except OSError:
            time.sleep(0.2)
    server.kill()
    drop()
    raise SystemExit("townhall serve did not start")


def fetch(url: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310
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
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--redis-url", default="")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="townhall-bench-") as folder:
        server, url, drop = start_server(args, Path(folder))
        try:
            database = "PostgreSQL" if args.database_url else "SQLite"
            cache = "Redis" if args.redis_url else "local memory"
            print(
                f"{database}, cache in {cache}, {args.workers} gunicorn workers x 4 threads;"
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
            server.terminate()
            server.wait(timeout=10)
            drop()


if __name__ == "__main__":
    main()
