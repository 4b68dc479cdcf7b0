"""Cold render in process: where a page's time goes, without a web server in the way.

Runs Django's test client against the demo in TOWNHALL_DATA_DIR (made by `townhall demo` or
`townhall load_demo`) and renders each page many times, each at a new address so the page
cache misses. Prints the median and p99 time and the SQL queries per render, against a
trivial view's time in the same run (Django's own cost per request). `--profile` adds the
functions that take most of the time (cProfile, cumulative), to find the cause.

    TOWNHALL_DATA_DIR=/tmp/demo python bench/render.py [--requests 200] [--profile]
        [--language pl] [PATH ...]   (default: a post with comments, a petition, the list)

`--language` renders each page in that language too (`/pl/...`) and prints its time beside the
English one's: the catalogue lookups and the prefixed URLs cost what the difference shows.
"""

import argparse
import cProfile
import io
import pstats
import statistics
import time

from inprocess import TRIVIAL_PATH, run_on_demo

DEFAULT_PATHS = [
    "/alliance/news/travelling-together-for-the-right-to-ride/",
    "/petitions/1/",
    "/petitions/",
    "/",
]


def render_times(client, path: str, count: int) -> tuple[list[float], int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times = []
    status = 0
    queries = 0
    for n in range(count):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path, {"cold": f"{time.time_ns()}-{n}"})
        times.append((time.perf_counter() - started) * 1000)
        status, queries = response.status_code, len(captured)
    return sorted(times), status, queries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", default=DEFAULT_PATHS)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--language", help="also render each page in this language, e.g. pl")
    args = parser.parse_args()

    def start() -> None:
        from django.test import Client

        run(Client(), args)

    run_on_demo(start)


def measure(client, path: str, count: int) -> dict:
    render_times(client, path, 5)
    times, status, queries = render_times(client, path, count)
    p99 = times[max(0, int(len(times) * 0.99) - 1)]
    median = statistics.median(times)
    print(
        f"{path[:55]:55} median {median:6.2f} ms  p99 {p99:6.2f} ms  "
        f"{queries} queries  HTTP {status}"
    )
    return {"median": median, "queries": queries, "status": status}


def run(client, args) -> list[tuple[dict, dict | None]]:
    """Each path's figures, and its figures in args.language where one is given."""
    client.get(DEFAULT_PATHS[0])  # warm imports and template loading
    baseline, _, _ = render_times(client, TRIVIAL_PATH, args.requests)
    print(f"{'trivial view, whole middleware':55} median {statistics.median(baseline):6.2f} ms")
    results = []
    for path in args.paths:
        english = measure(client, path, args.requests)
        translated = None
        if getattr(args, "language", None):
            translated = measure(client, f"/{args.language}{path}", args.requests)
            change = 100 * (translated["median"] / english["median"] - 1)
            print(f"{'':55} {args.language} against English: {change:+.1f}%")
        results.append((english, translated))
        if args.profile:
            profile = cProfile.Profile()
            profile.enable()
            render_times(client, path, 50)
            profile.disable()
            out = io.StringIO()
            pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(45)
            print(out.getvalue())
    return results


if __name__ == "__main__":
    main()
