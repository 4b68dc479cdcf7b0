"""`townhall worker`: django-tasks-db's worker, made to survive a bad day.

- A lost database (restart, network blip) is waited out with backoff and logged once, where
  the library's worker exits.
- A heartbeat row says the worker is alive; a task left RUNNING by a worker not heard from
  for a lease (killed, or its machine lost) is put back in the queue for another worker.
- Housekeeping in the same thread: emails whose delivery task is gone are re-queued, and
  finished emails and task results are pruned after the retention the docs state.
SIGTERM lets the current task finish, then exits (the library's own signal handling).
"""

import contextlib
import logging
import os
import socket
import threading
import time
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, connection, connections
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from townhall.core import sweeps
from townhall.core.services import email_delivery
from townhall.operations.models import WorkerHeartbeat

logger = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 5
SWEEP_SECONDS = 60
PRUNE_SECONDS = 3600


def lease() -> timedelta:
    return timedelta(seconds=settings.TOWNHALL_TASK_LEASE_SECONDS)


def reclaim_abandoned_tasks() -> int:
    """Put back in the queue tasks RUNNING for longer than a lease whose worker has not
    been heard from for a lease. Returns how many."""
    cutoff = timezone.now() - lease()
    alive = set(
        WorkerHeartbeat.objects.filter(seen_at__gte=cutoff).values_list("worker_id", flat=True)
    )
    reclaimed = 0
    for task_id, started_at, worker_ids in (
        DBTaskResult.objects.running()
        .filter(started_at__lt=cutoff)
        .values_list("id", "started_at", "worker_ids")
    ):
        if worker_ids and worker_ids[-1] in alive:
            continue
        # Conditional on the claim we saw, so a task another worker just claimed is left be.
        if DBTaskResult.objects.filter(pk=task_id, status="RUNNING", started_at=started_at).update(
            status="READY"
        ):
            reclaimed += 1
            logger.warning(
                "Task %s was abandoned by worker %s: queued again",
                task_id,
                (worker_ids or ["?"])[-1],
            )
    return reclaimed


def database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return False
    return True


class Housekeeping(threading.Thread):
    """Heartbeat, reclaiming, the email sweep and pruning, on their own connection."""

    def __init__(self, worker_id: str) -> None:
        super().__init__(name="townhall-housekeeping", daemon=True)
        self.worker_id = worker_id
        self.started_at = timezone.now()
        self.stopping = threading.Event()
        self.last = {"sweep": 0.0, "prune": 0.0}

    def beat(self) -> None:
        WorkerHeartbeat.objects.update_or_create(
            worker_id=self.worker_id,
            defaults={
                "hostname": socket.gethostname()[:255],
                "pid": os.getpid(),
                "started_at": self.started_at,
                "seen_at": timezone.now(),
            },
        )

    def tick(self) -> None:
        self.beat()
        reclaim_abandoned_tasks()
        now = time.monotonic()
        if now - self.last["sweep"] >= SWEEP_SECONDS:
            self.last["sweep"] = now
            sweeps.run_all()
        if now - self.last["prune"] >= PRUNE_SECONDS:
            self.last["prune"] = now
            email_delivery.prune()
            WorkerHeartbeat.objects.filter(seen_at__lt=timezone.now() - timedelta(days=1)).delete()

    def run(self) -> None:
        while not self.stopping.is_set():
            try:
                self.tick()
            except DatabaseError:
                connection.close()  # the main loop logs the outage; try again next beat
            except Exception:
                # A fault in a sweep must not stop the heartbeat: without it, this worker's
                # running task would be given to another worker while it still runs.
                logger.exception("Worker housekeeping failed; trying again")
            self.stopping.wait(HEARTBEAT_SECONDS)
        with contextlib.suppress(DatabaseError):
            WorkerHeartbeat.objects.filter(worker_id=self.worker_id).delete()
        connection.close()

    def stop(self) -> None:
        self.stopping.set()
        self.join(timeout=HEARTBEAT_SECONDS * 2)


class ResilientWorker(Worker):
    MAX_PAUSE = 30.0

    def run(self) -> None:
        housekeeping = Housekeeping(self.worker_id)
        housekeeping.start()
        try:
            while True:
                try:
                    super().run()
                    return
                except DatabaseError as error:
                    if not self.running:
                        return
                    self.wait_for_database(error)
                    self.startup_delay = False
        finally:
            housekeeping.stop()

    def wait_for_database(self, error: DatabaseError) -> None:
        """Log the outage once, then try again with backoff until the database answers."""
        lost_at = time.monotonic()
        logger.warning("Database unavailable, worker waiting for it: %s", str(error).strip())
        pause = 0.5
        while self.running:
            for alias in connections:
                connections[alias].close()
            time.sleep(pause)
            if not database_answers():
                pause = min(pause * 2, self.MAX_PAUSE)
                continue
            logger.warning(
                "Database back after %.1f s, worker resuming", time.monotonic() - lost_at
            )
            return
