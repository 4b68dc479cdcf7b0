"""A bad day under load: faults while people sign a petition, and what was lost.

Two `townhall serve` instances behind nginx (an upstream with retries, as docs/deploying.md
has it), two task workers, PostgreSQL, a Redis of the benchmark's own and a local SMTP sink
that records every Message-ID. People sign and confirm from several client threads the whole
time (each their own email; the emailed token is read from the database, so a mail outage
does not stop confirming), and readers load the petition page. Meanwhile, one after the
other:
  app     kill -9 one app server, started again 3 s later (as systemd would)
  pg      restart PostgreSQL
  redis   stop Redis for 15 s
  worker  kill -9 a task worker while it is sending (the sink answers slowly then)
  smtp    stop the mail server for 30 s
It prints, per fault: people told their signature was counted, failed requests and for how
long; and at the end: told-confirmed against confirmed rows against the count shown, and
emails due, sent and sent twice. Exit 1 if anything told "confirmed" was not stored, the
count shown differs from the rows, or an email never arrived. An email can arrive twice when
a worker is killed after the mail server has the whole message but before its "250" reply
reaches the worker (the worker fault provokes exactly that, with a slow server): SMTP cannot
tell the sender, so the email is sent again under the same Message-ID, printed here.

    python bench/faults.py --database-url postgres://root@127.0.0.1:5432/postgres

Needs nginx and redis-server on the PATH (Debian: nginx, redis-server) and may restart the
local PostgreSQL cluster (pg_ctlcluster): run it on a machine of your own.
"""

import argparse
import collections
import os
import re
import shutil
import signal
import socketserver
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import psycopg
from server import free_port, fresh_postgres_database

CSRF = "faultsfaultsfaultsfaultsfaults12"  # a 32-character CSRF secret, as in the cookie
TOWNHALL = [sys.executable, "-m", "townhall.cli"]
PENDING = ("queued", "retrying", "sending")


class Sink(socketserver.ThreadingTCPServer):
    """Just enough SMTP to accept mail and count each Message-ID."""

    allow_reuse_address = True
    daemon_threads = True

    def __init__(self, port: int, seen: collections.Counter, slow: threading.Event) -> None:
        self.seen, self.slow = seen, slow
        super().__init__(("127.0.0.1", port), SinkHandler)


class SinkHandler(socketserver.StreamRequestHandler):
    def reply(self, line: str) -> None:
        self.wfile.write(f"{line}\r\n".encode())

    def handle(self) -> None:
        self.reply("220 sink")
        while line := self.rfile.readline():
            verb = line[:4].upper()
            if verb in (b"EHLO", b"HELO"):
                self.reply("250 sink")
            elif verb == b"DATA":
                self.reply("354 go on")
                message_id = None
                while (data := self.rfile.readline()) not in (b".\r\n", b""):
                    if data.lower().startswith(b"message-id:"):
                        message_id = data.split(b":", 1)[1].strip().decode()
                if self.server.slow.is_set():
                    time.sleep(3)  # a slow server: the moment to kill a worker mid-send
                self.server.seen[message_id] += 1
                self.reply("250 queued")
            elif verb == b"QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("250 ok")


