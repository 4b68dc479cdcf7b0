"""The four requests of a signature, in process: where each one's time goes.

Runs Django's test client against the demo in TOWNHALL_DATA_DIR, as people would: the
signing form (GET), the signature (POST, from an address of its own), the emailed link
(GET) and its button (POST), each with the browser's Sec-Fetch-Site header and no session.
Prints each step's median time and SQL queries against a trivial view through the whole
middleware, in the same run. `--profile STEP` adds the functions that take the most time in
that step (cProfile, cumulative).

    TOWNHALL_DATA_DIR=/tmp/demo python bench/signing.py [--people 200] [--profile sign]
"""

import argparse
import cProfile
import io
import pstats
import statistics
import time

from inprocess import TRIVIAL_PATH, run_on_demo

STEPS = ("form", "sign", "link", "confirm")
BROWSER = {"HTTP_SEC_FETCH_SITE": "same-origin"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--profile", choices=STEPS)
    args = parser.parse_args()
    run_on_demo(lambda: run(args))


def run(args) -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from townhall.core.models import Ward
    from townhall.petitions.models import Petition, Signature

    petition = Petition.objects.filter(state=Petition.State.OPEN).order_by("pk").first()
    ward = Ward.objects.order_by("pk").first()
    run_id = time.time_ns()
    times = {step: [] for step in STEPS}
    queries = dict.fromkeys(STEPS, 0)
    profiles = {step: cProfile.Profile() for step in STEPS}

    def step(name: str, method: str, path: str, data=None, **headers):
        call = getattr(client, method)
        if warming:  # the first person loads the URL configuration and templates
            return call(path, data, **headers)
        profile = profiles[name] if args.profile == name else None
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            if profile:
                profile.enable()
            response = call(path, data, **headers)
            if profile:
                profile.disable()
            times[name].append((time.perf_counter() - started) * 1000)
        queries[name] = len(captured)
        return response

    client = Client()  # no session: a person arriving from a shared link
    sign_url = f"/petitions/{petition.pk}/sign/"
    for n in range(args.people + 1):
        warming = n == 0
        address = f"10.{(run_id // 1000 + n // 250) % 250}.{n // 250 % 250}.{n % 250 + 1}"
        email = f"signing-{run_id}-{n}@example.org"
        step("form", "get", sign_url, REMOTE_ADDR=address)
        signer = {"name": f"Signer {n}", "email": email, "postcode": "EN5 4BW", "ward": ward.pk}
        response = step("sign", "post", sign_url, signer, REMOTE_ADDR=address, **BROWSER)
        assert response.status_code == 200, response.status_code
        token = Signature.objects.get(petition=petition, email=email).token
        link = f"/petitions/signatures/{token}/"
        step("link", "get", link, REMOTE_ADDR=address)
        response = step("confirm", "post", link, REMOTE_ADDR=address, **BROWSER)
        assert response.status_code == 200, response.status_code
    baseline = []
    for _ in range(args.people):
        started = time.perf_counter()
        client.get(TRIVIAL_PATH)
        baseline.append((time.perf_counter() - started) * 1000)
    print(f"{args.people} people signing petition {petition.pk} in process")
    print(f"{'trivial view, whole middleware':32} median {statistics.median(baseline):6.2f} ms")
    for name in STEPS:
        print(f"{name:32} median {statistics.median(times[name]):6.2f} ms  {queries[name]} queries")
    total = sum(statistics.median(times[name]) for name in STEPS)
    print(f"{'whole signature (4 requests)':32} {total:6.2f} ms = {1000 / total:.0f} per second")
    if args.profile:
        out = io.StringIO()
        pstats.Stats(profiles[args.profile], stream=out).sort_stats("cumulative").print_stats(40)
        print(out.getvalue())


if __name__ == "__main__":
    main()
