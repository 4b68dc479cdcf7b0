"""A bad day under load: faults while people sign a petition, and what was lost, fault by fault.

Two `townhall serve` instances behind nginx (an upstream with retries, as docs/deploying.md
has it), two task workers, PostgreSQL, a Redis of the benchmark's own and a local SMTP sink
that records every Message-ID. People sign and confirm from several client threads the whole
time (each their own email; the emailed token is read from the database, so a mail outage
does not stop confirming), and a reader loads the petition page. Meanwhile, one after the
other (--faults, in this order by default):
  app       kill -9 one app server, started again 3 s later (as systemd would)
  pg        restart the PostgreSQL cluster that serves --database-url
  freeze10  stop that cluster's every process (SIGSTOP) for 10 s, then let it go on
  freeze60  the same for 60 s
  redis     stop Redis for 15 s
  worker    kill -9 a task worker while it is sending (the sink answers slowly then)
  smtp      stop the mail server for 30 s
  none      nothing (to try the benchmark itself)
After each fault the load goes on for --after seconds, then the window is closed
(bench/faults_load.py). It prints a line per fault: how long the fault lasted, requests,
failed requests and for how long they failed, people told their signature was counted against
confirmed rows and the count shown, and emails due, received and received twice. Exit 1 if
anything told "counted" was not stored, the count shown differs from the rows, an email never
arrived, a people thread died or a server or worker exited by itself. An email can arrive twice
when a worker is killed after the mail server has the whole message but before its "250"
reply reaches the worker (the worker fault provokes exactly that, with a slow server): SMTP
cannot tell the sender, so the email is sent again under the same Message-ID.

    python bench/faults.py --database-url postgres://root@127.0.0.1:5432/postgres

Needs nginx and redis-server on the PATH (Debian: nginx, redis-server). The pg and freeze
faults need the cluster on this machine (pg_lsclusters and pg_ctlcluster, as root or its
owner) and stop every database in it: run them on a machine of your own.
"""

import argparse
import atexit
import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import psycopg
from faults_load import Load, Mail, bad_day
from server import free_port, fresh_postgres_database

TOWNHALL = [sys.executable, "-m", "townhall.cli"]
DATABASE_FAULTS = ("pg", "freeze10", "freeze60")
DEFAULT_FAULTS = "app,pg,freeze10,freeze60,redis,worker,smtp"
LOCAL_HOSTS = ("", "127.0.0.1", "localhost", "::1")


@dataclass
class Cluster:
    """A PostgreSQL cluster as Debian's postgresql-common lists it."""

    version: str
    name: str
    port: int
    data: Path

    def restart(self) -> None:
        subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", self.version, self.name,
                        "restart"], check=True)  # fmt: skip

    def processes(self) -> list[int]:
        """The postmaster, then every process it started (the backends among them)."""
        postmaster = int((self.data / "postmaster.pid").read_text().split()[0])
        children = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:  # the process ended while we looked
                continue
            if int(fields[1]) == postmaster:
                children.append(int(stat.parent.name))
        return [postmaster, *children]


def parse_clusters(listing: str) -> list[Cluster]:
    """`pg_lsclusters --no-header`: version, name, port, status, owner, data folder, log."""
    clusters = []
    for line in listing.splitlines():
        fields = line.split()
        if len(fields) >= 6 and fields[2].isdigit():
            clusters.append(Cluster(fields[0], fields[1], int(fields[2]), Path(fields[5])))
    return clusters


def cluster_for(database_url: str, listing: str) -> Cluster:
    """The local cluster that serves `database_url`, found by its port."""
    url = urllib.parse.urlsplit(database_url)
    host = urllib.parse.unquote(url.hostname or "")
    if host not in LOCAL_HOSTS and not host.startswith("/"):
        raise ValueError(f"{host} is not this machine: the database faults need a local cluster")
    port = url.port or 5432
    for cluster in parse_clusters(listing):
        if cluster.port == port:
            return cluster
    raise ValueError(f"no local PostgreSQL cluster listens on port {port} (pg_lsclusters)")


