"""Signing under load: confirmed signatures per second, and whether the count stays exact.

Serves a fresh demo from several app processes on PostgreSQL (and Redis when given). The load
comes from wrk in a second process, with the Lua scripts in bench/wrk/, so that every person
is different: their own email and their own address (X-Forwarded-For, one trusted proxy), so
rate limits and the one-signature-per-email rule apply per person as they would.

1. Baseline: the site's CSS file (whitenoise, no database), in the same run.
2. Sign: for --seconds, people load the signing form and post it (2 requests each).
3. Confirm: for as long, those people open their emailed link and press the button (2
   requests each; the tokens are read from the database, where the email is).
Through both phases readers load the petition page (wrk, 8 connections) and a sampler
compares the count shown with the confirmed rows every half second.
4. Exact: after the load, the shown count must equal the confirmed rows and the shards' sum.

With --through-nginx every request goes through nginx with the shipped cache
(src/townhall/operations/deploy/nginx/townhall-cache.conf), and a second baseline is nginx
serving a static file the size of the petition page: the readers' figure is then compared with it.

A whole signature is sign + confirm on the same CPU, so its rate is the two phases' rates
combined: 1 / (1 / signs per second + 1 / confirmations per second).

    python bench/petitions.py --database-url postgres://root@127.0.0.1:5432/postgres \\
        --redis-url redis://127.0.0.1:6379/12 [--workers 2] [--seconds 10] [--connections 16]
        [--through-nginx]
"""

import argparse
import os
import re
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg
from load import parse, start_wrk, wrk, wrk_path
from server import add_server_arguments, start_server

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.nginx import start_nginx

READERS = 8  # connections reading the petition page while people sign


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read().decode()


def shown_count(base: str, petition: int) -> int:
    page = get(f"{base}/petitions/{petition}/?reader={time.monotonic()}")
    return int(re.search(r"<strong>(\d+)</strong> signature", page).group(1))


def confirmed_rows(connection, petition: int) -> int:
    return connection.execute(
        "SELECT count(*) FROM petitions_signature WHERE petition_id = %s AND state = 'validated'",
        (petition,),
    ).fetchone()[0]


class Staleness(threading.Thread):
    """Every half second: how far the count a reader sees is behind the confirmed rows, and
    how old it is (how long ago the confirmed rows were still no more than it shows)."""

    def __init__(self, base: str, petition: int, database: str) -> None:
        super().__init__(daemon=True)
        self.base, self.petition, self.database = base, petition, database
        self.lags: list[int] = []
        self.max_age = 0.0
        self._stop_event = threading.Event()

    def run(self) -> None:
        history: list[tuple[float, int]] = []  # (when, confirmed rows), rows never fall
        with psycopg.connect(self.database, autocommit=True) as connection:
            while not self._stop_event.wait(0.5):
                now = time.monotonic()
                rows = confirmed_rows(connection, self.petition)
                history.append((now, rows))
                # The same page readers get: one address, so the page cache serves it.
                page = get(f"{self.base}/petitions/{self.petition}/")
                shown = int(re.search(r"<strong>(\d+)</strong> signature", page).group(1))
                self.lags.append(rows - shown)
                if rows > shown:
                    correct_at = max((t for t, r in history if r <= shown), default=history[0][0])
                    self.max_age = max(self.max_age, now - correct_at)

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


def phase_rate(connection, petition: int, column: str, since) -> tuple[int, float]:
    """Rows whose `column` time is after `since`, and their rate over the time they span."""
    count, first, last = connection.execute(
        f"SELECT count(*), min({column}), max({column}) FROM petitions_signature "
        f"WHERE petition_id = %s AND {column} > %s",
        (petition, since),
    ).fetchone()
    seconds = (last - first).total_seconds() if count > 1 else 0
    return count, count / seconds if seconds else 0.0


SIGN_SQL = (
    "INSERT INTO petitions_signature (petition_id, name, email, normalised_email, postcode, "
    "ward_id, notify_by_email, is_creator, state, token, ip_address, created_at, "
    "link_sent_at, invalidation_note) VALUES (%s, %s, %s, %s, 'EN5 4BW', %s, false, false, "
    "'pending', %s, '10.9.9.9', now(), now(), '') RETURNING id"
)
CONFIRM_SQL = (
    "UPDATE petitions_signature SET state = 'validated', validated_at = now() "
    "WHERE id = %s AND state = 'pending'"
)
SHARD_SQL = (
    "UPDATE petitions_signaturecount SET count = count + 1 WHERE petition_id = %s AND shard = %s"
)


