"""Benchmarks that run the site in process (render.py, signing.py): Django set up on the demo
in TOWNHALL_DATA_DIR, with a trivial view beside the site's own URLs as the baseline."""

import os
import statistics
import sys
import time
from collections.abc import Callable

TRIVIAL_PATH = "/bench-trivial/"


def timed(action: Callable[[], object], repeat: int = 1) -> tuple[float, object]:
    """The median seconds of `repeat` runs of `action`, and what the last one returned."""
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def trivial(request):
    from django.http import HttpResponse

    return HttpResponse("ok")


def _patterns() -> list:
    from django.urls import path

    from townhall import urls

    # The site's own list, not an include: its language prefixes (i18n_patterns) must stay at
    # the top of the URL configuration.
    return [path(TRIVIAL_PATH.strip("/") + "/", trivial), *urls.urlpatterns]


def run_on_demo(run: Callable[[], None]) -> None:
    """Set Django up on the demo and call `run` with the trivial view routed."""
    if "TOWNHALL_DATA_DIR" not in os.environ:
        sys.exit("Set TOWNHALL_DATA_DIR to a demo's data folder (townhall load_demo).")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "townhall.settings")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")
    import django

    django.setup()
    from django.test.utils import override_settings

    with override_settings(ROOT_URLCONF=__name__):
        run()


def __getattr__(name: str):
    """This module is the URL configuration while a benchmark runs (built after setup)."""
    if name != "urlpatterns":
        raise AttributeError(name)
    return _patterns()
