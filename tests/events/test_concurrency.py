"""Many people answer at once for the last places: never more going than the capacity."""

import threading

import pytest
from django.db import connection, connections

from tests.events.conftest import answer
from townhall.events import services
from townhall.events.models import EventPlaces, Rsvp

RACERS = 16


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="concurrent writers need PostgreSQL; SQLite serialises them",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.flushes_database
def test_racing_for_the_last_places_confirms_exactly_the_capacity(make_event):
    event = make_event(capacity=10)
    for number in range(7):
        services.confirm(services.rsvp(event, answer(number)))
    errors: list[Exception] = []
    barrier = threading.Barrier(RACERS)

    def race(worker: int) -> None:
        try:
            found = services.rsvp(event, answer(100 + worker))
            barrier.wait()
            services.confirm(found)
            services.confirm(found)  # a double click changes nothing
        except Exception as error:  # reported below, in the test's own thread
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=race, args=(n,)) for n in range(RACERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    going = Rsvp.objects.filter(event=event, state=Rsvp.State.GOING).count()
    waiting = Rsvp.objects.filter(event=event, state=Rsvp.State.WAITING).count()
    assert going == EventPlaces.objects.get(event=event).taken == 10  # exactly the capacity
    assert waiting == 7 + RACERS - 10
