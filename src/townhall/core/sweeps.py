"""Work the task worker looks for again every minute, in case its task is gone: a task
that failed when the database went away mid-run, or a worker stopped twice during one.

An app registers a sweep (a function that queues again what has no live task and says how
many); the worker's housekeeping runs them all. With a task backend that keeps no rows
(the immediate one, in tests), there is nothing to look for.
"""

import logging
from collections.abc import Callable

from django.db import DatabaseError
from django_tasks.base import Task
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

_sweeps: dict[str, Callable[[], int]] = {}
_routine: set[str] = set()


def register(what: str, sweep: Callable[[], int], *, routine: bool = False) -> None:
    """`what` names the things swept, for the log: "emails", "mailings". A routine sweep
    does work that falls due (follow-ups, erasing): what it did is logged at INFO. Any other
    finds work whose task was lost, a fault worth a WARNING each time it finds some."""
    _sweeps[what] = sweep
    if routine:
        _routine.add(what)


def run_all() -> dict[str, int]:
    """Each sweep's count, logged. One sweep's fault does not stop the others; a database outage
    does (the worker waits for the database)."""
    counts = {}
    for what, sweep in _sweeps.items():
        try:
            counts[what] = sweep()
        except DatabaseError:
            raise
        except Exception:
            logger.exception("Sweeping %s failed", what)
            continue
        if not counts[what]:
            continue
        if what in _routine:
            logger.info("Swept %d %s", counts[what], what)
        else:
            logger.warning("Re-queued %d %s whose task was gone", counts[what], what)
    return counts


def live_first_arguments(task: Task) -> set | None:
    """The first argument of each of the task's runs waiting or running now; None when
    the backend keeps no record of its tasks."""
    if not isinstance(task.get_backend(), DatabaseBackend):
        return None
    live = DBTaskResult.objects.filter(task_path=task.module_path, status__in=["READY", "RUNNING"])
    return {args["args"][0] for args in live.values_list("args_kwargs", flat=True) if args["args"]}
