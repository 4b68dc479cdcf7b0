"""The `townhall` command: demo, serve, worker, and every Django management command."""

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

from townhall.processes import die_with_parent
from townhall.version import running_version

SERVE_HELP = """usage: townhall serve [--bind HOST:PORT] [server options]

Serves Townhall with granian (or gunicorn when SERVER=gunicorn); static files come from
whitenoise. WEB_CONCURRENCY sets the processes, THREADS the threads in each.
A worker process that dies is started again. SIGTERM stops it gracefully (requests in
progress finish, up to GRACEFUL_TIMEOUT seconds); SIGHUP restarts the workers one at a time.
Run `townhall collectstatic --noinput` after each upgrade, before serving."""


def _django(*args: str) -> None:
    from django.core.management import execute_from_command_line

    execute_from_command_line(["townhall", *args])


def _bind(args: list[str]) -> tuple[str, list[str]]:
    bind = os.environ.get("BIND", "127.0.0.1:8000")
    if "--bind" in args:
        index = args.index("--bind")
        bind = args[index + 1]
        args = args[:index] + args[index + 2 :]
    return bind, args


def _server_command(server: str, bind: str, workers: str, threads: str) -> list[str]:
    host, _, port = bind.rpartition(":")
    if server == "granian":
        return [
            *(sys.executable, "-m", "granian", "--interface", "wsgi", "--no-ws"),
            *("--host", host.strip("[]"), "--port", port, "--workers", workers),
            *("--blocking-threads", threads, "--log-level", "warning"),
            # A worker that dies is started again; SIGHUP restarts them one at a time.
            *("--respawn-failed-workers", "--respawn-interval", "1"),
            *("--workers-kill-timeout", os.environ.get("GRACEFUL_TIMEOUT", "30")),
            "townhall.wsgi:application",
        ]
    return [
        *(sys.executable, "-m", "gunicorn", "townhall.wsgi:application", "--bind", bind),
        *("--workers", workers, "--threads", threads),
        *("--graceful-timeout", os.environ.get("GRACEFUL_TIMEOUT", "30")),
    ]


def serve(args: list[str]) -> int:
    if args[:1] in (["-h"], ["--help"]):
        print(SERVE_HELP)
        return 0
    bind, args = _bind(args)
    server = os.environ.get("SERVER", "granian")
    if server not in ("granian", "gunicorn"):
        print(f"SERVER must be granian or gunicorn, not {server!r}", file=sys.stderr)
        return 2
    command = _server_command(
        server, bind, os.environ.get("WEB_CONCURRENCY", "2"), os.environ.get("THREADS", "4")
    )
    # Each web process counts its requests in files here, which /metrics adds up: one folder
    # per port, so two instances on one machine do not empty each other's.
    port = bind.rpartition(":")[2]
    metrics_dir = Path(os.environ.get("TOWNHALL_DATA_DIR", "data")) / "metrics" / port
    os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", str(metrics_dir))
    shutil.rmtree(os.environ["PROMETHEUS_MULTIPROC_DIR"], ignore_errors=True)
    Path(os.environ["PROMETHEUS_MULTIPROC_DIR"]).mkdir(parents=True, exist_ok=True)
    # The web server takes this process's place: signals from the service manager reach it
    # directly, and there is no wrapper whose death could leave it serving as an orphan.
    os.execv(sys.executable, [*command, *args])  # noqa: S606 - our own interpreter and arguments


def _start(command: list[str]) -> subprocess.Popen:
    """A child of the demo that dies with it, however the demo is stopped."""
    return subprocess.Popen(command, env=os.environ.copy(), preexec_fn=die_with_parent)  # noqa: S603


def worker(args: list[str]) -> int:
    _django("worker", *args)
    return 0


def demo(args: list[str]) -> int:
    """Set up (or bring up to date) the demo borough, then serve it with a task worker."""
    os.environ.setdefault("TOWNHALL_DEMO", "1")
    _django("migrate", "--noinput", "--verbosity", "0")
    _django("collectstatic", "--noinput", "--verbosity", "0")
    _django("load_demo")
    bind, args = _bind(args)
    # Links in the demo's emails point at the address it serves on, whatever the port.
    os.environ.setdefault("TOWNHALL_BASE_URL", f"http://{bind}")
    worker_process = _start([sys.executable, "-m", "townhall.cli", "worker"])
    print(
        f"\nTownhall demo on http://{bind}/ - sign in at http://{bind}/admin/ as admin"
        f" (password townhall-demo unless TOWNHALL_DEMO_PASSWORD was set); emails sent by the"
        f" demo are at http://{bind}/outbox/. Grant assessors and applicants sign in at"
        f" http://{bind}/accounts/login/ with a code emailed to them (to the outbox), e.g."
        f" grant-assessor@example.org\n",
        flush=True,
    )
    server = _start([sys.executable, "-m", "townhall.cli", "serve", "--bind", bind, *args])
    stop = lambda signum, frame: server.send_signal(signum)  # noqa: E731
    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(signum, stop)
    try:
        return server.wait()
    finally:
        worker_process.send_signal(signal.SIGTERM)
        worker_process.wait(timeout=40)


COMMANDS = {"serve": serve, "worker": worker, "demo": demo}


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "townhall.settings")
    if args and not args[0].startswith("-"):
        args[0] = args[0].replace("-", "_")  # `townhall import-wordpress` runs import_wordpress
    if args and args[0] in COMMANDS:
        return COMMANDS[args[0]](args[1:])
    if args[:1] == ["--version"]:  # Django's own --version would print Django's
        print(f"townhall {running_version()}")
        return 0
    if args[:1] in ([], ["-h"], ["--help"]):
        print("usage: townhall --version | demo | serve | worker | <django management command>\n")
    _django(*args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
