"""Prometheus metrics: requests by view and status with their latency, counted in each web
process, and figures read from the database when scraped: tasks and emails by status, the
oldest waiting email, workers alive, and what apps register in core.metrics (signatures
confirmed).

Request counts are summed over every instance (decision 18): through Redis when REDIS_URL is
set (operations.shared_metrics), else over every instance `townhall serve` runs on this host
with this data folder (prometheus_client's multiprocess files, one folder per port). When
Redis cannot be reached, a scrape answers this instance's own counts."""

import glob
import os
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db.models import Count, Min
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.metrics_core import Metric
from prometheus_client.multiprocess import MultiProcessCollector

from townhall.core import metrics as figures
from townhall.core.models import Email
from townhall.operations import shared_metrics
from townhall.operations.models import WorkerHeartbeat
from townhall.version import running_version

REQUESTS = Counter(
    "townhall_http_requests_total", "Requests answered", ["view", "method", "status"]
)
LATENCY = Histogram(
    "townhall_http_request_duration_seconds",
    "Time to answer a request",
    ["view"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)


REQUEST_METRICS = (REQUESTS, LATENCY)


def observe(view: str, method: str, status: int, seconds: float) -> None:
    REQUESTS.labels(view, method, str(status)).inc()
    LATENCY.labels(view).observe(seconds)
    if shared_metrics.is_enabled():
        shared_metrics.totals(REQUEST_METRICS)  # starts this process's flushing, once


class RequestFigures:
    """Requests and their latency: every instance's sum, or this instance's own."""

    def collect(self) -> Iterator[Metric]:
        if shared_metrics.is_enabled():
            shared = shared_metrics.totals(REQUEST_METRICS)
            try:
                shared.flush()  # this process's latest counts, so a scrape includes them
                families, processes = shared.read()
            except shared_metrics.UNREACHABLE:
                pass
            else:
                yield from families
                yield from _summed(processes)
                return
        yield from _this_instance()
        yield from _summed(None)


def _summed(processes: int | None) -> Iterator[GaugeMetricFamily]:
    yield GaugeMetricFamily(
        "townhall_metrics_shared",
        "1 when request metrics are every instance's sum through Redis, 0 when they are this "
        "host's alone (no REDIS_URL, or Redis unreachable)",
        value=0 if processes is None else 1,
    )
    if processes is not None:
        yield GaugeMetricFamily(
            "townhall_metrics_processes",
            "Web processes that added their counts to the sum within METRICS_PROCESS_TTL_SECONDS",
            value=processes,
        )


def _this_instance() -> Iterator[Metric]:
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if not folder:
        for metric in REQUEST_METRICS:
            yield from metric.collect()
        return
    # `townhall serve` keeps one folder per port under the data folder: instances on this host
    # share it, so their folders are summed (a folder set by hand is read alone).
    parent = Path(folder).resolve().parent
    same_host = parent == settings.DATA_DIR / "metrics"
    pattern = parent / "*" / "*.db" if same_host else Path(folder) / "*.db"
    yield from MultiProcessCollector.merge(glob.glob(str(pattern)), accumulate=True)


class DatabaseFigures:
    """Read at scrape time, so every process reports the same exact figures."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        info = GaugeMetricFamily("townhall_info", "The running release", labels=["version"])
        info.add_metric([running_version()], 1)
        yield info
        tasks = GaugeMetricFamily("townhall_tasks", "Task queue rows by status", labels=["status"])
        for status, n in (
            DBTaskResult.objects.order_by().values_list("status").annotate(Count("pk"))
        ):
            tasks.add_metric([status.lower()], n)
        yield tasks
        emails = GaugeMetricFamily("townhall_emails", "Emails by status", labels=["status"])
        for status, n in Email.objects.order_by().values_list("status").annotate(Count("pk")):
            emails.add_metric([status], n)
        yield emails
        oldest = Email.objects.pending().aggregate(at=Min("created_at"))["at"]
        yield GaugeMetricFamily(
            "townhall_oldest_waiting_email_seconds",
            "Age of the oldest email not yet sent (0 when none waits)",
            value=(timezone.now() - oldest).total_seconds() if oldest else 0,
        )
        lease = timedelta(seconds=settings.TOWNHALL_TASK_LEASE_SECONDS)
        yield GaugeMetricFamily(
            "townhall_workers_alive",
            "Task workers heard from within a lease",
            value=WorkerHeartbeat.objects.filter(seen_at__gte=timezone.now() - lease).count(),
        )
        for figure in figures.FIGURES.values():
            family = GaugeMetricFamily(figure.name, figure.help, labels=list(figure.labels))
            value = figure.read()
            if figure.labels:
                for labels, number in value.items():
                    family.add_metric(list(labels), number)
            else:
                family.add_metric([], value)
            yield family


def exposition() -> bytes:
    registry = CollectorRegistry()
    registry.register(RequestFigures())
    registry.register(DatabaseFigures())
    return generate_latest(registry)