class Mail:
    def __init__(self, port: int) -> None:
        self.port, self.seen, self.slow = port, collections.Counter(), threading.Event()
        self.server: Sink | None = None

    def start(self) -> None:
        self.server = Sink(self.port, self.seen, self.slow)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class People(threading.Thread):
    """One client thread: sign, read the token from the database, confirm; over and over."""

    def __init__(self, n: int, base: str, database: str, petition: int, ward: int, log) -> None:
        super().__init__(daemon=True)
        self.n, self.base, self.database, self.petition, self.ward = (
            n,
            base,
            database,
            petition,
            ward,
        )
        self.log, self.stopping, self.told_confirmed = log, threading.Event(), []

    def post(self, path: str, fields: dict) -> str:
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": CSRF, **fields}).encode()
        request = urllib.request.Request(
            self.base + path,
            data=body,
            headers={"Cookie": f"csrftoken={CSRF}", "Referer": self.base + path},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.read().decode()

    def run(self) -> None:
        count = 0
        with psycopg.connect(self.database, autocommit=True) as db:
            while not self.stopping.is_set():
                count += 1
                email = f"f{self.n}-{count}@example.org"
                try:
                    self.post(f"/petitions/{self.petition}/sign/",
                              {"name": f"Fault {self.n} {count}", "email": email,
                               "postcode": "EN5 4BW", "ward": self.ward})  # fmt: skip
                    self.log(ok=True)
                    row = db.execute(
                        "SELECT token FROM petitions_signature WHERE email = %s", (email,)
                    ).fetchone()
                    if row is None:
                        continue
                    page = self.post(f"/petitions/signatures/{row[0]}/", {})
                    self.log(ok=True)
                    if "Your signature is counted" in page:
                        self.told_confirmed.append(email)
                except (OSError, urllib.error.HTTPError, psycopg.Error):
                    self.log(ok=False)
                    time.sleep(0.2)
                    if db.closed or db.broken:
                        db = psycopg.connect(self.database, autocommit=True)


class Tally:
    """Requests per phase: how many, how many failed, first and last failure."""

    def __init__(self) -> None:
        self.lock, self.phase = threading.Lock(), "start"
        self.rows: dict[str, dict] = {}

    def __call__(self, ok: bool) -> None:
        now = time.monotonic()
        with self.lock:
            row = self.rows.setdefault(self.phase, {"n": 0, "failed": 0, "first": 0, "last": 0})
            row["n"] += 1
            if not ok:
                row["failed"] += 1
                row["first"] = row["first"] or now
                row["last"] = now


def reader(base: str, petition: int, log, stopping: threading.Event) -> None:
    while not stopping.is_set():
        try:
            urllib.request.urlopen(f"{base}/petitions/{petition}/", timeout=30).read()
            log(ok=True)
        except OSError:
            log(ok=False)
            time.sleep(0.2)


NGINX = """daemon off; worker_processes 1; pid {dir}/nginx.pid; error_log {dir}/nginx.log;
events {{ worker_connections 1024; }}
http {{
  access_log off; client_body_temp_path {dir}; proxy_temp_path {dir};
  upstream townhall {{ server 127.0.0.1:{a} max_fails=1 fail_timeout=2s;
                       server 127.0.0.1:{b} max_fails=1 fail_timeout=2s; }}
  server {{ listen 127.0.0.1:{port};
    location / {{ proxy_pass http://townhall; proxy_set_header Host 127.0.0.1;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_next_upstream error timeout http_502 http_503; proxy_next_upstream_tries 2; }} }}
}}
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True, help="PostgreSQL to create a database in")
    parser.add_argument("--people", type=int, default=6, help="client threads signing")
    parser.add_argument("--faults", default="app,pg,redis,worker,smtp")
    args = parser.parse_args()
    for program in ("nginx", "redis-server"):
        if not shutil.which(program):
            parser.error(f"this benchmark needs {program}")
    with tempfile.TemporaryDirectory(prefix="townhall-faults-") as folder:
        run(args, Path(folder))


def run(args, folder: Path) -> None:
    database, drop = fresh_postgres_database(args.database_url)
    redis_port, smtp_port, nginx_port = free_port(), free_port(), free_port()
    ports = [free_port(), free_port()]
    mail = Mail(smtp_port)
    mail.start()
    redis_command = ["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1",
                     "--save", "", "--appendonly", "no"]  # fmt: skip
    redis = subprocess.Popen(redis_command, stdout=subprocess.DEVNULL)
    env = {
        **os.environ,
        "TOWNHALL_DATA_DIR": str(folder),
        "DATABASE_URL": database,
        "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        "EMAIL_TIMEOUT": "5",
        "EMAIL_RETRY_FIRST_SECONDS": "2",  # so the run recovers in minutes, not hours
        "TASK_LEASE_SECONDS": "10",
        "TOWNHALL_DEMO": "1",
        "TOWNHALL_SHOW_OUTBOX": "",
        "TRUSTED_PROXIES": "1",
        "RATE_LIMIT_SIGN": "1000000/60",
        "RATE_LIMIT_SIGN_BURST": "1000000/60",
        "WEB_CONCURRENCY": "1",
        "THREADS": "4",
        "LOG_LEVEL": "WARNING",
    }
    processes: dict[str, subprocess.Popen] = {}
    nginx = None
    logs = open(folder / "townhall.log", "a")  # noqa: SIM115 - open for the whole run

    def start(name: str, *command: str) -> None:
        processes[name] = subprocess.Popen(
            [*TOWNHALL, *command], env=env, stdout=logs, stderr=subprocess.STDOUT
        )

    try:
        for command in (["migrate", "-v0"], ["collectstatic", "--noinput", "-v0"], ["load_demo"]):
            subprocess.run([*TOWNHALL, *command], env=env, check=True, capture_output=True)
        for i, port in enumerate(ports):
            start(f"app{i}", "serve", "--bind", f"127.0.0.1:{port}")
        start("worker0", "worker")
        start("worker1", "worker")
        (folder / "nginx.conf").write_text(
            NGINX.format(dir=folder, a=ports[0], b=ports[1], port=nginx_port)
        )
        nginx = subprocess.Popen(["nginx", "-c", str(folder / "nginx.conf"), "-p", str(folder)])
        base = f"http://127.0.0.1:{nginx_port}"
        wait_for(lambda: answers(f"{base}/healthz") and all(
            answers(f"http://127.0.0.1:{p}/readyz") for p in ports))  # fmt: skip
        with psycopg.connect(database, autocommit=True) as db:
            petition = db.execute(
                "SELECT id FROM petitions_petition WHERE state = 'open' ORDER BY id"
            ).fetchone()[0]
            ward = db.execute("SELECT id FROM core_ward LIMIT 1").fetchone()[0]
            confirmed_before = db.execute(
                "SELECT count(*) FROM petitions_signature WHERE petition_id = %s "
                "AND state = 'validated'", (petition,)).fetchone()[0]  # fmt: skip
            emails_before = db.execute("SELECT count(*) FROM core_email").fetchone()[0]

        tally, stopping = Tally(), threading.Event()
        people = [People(n, base, database, petition, ward, tally) for n in range(args.people)]
        for person in people:
            person.start()
        threading.Thread(target=reader, args=(base, petition, tally, stopping), daemon=True).start()

        def phase(name: str, seconds: float = 8) -> None:
            tally.phase = name
            time.sleep(seconds)

        phase("quiet", 10)
        recovered: dict[str, float] = {}
        for fault in args.faults.split(","):
            started = time.monotonic()
            tally.phase = fault
            if fault == "app":
                processes["app0"].send_signal(signal.SIGKILL)
                time.sleep(3)
                start("app0", "serve", "--bind", f"127.0.0.1:{ports[0]}")
                wait_for(lambda: answers(f"http://127.0.0.1:{ports[0]}/readyz"))
            elif fault == "pg":
                cluster = os.listdir("/etc/postgresql")[0]
                subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", cluster, "main",
                                "restart"], check=True)  # fmt: skip
            elif fault == "redis":
                redis.terminate()
                redis.wait()
                time.sleep(15)
                redis = subprocess.Popen(redis_command, stdout=subprocess.DEVNULL)
            elif fault == "worker":
                mail.slow.set()
                time.sleep(4)  # both workers are now inside a slow SMTP conversation
                processes["worker0"].send_signal(signal.SIGKILL)
                mail.slow.clear()
                time.sleep(3)
                start("worker0", "worker")
            elif fault == "smtp":
                mail.stop()
                time.sleep(30)
                mail.start()
            recovered[fault] = time.monotonic() - started
            phase(f"after {fault}", 10)

        stopping.set()
        for person in people:
            person.stopping.set()
        for person in people:
            person.join(timeout=60)
        time.sleep(3)
        # Wait for the queue to empty: every email sent, or given up.
        drain_started = time.monotonic()
        with psycopg.connect(database, autocommit=True) as db:
            while time.monotonic() - drain_started < 300:
                waiting = db.execute(
                    "SELECT count(*) FROM core_email WHERE status = ANY(%s)", (list(PENDING),)
                ).fetchone()[0]
                if not waiting:
                    break
                time.sleep(2)
            drained = time.monotonic() - drain_started
            confirmed = db.execute(
                "SELECT count(*) FROM petitions_signature WHERE petition_id = %s "
                "AND state = 'validated'", (petition,)).fetchone()[0]  # fmt: skip
            confirmed -= confirmed_before
            told = {e for person in people for e in person.told_confirmed}
            lost = told - {
                row[0] for row in db.execute(
                    "SELECT email FROM petitions_signature WHERE petition_id = %s "
                    "AND state = 'validated'", (petition,))}  # fmt: skip
            ids = [f"<{row[0]}@" for row in db.execute("SELECT id FROM core_email")]
            statuses = dict(db.execute(
                "SELECT status, count(*) FROM core_email GROUP BY status").fetchall())  # fmt: skip
            emails_due = len(ids) - emails_before
        time.sleep(4)  # the page and count caches expire
        page = urllib.request.urlopen(f"{base}/petitions/{petition}/", timeout=30).read().decode()
        shown = int(re.search(r"<strong>([\d,]+)</strong> signatures", page)[1].replace(",", ""))
        received = {mid.split("@")[0] + "@": n for mid, n in mail.seen.items() if mid}
        sent = sum(1 for i in ids if received.get(i))
        doubled = sum(1 for i in ids if received.get(i, 0) > 1)

        print(f"{args.people} people signing and confirming through nginx, 2 app servers x 1 "
              "process x 4 threads, 2 workers, PostgreSQL, Redis, SMTP sink")  # fmt: skip
        print(f"{'phase':<14}{'requests':>9}{'failed':>8}{'failing for':>13}{'fault lasted':>14}")
        for name, row in tally.rows.items():
            span = f"{row['last'] - row['first']:.1f} s" if row["failed"] else "-"
            lasted = f"{recovered[name]:.1f} s" if name in recovered else ""
            print(f"{name:<14}{row['n']:>9}{row['failed']:>8}{span:>13}{lasted:>14}")
        print(f"told 'counted': {len(told)}; confirmed rows: {confirmed}; "
              f"count shown on the page: {shown - confirmed_before}; "
              f"told but not stored: {len(lost)}")  # fmt: skip
        print(f"emails due: {emails_due + emails_before} ({statuses}); received: {sent}; "
              f"received twice: {doubled}; queue empty {drained:.0f} s after the load")  # fmt: skip
        ok = not lost and sent == len(ids) and shown - confirmed_before == confirmed
        print("nothing lost" if ok else "LOST: see the figures above")
        if not ok:
            sys.exit(1)
    finally:
        for process in processes.values():
            process.send_signal(signal.SIGTERM)
        for process in processes.values():
            try:
                process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                process.kill()
        if nginx is not None:
            nginx.terminate()
        redis.terminate()
        logs.close()
        drop()


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


def wait_for(condition, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("timed out waiting for the servers")
        time.sleep(0.3)


if __name__ == "__main__":
    main()
