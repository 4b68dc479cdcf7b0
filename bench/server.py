"""Start a fresh demo borough under `townhall serve` for a benchmark, or run a benchmark's
workload in Django's shell on a fresh database, and clean up after."""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Server:
    process: subprocess.Popen
    url: str
    env: dict
    drop_database: Callable[[], None]

    def townhall(self, *args: str, stdin: str = "") -> str:
        """Run a `townhall` command on the server's database (to prepare data)."""
        result = subprocess.run(
            [sys.executable, "-m", "townhall.cli", *args],
            env=self.env,
            input=stdin,
            capture_output=True,
            text=True,
            check=True,
        )
        return result.stdout

    def memory_mb(self) -> list[float]:
        """Resident memory (RSS) of each process serving: the server and its workers."""
        return [_rss_mb(pid) for pid in _process_tree(self.process.pid)]

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)
        self.drop_database()


def _process_tree(pid: int) -> list[int]:
    found = [pid]
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        for child in task.read_text().split():
            found += _process_tree(int(child))
    return found


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


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


def run_workload(
    workload: str,
    extra_env: dict[str, str],
    database_url: str = "",
    *,
    load_demo: bool = True,
    static: bool = False,
) -> None:
    """Run `workload` (Python for Django's shell) on a fresh database: SQLite in a temporary
    folder, or with `database_url` a new PostgreSQL database beside it, dropped afterwards."""
    with tempfile.TemporaryDirectory(prefix="townhall-bench-") as folder:
        data = Path(folder)
        url, drop = (
            fresh_postgres_database(database_url)
            if database_url
            else (f"sqlite:///{data / 'bench.sqlite3'}", lambda: None)
        )
        env = {
            **os.environ,
            "TOWNHALL_DATA_DIR": str(data),
            "DATABASE_URL": url,
            "TOWNHALL_DEMO": "1",
            "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "REDIS_URL": "",
            "DJANGO_SETTINGS_MODULE": "townhall.settings",
            **extra_env,
        }
        townhall = [sys.executable, "-m", "townhall.cli"]
        try:
            subprocess.run([*townhall, "migrate", "--noinput", "-v0"], env=env, check=True)
            if static:  # the workload renders pages
                subprocess.run(
                    [*townhall, "collectstatic", "--noinput", "-v0"], env=env, check=True
                )
            if load_demo:
                subprocess.run([*townhall, "load_demo"], env=env, check=True, capture_output=True)
            subprocess.run([*townhall, "shell", "-c", workload], env=env, check=True)
        finally:
            drop()


def start_server(
    data: Path,
    *,
    workers: int = 2,
    database_url: str = "",
    redis_url: str = "",
    extra_env: dict | None = None,
) -> "Server":
    """A fresh demo borough served by `townhall serve`."""
    drop = lambda: None  # noqa: E731
    if database_url:
        database_url, drop = fresh_postgres_database(database_url)
    else:
        database_url = f"sqlite:///{data / 'bench.sqlite3'}"
    if redis_url:
        import redis

        redis.Redis.from_url(redis_url).flushdb()  # rate limits and pages from an earlier run
    port = free_port()
    env = {
        **os.environ,
        "TOWNHALL_DATA_DIR": str(data),
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "TOWNHALL_DEMO": "1",
        "WEB_CONCURRENCY": str(workers),
        "LOG_LEVEL": "WARNING",
        **(extra_env or {}),
    }
    townhall = [sys.executable, "-m", "townhall.cli"]
    for command in (["migrate", "-v0"], ["collectstatic", "--noinput", "-v0"], ["load_demo"]):
        subprocess.run([*townhall, *command], env=env, check=True, capture_output=True)
    server = subprocess.Popen(
        [*townhall, "serve", "--bind", f"127.0.0.1:{port}"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            urllib.request.urlopen(url, timeout=2)
            return Server(server, url, env, drop)
        except OSError:
            time.sleep(0.2)
    server.kill()
    drop()
    raise SystemExit("townhall serve did not start")


def add_server_arguments(parser, workers: int = 2) -> None:
    """The options every benchmark takes to choose how its server runs."""
    parser.add_argument("--workers", type=int, default=workers)
    parser.add_argument("--database-url", default="", help="PostgreSQL to create a database in")
    parser.add_argument(
        "--redis-url", default="", help="a Redis database for the cache (emptied at the start)"
    )
