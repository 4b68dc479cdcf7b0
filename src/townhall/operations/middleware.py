"""The outermost middleware: health answers, request ids, the access log and request metrics.

It runs before anything else (host checks, sessions), so a load balancer's health check
costs almost nothing and works with any Host header."""

import logging
import time

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from townhall.core.pagecache import ServedBy
from townhall.operations import health, logs, metrics

access_log = logging.getLogger("townhall.access")


class OperationsMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path in health.ENDPOINTS:
            return health.ENDPOINTS[request.path](request)
        token = logs.request_id.set(logs.new_request_id(request.headers.get("X-Request-ID")))
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            seconds = time.perf_counter() - started
            route = _route(request)
            metrics.observe(_view(request), request.method, response.status_code, seconds)
            access_log.info(
                "%s %s %d %.1fms%s",
                request.method,
                route,
                response.status_code,
                seconds * 1000,
                f" cache={response['X-Townhall-Cache']}" if "X-Townhall-Cache" in response else "",
            )
            response["X-Request-ID"] = logs.request_id.get()
            return response
        finally:
            logs.request_id.reset(token)


def _view(request: HttpRequest) -> str:
    """A bounded label for metrics: the view's name, never the path. A page-cache hit is
    named after the view that rendered the page."""
    match = ServedBy.of(request)
    if match is None:
        return "static" if request.path.startswith(settings.STATIC_URL) else "unresolved"
    return match.view_name or "unnamed"


def _route(request: HttpRequest) -> str:
    """The URL pattern, not the path: paths hold people's confirmation tokens, and a log is
    no place for them. Wagtail pages are one pattern, so their path is kept (it is public)."""
    match = ServedBy.of(request)
    if match is None:
        return "static" if request.path.startswith(settings.STATIC_URL) else "-"
    if match.url_name == "wagtail_serve":
        return request.path[:200]
    return "/" + match.route if match.route else (match.view_name or "-")
