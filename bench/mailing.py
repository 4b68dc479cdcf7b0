"""A mailing to many people (issue 18): copies queued per second, copies sent per second to
a local SMTP sink, and peak memory, against a baseline in the same run: the same message
sent the same number of times over one SMTP connection by Django alone.

    TOWNHALL_DATA_DIR=/tmp/demo .venv/bin/python bench/mailing.py [--people 50000]

Runs on the demo in TOWNHALL_DATA_DIR (SQLite, or DATABASE_URL), adds the people to a
new organisation of its own and deletes them afterwards. The rate limit is lifted
(MAILING_RATE_PER_MINUTE) so the figure is what the code and the database can do.
"""

import argparse
import asyncio
import multiprocessing
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.inprocess import run_on_demo


class Sink:
    """Just enough SMTP to take messages and count them (no parsing, nothing kept), in a
    process of its own so that it does not share the sender's CPU time."""

    def __init__(self) -> None:
        self.count = multiprocessing.Value("i", 0)
        self.ready = multiprocessing.Value("i", 0)

    @property
    def messages(self) -> int:
        return self.count.value

    async def _session(self, reader, writer) -> None:
        writer.write(b"220 sink\r\n")
        in_data = False
        while line := await reader.readline():
            if in_data:
                if line == b".\r\n":
                    in_data = False
                    with self.count.get_lock():
                        self.count.value += 1
                    writer.write(b"250 ok\r\n")
                continue
            verb = line[:4].upper()
            if verb == b"DATA":
                in_data = True
                writer.write(b"354 go\r\n")
            elif verb == b"QUIT":
                writer.write(b"221 bye\r\n")
                break
            elif verb == b"EHLO":
                writer.write(b"250-sink\r\n250 8BITMIME\r\n")
            else:
                writer.write(b"250 ok\r\n")
            await writer.drain()
        writer.close()

    def _serve(self) -> None:
        loop = asyncio.new_event_loop()
        server = loop.run_until_complete(asyncio.start_server(self._session, "127.0.0.1", 0))
        self.ready.value = server.sockets[0].getsockname()[1]
        loop.run_forever()

    def start(self) -> None:
        multiprocessing.Process(target=self._serve, daemon=True).start()
        while not self.ready.value:
            time.sleep(0.05)
        self.port = self.ready.value


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=50_000)
    parser.add_argument("--batch", type=int, default=500)
    arguments = parser.parse_args()
    sink = Sink()
    sink.start()
    os.environ.update(
        {
            "EMAIL_URL": f"smtp://127.0.0.1:{sink.port}",
            "MAILING_RATE_PER_MINUTE": "100000000",
            "MAILING_BATCH": str(arguments.batch),
            "MAILING_APPROVAL_OVER": str(arguments.people + 1),
            "TASKS_BACKEND": "django_tasks.backends.dummy.DummyBackend",  # we call deliver
        }
    )
    run_on_demo(lambda: bench(arguments.people, sink))


def bench(count: int, sink: Sink) -> None:
    from django.core.mail import get_connection
    from django.db import connection
    from django.utils import timezone

    from townhall.core import people
    from townhall.core.models import Borough, Organisation
    from townhall.core.services.organisations import set_up_organisation
    from townhall.people import mailing_content, mailing_delivery
    from townhall.people.models import Consent, Mailing, Person

    home = Organisation.objects.get(slug="alliance").home_page.get_parent()
    section = home.add_child(title="Bench group", slug=f"bench-{int(time.time())}")
    organisation = set_up_organisation(
        name=f"Bench group {section.slug}",
        slug=section.slug,
        kind="campaign",
        borough=Borough.objects.first(),
        home_page=section,
    )
    organisation.postal_address = "1 Bench Street\nLondon"
    organisation.save()
    try:
        now = timezone.now()
        started = time.perf_counter()
        made = Person.objects.bulk_create(
            (
                Person(
                    organisation=organisation,
                    email=f"reader{n}@example.org",
                    name=f"Reader {n}",
                    first_seen_at=now,
                    last_seen_at=now,
                )
                for n in range(count)
            ),
            batch_size=2000,
        )
        Consent.objects.bulk_create(
            (
                Consent(
                    person=person,
                    purpose=people.EMAIL_UPDATES,
                    wording="w",
                    source="bench",
                    given_at=now,
                )
                for person in made
            ),
            batch_size=2000,
        )
        print(f"setting up {count:,} people with consent: {time.perf_counter() - started:.1f} s")
        mailing = Mailing.objects.create(
            organisation=organisation,
            subject="Bench mailing",
            body='<p>Hello, see <a href="https://example.org/a">this</a>.</p>',
        )
        mailing_delivery.send(mailing, None)

        started = time.perf_counter()
        mailing_delivery.begin(mailing)
        queued = time.perf_counter() - started
        print(f"queued: {count:,} copies in {queued:.1f} s = {count / queued:,.0f} rows/s")

        rss_before = peak_rss_mb()
        started = time.perf_counter()
        while mailing_delivery.deliver(mailing.pk, budget=10**9) != "sent":
            pass
        sent_time = time.perf_counter() - started
        mailing.refresh_from_db()
        figures = mailing_delivery.figures(mailing)
        print(
            f"sent: {figures['sent']:,} copies in {sent_time:.1f} s = "
            f"{figures['sent'] / sent_time:,.0f} copies/s (sink received {sink.messages:,}); "
            f"state {mailing.state}"
        )
        print(f"peak RSS: {peak_rss_mb():.0f} MB (before sending {rss_before:.0f} MB)")

        # Baseline: Django alone sends the same composed copy over one connection.
        copy = mailing_content.compose(mailing)
        before = sink.messages
        started = time.perf_counter()
        smtp = get_connection()
        smtp.open()
        for n in range(count):
            mailing_content.message(
                mailing, copy, f"reader{n}@example.org", f"<b{n}@x>", smtp
            ).send()
        smtp.close()
        baseline = time.perf_counter() - started
        print(
            f"baseline (Django's SMTP backend, one connection, no database): "
            f"{sink.messages - before:,} in {baseline:.1f} s = {count / baseline:,.0f} msgs/s"
        )
        print(f"Townhall's sending is {count / sent_time / (count / baseline):.0%} of the baseline")
        print(f"database: {connection.vendor}")
    finally:
        Person.objects.filter(organisation=organisation).delete()
        Mailing.objects.filter(organisation=organisation).delete()


if __name__ == "__main__":
    main()
