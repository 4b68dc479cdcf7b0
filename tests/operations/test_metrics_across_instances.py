"""/metrics answers every instance's sum through Redis (decision 18), and this host's own
counts when Redis is away. Each test starts its own Redis, which it can stop."""

import contextlib
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
import requests
from django.test import Client
from prometheus_client import Counter
from prometheus_client.parser import text_string_to_metric_families

from tests.core.test_tasks_and_settings import NOT_PASSED_ON, _free_port
from tests.operations.test_serve import _answers, _children, _wait
from townhall.operations import shared_metrics

TOKEN = "metrics-token-for-tests"

REDIS_SERVER = shutil.which("redis-server")
pytestmark = pytest.mark.skipif(
    not REDIS_SERVER,
    reason="needs redis-server on PATH: each test starts a Redis of its own, to stop it",
)


@contextlib.contextmanager
def _running_redis() -> Iterator[tuple[str, subprocess.Popen]]:
    port = _free_port()
    process = subprocess.Popen(
        [REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1", "--save", ""],
        stdout=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"

    def answers() -> bool:
        try:
            return redis.Redis.from_url(url, socket_timeout=1).ping()
        except redis.RedisError:
            return False

    try:
        assert _wait(answers, 15), "redis-server did not start"
        yield url, process
    finally:
        process.kill()
        process.wait(timeout=10)


@pytest.fixture
def redis_url() -> Iterator[str]:
    with _running_redis() as (url, _):
        yield url


def _totals(settings, redis_url: str) -> tuple[Counter, shared_metrics.SharedTotals]:
    """A process of its own: a counter that only it counts in, and its share of the totals."""
    settings.REDIS_URL = redis_url
    counter = Counter("townhall_test_requests", "Requests", ["view"], registry=None)
    return counter, shared_metrics.SharedTotals([counter])


def _read(shared: shared_metrics.SharedTotals) -> tuple[float, int]:
    families, processes = shared.read()
    (sample,) = (s for f in families for s in f.samples if s.name.endswith("_total"))
    return sample.value, processes


def test_processes_add_up_and_a_restart_never_lowers_the_sum(settings, redis_url):
    counter_a, a = _totals(settings, redis_url)
    counter_b, b = _totals(settings, redis_url)
    counter_a.labels("petitions").inc(3)
    counter_b.labels("petitions").inc(4)
    a.flush()
    b.flush()
    assert _read(a) == _read(b) == (7, 2)
    counter_a.labels("petitions").inc(2)
    a.flush()
    assert _read(b) == (9, 2)
    restarted, a_again = _totals(settings, redis_url)  # counts from 0 again
    restarted.labels("petitions").inc(1)
    a_again.flush()
    assert _read(b) == (10, 3)


def test_a_silent_process_drops_out_and_its_counts_stay(settings, redis_url):
    counter, shared = _totals(settings, redis_url)
    counter.labels("petitions").inc(5)
    shared.flush()
    settings.TOWNHALL_METRICS_PROCESS_TTL_SECONDS = 0  # every process is silent for too long
    assert _read(shared) == (5, 0)


def test_a_batch_sent_again_is_added_once(settings, redis_url):
    """A flush whose answer was lost is sent again with its number: Redis skips it."""
    counter, shared = _totals(settings, redis_url)
    counter.labels("petitions").inc(2)
    shared.flush()
    field = next(iter(shared.sent))
    for _ in range(2):
        shared._add(keys=shared_metrics.KEYS, args=[shared.process, 1, field, "10.0"])
    assert _read(shared) == (12, 1)


def _scrape(client: Client) -> dict[str, list]:
    response = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert response.status_code == 200
    return {f.name: f.samples for f in text_string_to_metric_families(response.content.decode())}


@pytest.mark.django_db
def test_a_scrape_without_redis_answers_this_instances_counts(settings, client):
    settings.TOWNHALL_METRICS_TOKEN = TOKEN
    with _running_redis() as (url, process):
        settings.REDIS_URL = url
        client.get("/petitions/")
        assert _scrape(client)["townhall_metrics_shared"][0].value == 1
        process.kill()
        process.wait(timeout=10)
        client.get("/petitions/")
        found = _scrape(client)
    assert found["townhall_metrics_shared"][0].value == 0
    assert any(s.labels.get("view") == "petitions" for s in found["townhall_http_requests"])


# Two `townhall serve`, as two hosts: each its own data folder, one database, one Redis.


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> dict[str, str]:
    """What both instances share: a migrated database and the collected static files."""
    folder = tmp_path_factory.mktemp("site")
    shared = {
        "DATABASE_URL": f"sqlite:///{folder / 'townhall.sqlite3'}",
        **{"STATIC_ROOT": str(folder / "static"), "SECRET_KEY": "x"},
    }
    for command in (["migrate", "-v0"], ["collectstatic", "--noinput", "-v0"]):
        done = subprocess.run(
            [sys.executable, "-m", "townhall.cli", *command],
            env={**_environment(), **shared, "TOWNHALL_DATA_DIR": str(folder)},
            capture_output=True,
            text=True,
            timeout=600,  # migrating from nothing takes minutes on a busy 2-core machine
            check=False,
        )
        assert done.returncode == 0, done.stderr
    return shared


def _environment() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in NOT_PASSED_ON}


@contextlib.contextmanager
def _instance(site: dict[str, str], redis_url: str, data_dir: Path) -> Iterator[str]:
    port = _free_port()
    environment = {
        **_environment(),
        **site,
        **{"REDIS_URL": redis_url, "TOWNHALL_DATA_DIR": str(data_dir), "WEB_CONCURRENCY": "2"},
        **{"METRICS_TOKEN": TOKEN, "METRICS_FLUSH_SECONDS": "0.2"},
    }
    data_dir.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-m", "townhall.cli", "serve", "--bind", f"127.0.0.1:{port}"],
        env=environment,
        stdout=(data_dir / "server.log").open("w"),
        stderr=subprocess.STDOUT,
    )
    try:
        assert _wait(lambda: _answers(port), 60), "the instance did not start"
        yield f"http://127.0.0.1:{port}"
    finally:
        for pid in [process.pid, *_children(process.pid)]:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        process.wait(timeout=10)