def database_alone(database: str, petition: int, ward: int, seconds: float, threads: int):
    """The signature's essential writes sent straight to PostgreSQL, with no web stack: what
    the database could take on this machine. Its rows are removed afterwards."""
    deadline = time.monotonic() + seconds
    run = f"sql{int(time.time())}"

    def person(worker: int) -> int:
        done = 0
        with psycopg.connect(database) as connection:
            while time.monotonic() < deadline:
                email = f"{run}-{worker}-{done}@example.org"
                with connection.transaction():
                    row = connection.execute(
                        SIGN_SQL, (petition, "Bench", email, email, ward, f"{email}-token")
                    ).fetchone()
                with connection.transaction():
                    connection.execute(CONFIRM_SQL, row)
                    connection.execute(SHARD_SQL, (petition, done % 16))
                done += 1
            with connection.transaction():
                connection.execute(
                    "DELETE FROM petitions_signature WHERE email LIKE %s", (f"{run}-{worker}-%",)
                )
                connection.execute(SHARD_SQL.replace("+ 1", "- %s"), (done, petition, 0))
        return done

    started = time.monotonic()
    with ThreadPoolExecutor(threads) as pool:
        total = sum(pool.map(person, range(threads)))
    return total / (time.monotonic() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_server_arguments(parser)
    parser.add_argument("--seconds", type=int, default=10, help="how long people sign")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=4, help="app threads per process")
    parser.add_argument(
        "--through-nginx", action="store_true", help="through nginx with the documented cache"
    )
    args = parser.parse_args()
    if not args.database_url:
        parser.error("this benchmark is for PostgreSQL: give --database-url")
    if not wrk_path():
        parser.error("this benchmark needs wrk (Debian: apt-get install wrk)")
    with tempfile.TemporaryDirectory(prefix="townhall-bench-") as folder:
        server = start_server(
            Path(folder),
            workers=args.workers,
            database_url=args.database_url,
            redis_url=args.redis_url,
            # Each person's address is the X-Forwarded-For that wrk sends (a first proxy), and
            # nginx, when there, appends its own.
            extra_env={
                "TRUSTED_PROXIES": "2" if args.through_nginx else "1",
                "THREADS": str(args.threads),
            },
        )
        # worker_processes auto, as Debian's nginx.conf has it: one per core.
        nginx = (
            start_nginx(Path(folder) / "nginx", server.url, workers="auto")
            if args.through_nginx
            else None
        )
        try:
            run(server, nginx, args, Path(folder))
        finally:
            if nginx is not None:
                nginx.stop()
            server.stop()


