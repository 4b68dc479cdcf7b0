"""`townhall serve` supervises its web server: a dead worker comes back, and killing the
command, even with SIGKILL, leaves nothing serving."""

import contextlib
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.core.test_tasks_and_settings import NOT_PASSED_ON, _free_port


def _children(pid: int) -> list[int]:
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[1] == str(pid) and fields[0] != "Z":
            children.append(int(stat.parent.name))
    return children


def _answers(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


def _wait(condition, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


@pytest.fixture
def serve(tmp_path):
    port = _free_port()
    environment = {k: v for k, v in os.environ.items() if k not in NOT_PASSED_ON}
    environment.update(SECRET_KEY="x", TOWNHALL_DATA_DIR=str(tmp_path), WEB_CONCURRENCY="2")
    process = subprocess.Popen(
        [sys.executable, "-m", "townhall.cli", "serve", "--bind", f"127.0.0.1:{port}"],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    assert _wait(lambda: _answers(port) and len(_children(process.pid)) == 2), "did not start"
    yield process, port
    for pid in [process.pid, *_children(process.pid)]:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def test_a_killed_worker_process_is_started_again(serve):
    process, port = serve
    first, second = _children(process.pid)
    os.kill(first, signal.SIGKILL)
    assert _wait(lambda: len(_children(process.pid)) == 2 and first not in _children(process.pid))
    assert _wait(lambda: _answers(port)) and second in _children(process.pid)


def test_killing_serve_with_sigkill_leaves_no_worker_serving(serve):
    process, port = serve
    workers = _children(process.pid)
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=10)

    def gone() -> bool:
        return not any(os.path.exists(f"/proc/{pid}") and _is_running(pid) for pid in workers)

    assert _wait(gone, 15), "workers outlived serve"
    assert not _answers(port)


def _is_running(pid: int) -> bool:
    with open(f"/proc/{pid}/stat") as stat:
        return stat.read().split()[2] != "Z"
