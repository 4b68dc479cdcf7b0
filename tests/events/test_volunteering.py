"""Volunteer shifts (issue 18, point 5): an event whose answers are offers to help, with
the places as helpers needed; a confirmed offer joins the helper's history with the group
whether or not they agreed to its emails, which still need its own box."""

import pytest
from django.core import mail

from townhall.events import services
from townhall.events.models import EventPage
from townhall.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def shift(db) -> EventPage:
    return EventPage.objects.get(volunteering=True)


def offer(shift, email, agree=False):
    rsvp = services.rsvp(shift, services.Answer("Sam Lee", email, 0, False, agree))
    return services.confirm(rsvp)


def test_an_offer_to_help_is_worded_as_one(client, shift):
    page = client.get(shift.url).content.decode()
    assert "Volunteer shift" in page and "Helpers needed" in page
    assert "Offer to help</button>" in page
    listing = client.get("/events/?kind=volunteering").content.decode()
    assert shift.title in listing and "Volunteers wanted" in listing
    assert "Hand in the glyphosate petition" not in listing


def test_a_confirmed_offer_joins_the_helpers_history_without_consent_to_emails(
    shift, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        offer(shift, "sam@example.org")
    person = Person.objects.get(organisation__slug="library-campaign", email="sam@example.org")
    assert [(a.kind, a.label) for a in person.history.all()] == [
        ("volunteered", f"Offered to help: {shift.title}")
    ]
    assert person.consents_now() == set()
    assert mail.outbox[-1].subject == f"Thank you for offering to help: {shift.title}"


def test_ticking_the_groups_box_with_an_offer_gives_consent_too(shift):
    offer(shift, "kim@example.org", agree=True)
    assert Person.objects.get(email="kim@example.org").consents_now() == {"email_updates"}


def test_the_places_are_the_helpers_needed(shift):
    for number in range(shift.capacity):
        offer(shift, f"helper{number}@example.org")
    assert offer(shift, "late@example.org") == "waiting"
