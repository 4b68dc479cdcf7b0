"""Signing under load: confirmed signatures per second, and whether the count stays exact.

Serves a fresh demo from several gunicorn processes (PostgreSQL and Redis), then simulated
people, from a pool of threads in this process, each sign a petition (POST with its CSRF
token) and confirm (POST to the link from the email; the token is read from the database,
where the outbox and the signature are). Each person has their own address, passed in
X-Forwarded-For with one trusted proxy, so rate limits apply per person as they would.
At the end the shown count must equal the confirmed rows.

    python bench/petitions.py --database-url postgres://root@127.0.0.1:5432/postgres \\
        --redis-url redis://127.0.0.1:6379/12 [--workers 2] [--people 600] [--threads 16]
"""

import argparse
import http.cookiejar
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg
from server import add_server_arguments, start_server

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Person:
    def __init__(self, base: str, number: int) -> None:
        self.base, self.number = base, number
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        self.address = f"198.18.{number // 250}.{number % 250 + 1}"  # a header value only

    def request(self, path: str, data: dict | None = None) -> tuple[float, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(  # noqa: S310 - our own local server
            self.base + path, data=body, headers={"X-Forwarded-For": self.address}
        )
        started = time.perf_counter()
        with self.opener.open(request, timeout=60) as response:
            text = response.read().decode()
        return time.perf_counter() - started, text


def run_person(base: str, database_url: str, petition: int, ward: int, number: int):
    person = Person(base, number)
    _, form = person.request(f"/petitions/{petition}/sign/")
    token = CSRF.search(form).group(1)
    email = f"bench{number}@example.org"
    sign_time, _ = person.request(
        f"/petitions/{petition}/sign/",
        {
            "csrfmiddlewaretoken": token,
            "name": f"Bench {number}",
            "email": email,
            "postcode": "EN5 4BW",
            "ward": ward,
        },
    )
    with psycopg.connect(database_url) as connection:
        link = connection.execute(
            "SELECT token FROM petitions_signature WHERE petition_id = %s AND email = %s",
            (petition, email),
        ).fetchone()[0]
    _, page = person.request(f"/petitions/signatures/{link}/")
    confirm_time, result = person.request(
        f"/petitions/signatures/{link}/", {"csrfmiddlewaretoken": CSRF.search(page).group(1)}
    )
    return sign_time, confirm_time, "Your signature is counted" in result


def start_readers(url: str, seconds: int):
    """Anonymous readers on the petition page, from a second process, while people sign."""
    wrk = shutil.which("wrk")
    if not wrk or seconds <= 0:
        return None
    return subprocess.Popen(
        [wrk, "-t1", "-c8", f"-d{seconds}s", "--latency", url], stdout=subprocess.PIPE, text=True
    )


class Staleness(threading.Thread):
    """Every half second: how far the count a reader sees is behind the confirmed rows."""

    def __init__(self, base: str, petition: int, database: str) -> None:
        super().__init__(daemon=True)
        self.base, self.petition, self.database = base, petition, database
        self.lags: list[int] = []
        self.max_age = 0.0
        self._stop_event = threading.Event()
        self._last_change = (time.monotonic(), -1)

    def run(self) -> None:
        reader = Person(self.base, 10**7)
        with psycopg.connect(self.database, autocommit=True) as connection:
            while not self._stop_event.wait(0.5):
                rows = connection.execute(
                    "SELECT count(*) FROM petitions_signature WHERE petition_id = %s AND "
                    "state = 'validated'",
                    (self.petition,),
                ).fetchone()[0]
                _, page = reader.request(f"/petitions/{self.petition}/")
                shown = int(re.search(r"<strong>(\d+)</strong> signature", page).group(1))
                self.lags.append(rows - shown)
                now = time.monotonic()
                if shown != self._last_change[1]:
                    self._last_change = (now, shown)
                elif rows != shown:
                    self.max_age = max(self.max_age, now - self._last_change[0])

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_server_arguments(parser)
    parser.add_argument("--people", type=int, default=600)
    parser.add_argument("--threads", type=int, default=16)
    parser.add_argument(
        "--reader-seconds",
        type=int,
        default=15,
        help="how long wrk reads the petition page while people sign (0: not)",
    )
    args = parser.parse_args()
    if not args.database_url:
        parser.error("this benchmark is for PostgreSQL: give --database-url")
    with tempfile.TemporaryDirectory(prefix="townhall-bench-") as folder:
        server = start_server(
            Path(folder),
            workers=args.workers,
            database_url=args.database_url,
            redis_url=args.redis_url,
            extra_env={"TRUSTED_PROXIES": "1", "THREADS": "8"},
        )
        try:
            database = server.env["DATABASE_URL"]
            with psycopg.connect(database) as connection:
                petition = connection.execute(
                    "SELECT id FROM petitions_petition WHERE state = 'open' ORDER BY id"
                ).fetchone()[0]
                ward = connection.execute("SELECT id FROM core_ward LIMIT 1").fetchone()[0]
                before = connection.execute(
                    "SELECT count(*) FROM petitions_signature WHERE petition_id = %s AND "
                    "state = 'validated'",
                    (petition,),
                ).fetchone()[0]
            print(
                f"PostgreSQL, {'Redis' if args.redis_url else 'file'} cache, {args.workers} "
                f"gunicorn workers x 8 threads; {args.people} people from {args.threads} "
                "client threads, each signing and confirming"
            )
            readers = start_readers(f"{server.url}/petitions/{petition}/", args.reader_seconds)
            staleness = Staleness(server.url, petition, database)
            staleness.start()
            started = time.perf_counter()
            with ThreadPoolExecutor(args.threads) as pool:
                results = list(
                    pool.map(
                        lambda n: run_person(server.url, database, petition, ward, n),
                        range(args.people),
                    )
                )
            elapsed = time.perf_counter() - started
            staleness.stop()
            reader_output = readers.communicate()[0] if readers else ""
            confirmed = sum(1 for *_, ok in results if ok)
            signs = sorted(r[0] * 1000 for r in results)
            confirms = sorted(r[1] * 1000 for r in results)
            print(
                f"confirmed signatures: {confirmed} in {elapsed:.1f} s = "
                f"{confirmed / elapsed:.1f} per second (each also needed 2 page loads)"
            )
            for name, times in (("sign POST", signs), ("confirm POST", confirms)):
                print(
                    f"  {name:<13} p50 {statistics.median(times):.1f} ms, "
                    f"p99 {times[int(len(times) * 0.99) - 1]:.1f} ms"
                )
            if reader_output:
                rps = re.search(r"Requests/sec:\s+([\d.]+)", reader_output).group(1)
                p99 = re.search(r"^\s+99%\s+(\S+)", reader_output, re.M).group(1)
                errors = "Non-2xx" in reader_output or "Socket errors" in reader_output
                print(
                    f"readers on the petition page meanwhile (wrk, 8 connections): {rps} req/s,"
                    f" p99 {p99}{', ERRORS' if errors else ''}"
                )
            if staleness.lags:
                print(
                    "shown count behind the confirmed rows: median "
                    f"{statistics.median(staleness.lags):.0f},"
                    f" max {max(staleness.lags)} signatures; max age of the shown count "
                    f"{staleness.max_age:.1f} s"
                )
            time.sleep(3)  # let the shown count's short cache expire
            with psycopg.connect(database) as connection:
                rows = connection.execute(
                    "SELECT count(*) FROM petitions_signature WHERE petition_id = %s AND "
                    "state = 'validated'",
                    (petition,),
                ).fetchone()[0]
                counted = connection.execute(
                    "SELECT sum(count) FROM petitions_signaturecount WHERE petition_id = %s",
                    (petition,),
                ).fetchone()[0]
            _, page = Person(server.url, 10**6).request(f"/petitions/{petition}/")
            shown = int(re.search(r"<strong>(\d+)</strong> signature", page).group(1))
            exact = rows == counted == shown == before + confirmed
            print(
                f"confirmed rows {rows}, counted {counted}, shown {shown}: "
                f"{'exact' if exact else 'MISMATCH'}"
            )
            if not exact:
                sys.exit(1)
        finally:
            server.stop()


if __name__ == "__main__":
    main()
