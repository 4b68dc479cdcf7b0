from datetime import timedelta

import pytest
from django.utils import timezone

from townhall.events.models import EventIndexPage, EventPage
from townhall.events.services import Answer


@pytest.fixture
def index(db) -> EventIndexPage:
    return EventIndexPage.objects.get(url_path__contains="/alliance/")


@pytest.fixture
def make_event(index):
    def make(capacity: int | None = 3, days: float = 10, **fields) -> EventPage:
        starts = timezone.now() + timedelta(days=days)
        event = index.add_child(
            instance=EventPage(
                title=fields.pop("title", "Street stall"),
                starts_at=starts,
                ends_at=starts + timedelta(hours=2),
                venue_name="Market square",
                description="<p>Come along.</p>",
                capacity=capacity,
                **fields,
            )
        )
        event.save_revision().publish()
        return EventPage.objects.get(pk=event.pk)

    return make


def answer(number: int, guests: int = 0, **changes) -> Answer:
    values = {"name": f"Person {number}", "email": f"person{number}@example.org"}
    return Answer(guests=guests, **{**values, **changes})