def _petitions_counted(base: str) -> tuple[float, float]:
    """Requests to the petitions list, and townhall_metrics_shared, as /metrics answers."""
    response = requests.get(
        f"{base}/metrics", headers={"Authorization": f"Bearer {TOKEN}"}, timeout=10
    )
    assert response.status_code == 200, response.text
    found = {f.name: f.samples for f in text_string_to_metric_families(response.text)}
    counted = sum(
        s.value for s in found["townhall_http_requests"] if s.labels.get("view") == "petitions"
    )
    return counted, found["townhall_metrics_shared"][0].value


def _get(base: str, times: int) -> None:
    for _ in range(times):
        assert requests.get(f"{base}/petitions/", timeout=30).status_code == 200


def test_either_instance_answers_the_sum_of_both(site, redis_url, tmp_path):
    with (
        _instance(site, redis_url, tmp_path / "one") as one,
        _instance(site, redis_url, tmp_path / "two") as two,
    ):
        _get(one, 7)  # the first renders the list, the rest are page-cache hits: all counted
        _get(two, 5)
        # Each process adds its counts within METRICS_FLUSH_SECONDS: wait for both.
        assert _wait(lambda: _petitions_counted(one) == (12, 1), 30), _petitions_counted(one)
        assert _petitions_counted(two) == (12, 1)


def test_with_redis_stopped_an_instance_answers_its_own_counts(site, tmp_path):
    with (
        _running_redis() as (url, redis_process),
        _instance(site, url, tmp_path / "one") as one,
        _instance(site, url, tmp_path / "two") as two,
    ):
        _get(one, 3)
        _get(two, 4)
        assert _wait(lambda: _petitions_counted(two) == (7, 1), 30), _petitions_counted(two)
        redis_process.kill()
        redis_process.wait(timeout=10)
        assert _petitions_counted(one) == (3, 0)
        assert _petitions_counted(two) == (4, 0)