def run(server, nginx, args, folder: Path) -> None:
    database = server.env["DATABASE_URL"]
    base = nginx.url if nginx else server.url
    with psycopg.connect(database, autocommit=True) as connection:
        petition = connection.execute(
            "SELECT id FROM petitions_petition WHERE state = 'open' ORDER BY id"
        ).fetchone()[0]
        ward = connection.execute("SELECT id FROM core_ward LIMIT 1").fetchone()[0]
        before = confirmed_rows(connection, petition)
        started_at = connection.execute("SELECT now()").fetchone()[0]
    print(
        f"PostgreSQL, {'Redis' if args.redis_url else 'file'} cache, {args.workers} "
        f"{os.environ.get('SERVER', 'granian')} processes x {args.threads} threads; "
        f"wrk with {args.connections} connections"
        f"{'; through nginx with the documented cache' if nginx else ''}"
    )
    sql_rate = database_alone(database, petition, ward, 5, args.connections)
    print(
        f"the database alone (sign insert + confirm updates from {args.connections} "
        f"connections, no web stack): {sql_rate:.0f} signatures per second"
    )
    baseline = wrk(f"{server.url}/static/townhall/townhall.css", 5, args.connections)
    print(f"baseline, the CSS file: {baseline['rps']:.0f} req/s, p99 {baseline['p99']:.1f} ms")
    static = None
    if nginx:
        page = urllib.request.urlopen(f"{server.url}/petitions/{petition}/").read()
        # As the readers below are measured: one wrk thread, READERS connections.
        static = wrk(nginx.serve_static_copy(page), 5, READERS, threads=1)
        print(
            f"baseline, nginx serving a static file the size of the petition page "
            f"({len(page):,} bytes; wrk, {READERS} connections): {static['rps']:.0f} req/s, "
            f"p99 {static['p99']:.1f} ms"
        )
        alone = wrk(f"{base}/petitions/{petition}/", 5, READERS, threads=1)
        print(
            f"the petition page through nginx's cache, before anyone signs: "
            f"{alone['rps']:.0f} req/s = {alone['rps'] / static['rps']:.0%} of the static file's"
        )

    # Readers watch the petition page through both phases, as they would during a spike.
    staleness = Staleness(base, petition, database)
    readers = start_wrk(f"{base}/petitions/{petition}/", args.seconds * 2, READERS)
    staleness.start()
    signing = wrk(
        base,
        args.seconds,
        args.connections,
        script="sign.lua",
        script_args=(petition, ward, f"run{int(time.time())}"),
    )
    time.sleep(2)  # requests still queued are served
    with psycopg.connect(database, autocommit=True) as connection:
        signed, sign_rate = phase_rate(connection, petition, "created_at", started_at)
        tokens = [
            row[0]
            for row in connection.execute(
                "SELECT token FROM petitions_signature WHERE petition_id = %s AND "
                "state = 'pending' ORDER BY id",
                (petition,),
            )
        ]
    print(
        f"sign: {signed} people signed in {args.seconds} s = {sign_rate:.1f} per second "
        f"(form GET + POST each; p50 {signing['p50']:.1f} ms, p99 {signing['p99']:.1f} ms"
        f"{', ' + signing['errors'] if signing['errors'] else ''})"
    )

    token_file = folder / "tokens.txt"
    token_file.write_text("\n".join(tokens) + "\n")
    confirming = wrk(
        base,
        # As long as the signing: a thread stops early once its tokens are used up (wrk
        # still waits out the time), and tokens left over stay pending, as unconfirmed do.
        args.seconds,
        args.connections,
        script="confirm.lua",
        script_args=(token_file, 2),
    )
    staleness.stop()
    reading = parse(readers.communicate()[0])
    time.sleep(6)  # requests still queued are served; the page and count caches expire
    with psycopg.connect(database, autocommit=True) as connection:
        confirmed, confirm_rate = phase_rate(connection, petition, "validated_at", started_at)
    whole = 1 / (1 / sign_rate + 1 / confirm_rate) if sign_rate and confirm_rate else 0
    print(
        f"confirm: {confirmed} confirmed = {confirm_rate:.1f} per second (link GET + button "
        f"POST each; p50 {confirming['p50']:.1f} ms, p99 {confirming['p99']:.1f} ms"
        f"{', ' + confirming['errors'] if confirming['errors'] else ''})"
    )
    print(f"whole signatures (sign + confirm): {whole:.1f} per second")
    print(
        f"readers on the petition page meanwhile (wrk, {READERS} connections): "
        f"{reading['rps']:.0f} req/s, p99 {reading['p99']:.1f} ms"
        f"{', ' + reading['errors'] if reading['errors'] else ''}"
        + (f" = {reading['rps'] / static['rps']:.0%} of the static file's" if static else "")
    )
    if staleness.lags:
        print(
            "shown count behind the confirmed rows: median "
            f"{statistics.median(staleness.lags):.0f}, max {max(staleness.lags)} signatures; "
            f"max age of the shown count {staleness.max_age:.1f} s"
        )
    with psycopg.connect(database, autocommit=True) as connection:
        rows = confirmed_rows(connection, petition)
        counted = connection.execute(
            "SELECT sum(count) FROM petitions_signaturecount WHERE petition_id = %s", (petition,)
        ).fetchone()[0]
    shown = shown_count(base, petition)
    exact = rows == counted == shown == before + confirmed
    print(
        f"confirmed rows {rows}, counted {counted}, shown {shown}: "
        f"{'exact' if exact else 'MISMATCH'}"
    )
    memory = ", ".join(f"{mb:.0f}" for mb in server.memory_mb())
    print(f"app processes' memory after the load (RSS, MB; the server, then its workers): {memory}")
    if not exact:
        sys.exit(1)


if __name__ == "__main__":
    main()
