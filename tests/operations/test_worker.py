"""`townhall worker` on a bad day: database outages, dead workers, SIGTERM."""

import logging
import os
import signal
from datetime import timedelta

import pytest
from django.db import OperationalError
from django.test import override_settings
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from townhall.operations import worker as worker_module
from townhall.operations.models import WorkerHeartbeat
from townhall.operations.worker import Housekeeping, ResilientWorker, reclaim_abandoned_tasks

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("db_tasks")]
ran = []


@pytest.fixture
def db_tasks(monkeypatch):
    # The worker closes connections between tasks; inside a test's transaction that would
    # close the test's own connection.
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    with override_settings(TASKS=DB_TASKS):
        yield


@task()
def stop_me_while_running() -> str:
    os.kill(os.getpid(), signal.SIGTERM)  # as systemd would, in the middle of a task
    ran.append("finished")
    return "done"


def make_worker(**options) -> ResilientWorker:
    defaults = dict(
        queue_names=["default"],
        interval=0,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    return ResilientWorker(**{**defaults, **options})


def running_task(worker_id: str, started_minutes_ago: float) -> DBTaskResult:
    result = stop_me_while_running.enqueue()
    started = timezone.now() - timedelta(minutes=started_minutes_ago)
    DBTaskResult.objects.filter(id=result.id).update(
        status="RUNNING", started_at=started, worker_ids=[worker_id]
    )
    return DBTaskResult.objects.get(id=result.id)


def test_a_task_abandoned_by_a_dead_worker_is_queued_again():
    now = timezone.now()
    WorkerHeartbeat.objects.create(
        worker_id="alive", hostname="h", pid=1, started_at=now, seen_at=now
    )
    abandoned = running_task("dead", started_minutes_ago=5)
    still_working = running_task("alive", started_minutes_ago=5)
    just_claimed = running_task("new", started_minutes_ago=0)
    assert reclaim_abandoned_tasks() == 1
    statuses = {
        t.pk: t.status
        for t in DBTaskResult.objects.filter(
            pk__in=[abandoned.pk, still_working.pk, just_claimed.pk]
        )
    }
    assert statuses == {
        abandoned.pk: "READY",
        still_working.pk: "RUNNING",
        just_claimed.pk: "RUNNING",
    }


def test_housekeeping_keeps_a_heartbeat():
    Housekeeping("beating").tick()
    beat = WorkerHeartbeat.objects.get(worker_id="beating")
    assert beat.pid == os.getpid() and timezone.now() - beat.seen_at < timedelta(seconds=5)


def test_the_worker_waits_out_a_lost_database_and_logs_it_once(monkeypatch, caplog):
    calls = {"run": 0, "connect": 0}

    def run_loop(self):
        calls["run"] += 1
        if calls["run"] == 1:
            raise OperationalError("the connection is closed")

    def answers():
        calls["connect"] += 1
        return calls["connect"] >= 4  # refused three times, then back

    monkeypatch.setattr(worker_module.Worker, "run", run_loop)
    monkeypatch.setattr(worker_module, "database_answers", answers)
    monkeypatch.setattr(worker_module.connections, "__iter__", lambda self: iter(()))
    monkeypatch.setattr(worker_module.time, "sleep", lambda seconds: None)
    monkeypatch.setattr(worker_module, "Housekeeping", FakeHousekeeping)
    with caplog.at_level(logging.WARNING, logger="townhall.operations.worker"):
        make_worker().run()
    assert calls == {"run": 2, "connect": 4}
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 2
    assert messages[0].startswith("Database unavailable") and "connection is closed" in messages[0]
    assert messages[1].startswith("Database back after")


class FakeHousekeeping:
    def __init__(self, worker_id):
        pass

    def start(self):
        pass

    def stop(self):
        pass


def test_sigterm_lets_the_current_task_finish_then_the_worker_exits(monkeypatch):
    monkeypatch.setattr(worker_module, "Housekeeping", FakeHousekeeping)
    result = stop_me_while_running.enqueue()
    ran.clear()
    worker = make_worker()
    worker.configure_signals()
    try:
        worker.run()  # returns once the task that received SIGTERM has finished
    finally:
        worker.reset_signals()
    assert ran == ["finished"]
    assert DBTaskResult.objects.get(id=result.id).status == "SUCCESSFUL"
