"""/healthz: the process answers. /readyz: it can serve (database), and how its helpers
are (cache, task queue). /metrics: Prometheus, only with METRICS_TOKEN. None shows a secret:
no address, password or setting, only states, counts and ages."""

import hmac
import time
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.db.models import Min
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone

from townhall.core.models import Email
from townhall.operations import metrics
from townhall.operations.models import WorkerHeartbeat
from townhall.version import running_version


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response


def healthz(request: HttpRequest) -> HttpResponse:
    return _no_store(HttpResponse("ok\n", content_type="text/plain"))


def _database() -> dict:
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return {"status": "ok", "ms": round((time.perf_counter() - started) * 1000, 1)}


def _cache() -> dict:
    key = "readyz:probe"
    cache.set(key, "1", 10)
    if cache.get(key) != "1":
        return {"status": "unavailable", "effect": "pages not cached, limits per process"}
    return {"status": "ok"}


def _queue() -> dict:
    pending = Email.objects.pending()
    oldest = pending.aggregate(at=Min("created_at"))["at"]
    lease = timedelta(seconds=settings.TOWNHALL_TASK_LEASE_SECONDS)
    return {
        "emails_waiting": pending.count(),
        "emails_failed": Email.objects.filter(status=Email.Status.FAILED).count(),
        "oldest_waiting_seconds": round((timezone.now() - oldest).total_seconds()) if oldest else 0,
        "workers_alive": WorkerHeartbeat.objects.filter(
            seen_at__gte=timezone.now() - lease
        ).count(),
    }


def readyz(request: HttpRequest) -> HttpResponse:
    checks: dict[str, dict] = {}
    try:
        checks["database"] = _database()
        checks["queue"] = _queue()
    except DatabaseError:
        checks["database"] = {"status": "unavailable"}
        connection.close()
    checks["cache"] = _cache()
    ready = checks["database"]["status"] == "ok"
    body = {"ready": ready, "version": running_version(), **checks}  # did the upgrade take?
    return _no_store(JsonResponse(body, status=200 if ready else 503))


def metrics_view(request: HttpRequest) -> HttpResponse:
    token = settings.TOWNHALL_METRICS_TOKEN
    if not token:
        return _no_store(HttpResponse("Not found\n", status=404, content_type="text/plain"))
    offered = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not hmac.compare_digest(offered.encode(), token.encode()):
        return _no_store(HttpResponse("Forbidden\n", status=403, content_type="text/plain"))
    try:
        body = metrics.exposition()
    except DatabaseError:
        connection.close()
        return _no_store(HttpResponse("database unavailable\n", status=503))
    return _no_store(HttpResponse(body, content_type="text/plain; version=0.0.4"))


ENDPOINTS = {"/healthz": healthz, "/readyz": readyz, "/metrics": metrics_view}