class Freezer:
    """Stops a cluster's processes and always lets them go on, even if the run is killed."""

    def __init__(self) -> None:
        self.stopped: list[int] = []
        atexit.register(self.thaw)

    def freeze(self, cluster: Cluster, seconds: float) -> None:
        try:
            # The postmaster first, so it starts no backend that would escape; then once more
            # for any it started while the others were being stopped.
            for _ in range(2):
                for pid in cluster.processes():
                    if pid not in self.stopped:
                        os.kill(pid, signal.SIGSTOP)
                        self.stopped.append(pid)
            time.sleep(seconds)
        finally:
            self.thaw()

    def thaw(self) -> None:
        while self.stopped:
            pid = self.stopped.pop()
            with contextlib.suppress(ProcessLookupError):  # it ended while stopped
                os.kill(pid, signal.SIGCONT)


class Stack:
    """The site's processes, started and restarted by the faults."""

    def __init__(self, folder: Path, database: str, cluster: Cluster | None) -> None:
        self.folder, self.cluster, self.freezer = folder, cluster, Freezer()
        self.redis_port, self.nginx_port = free_port(), free_port()
        self.ports = [free_port(), free_port()]
        self.mail = Mail(free_port())
        self.redis_command = ["redis-server", "--port", str(self.redis_port), "--bind",
                              "127.0.0.1", "--save", "", "--appendonly", "no"]  # fmt: skip
        self.env = {
            **os.environ,
            "TOWNHALL_DATA_DIR": str(folder),
            "DATABASE_URL": database,
            "REDIS_URL": f"redis://127.0.0.1:{self.redis_port}/0",
            "EMAIL_URL": f"smtp://127.0.0.1:{self.mail.port}",
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
        self.processes: dict[str, subprocess.Popen] = {}
        self.killed: set[str] = set()  # processes a fault ended on purpose
        self.logs = open(folder / "townhall.log", "a")  # noqa: SIM115 - open for the whole run
        self.redis = self.nginx = None

    def start(self, name: str, *command: str) -> None:
        self.processes[name] = subprocess.Popen(
            [*TOWNHALL, *command], env=self.env, stdout=self.logs, stderr=subprocess.STDOUT
        )
        self.killed.discard(name)

    def kill(self, name: str) -> None:
        self.killed.add(name)
        self.processes[name].send_signal(signal.SIGKILL)

    def up(self) -> str:
        """Migrates, loads the demo and starts everything; returns nginx's address."""
        self.mail.start()
        self.redis = subprocess.Popen(self.redis_command, stdout=subprocess.DEVNULL)
        for command in (["migrate", "-v0"], ["collectstatic", "--noinput", "-v0"], ["load_demo"]):
            subprocess.run([*TOWNHALL, *command], env=self.env, check=True, capture_output=True)
        for i, port in enumerate(self.ports):
            self.start(f"app{i}", "serve", "--bind", f"127.0.0.1:{port}")
        self.start("worker0", "worker")
        self.start("worker1", "worker")
        config = self.folder / "nginx.conf"
        config.write_text(NGINX.format(dir=self.folder, a=self.ports[0], b=self.ports[1],
                                       port=self.nginx_port))  # fmt: skip
        self.nginx = subprocess.Popen(["nginx", "-c", str(config), "-p", str(self.folder)])
        base = f"http://127.0.0.1:{self.nginx_port}"
        wait_for(lambda: answers(f"{base}/healthz") and all(
            answers(f"http://127.0.0.1:{p}/readyz") for p in self.ports))  # fmt: skip
        return base

    def exited(self) -> list[str]:
        """Servers and workers that ended without a fault ending them."""
        return [name for name, process in self.processes.items()
                if process.poll() is not None and name not in self.killed]  # fmt: skip

    def down(self) -> None:
        self.freezer.thaw()
        for process in self.processes.values():
            process.send_signal(signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                process.kill()
        for process in (self.nginx, self.redis):
            if process is not None:
                process.terminate()
        self.logs.close()

    # The faults: each returns when it is over (the server or service is back).

    def app(self) -> None:
        self.kill("app0")
        time.sleep(3)
        self.start("app0", "serve", "--bind", f"127.0.0.1:{self.ports[0]}")
        wait_for(lambda: answers(f"http://127.0.0.1:{self.ports[0]}/readyz"))

    def pg(self) -> None:
        self.cluster.restart()

    def freeze(self, seconds: float) -> None:
        self.freezer.freeze(self.cluster, seconds)

    def redis_away(self) -> None:
        self.redis.terminate()
        self.redis.wait()
        time.sleep(15)
        self.redis = subprocess.Popen(self.redis_command, stdout=subprocess.DEVNULL)

    def worker(self) -> None:
        self.mail.slow.set()
        time.sleep(4)  # both workers are now inside a slow SMTP conversation
        self.kill("worker0")
        self.mail.slow.clear()
        time.sleep(3)
        self.start("worker0", "worker")

    def smtp(self) -> None:
        self.mail.stop()
        time.sleep(30)
        self.mail.start()

    def faults(self) -> dict[str, Callable[[], None]]:
        return {
            "app": self.app,
            "pg": self.pg,
            "freeze10": lambda: self.freeze(10),
            "freeze60": lambda: self.freeze(60),
            "redis": self.redis_away,
            "worker": self.worker,
            "smtp": self.smtp,
            "none": nothing,
        }


def nothing() -> None:
    """The no-op fault: the load and the ledger alone (tests/bench/test_faults_bench.py)."""


class Postgres:
    """The ledger's reads (faults_load.Database) on psycopg, failing fast when the database
    does not answer."""

    def __init__(self, url: str) -> None:
        self.connection = psycopg.connect(url, autocommit=True, connect_timeout=5)

    def rows(self, sql: str, params: tuple = ()) -> list[tuple]:
        return self.connection.execute(sql, params).fetchall()

    def close(self) -> None:
        self.connection.close()


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
    parser.add_argument("--faults", default=DEFAULT_FAULTS, help="in order, comma-separated")
    parser.add_argument("--quiet", type=float, default=10, help="seconds of load before a fault")
    parser.add_argument("--after", type=float, default=10, help="seconds of load after each")
    args = parser.parse_args()
    faults = args.faults.split(",")
    unknown = set(faults) - {*DEFAULT_FAULTS.split(","), "none"}
    if unknown:
        parser.error(f"unknown faults: {', '.join(sorted(unknown))}")
    for program in ("nginx", "redis-server"):
        if not shutil.which(program):
            parser.error(f"this benchmark needs {program}")
    cluster = None
    if set(faults) & set(DATABASE_FAULTS):
        if not shutil.which("pg_lsclusters"):
            parser.error("the database faults need pg_lsclusters (Debian: postgresql-common)")
        listing = subprocess.run(["pg_lsclusters", "--no-header"], capture_output=True,
                                 text=True, check=True).stdout  # fmt: skip
        try:
            cluster = cluster_for(args.database_url, listing)
        except ValueError as error:
            parser.error(str(error))
        print(f"database faults on cluster {cluster.version}/{cluster.name} (port {cluster.port})")
    # A kill (SIGTERM) must still reach the finally below, which lets a frozen database go on.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    with tempfile.TemporaryDirectory(prefix="townhall-faults-") as folder:
        sys.exit(0 if run(args, faults, Path(folder), cluster) else 1)


def run(args, faults: list[str], folder: Path, cluster: Cluster | None) -> bool:
    database, drop = fresh_postgres_database(args.database_url)
    stack = Stack(folder, database, cluster)
    try:
        base = stack.up()
        with psycopg.connect(database, autocommit=True) as db:
            petition = db.execute(
                "SELECT id FROM petitions_petition WHERE state = 'open' ORDER BY id"
            ).fetchone()[0]
            ward = db.execute("SELECT id FROM core_ward ORDER BY id LIMIT 1").fetchone()[0]
        load = Load(base, lambda: Postgres(database), petition, ward, people=args.people)
        causes = stack.faults()
        print(
            f"{args.people} people signing and confirming and 1 reader through nginx, 2 app "
            "servers x 1 process x 4 threads, 2 workers, PostgreSQL, Redis, SMTP sink"
        )
        ok = bad_day(load, stack.mail, [(name, causes[name]) for name in faults],
                     quiet=args.quiet, after=args.after)  # fmt: skip
        exited = stack.exited()
        print(f"servers and workers that exited by themselves: {', '.join(exited) or 'none'}")
        ok = ok and not exited
        print("nothing lost" if ok else "LOST: see the figures above")
        return ok
    finally:
        stack.down()
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
