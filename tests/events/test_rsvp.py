"""RSVPs: confirmation, exact places, the waiting list, repeats, cancel links, reminders."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from tests.events.conftest import answer
from townhall.events import services
from townhall.events.models import EventPage, EventPlaces, Rsvp

pytestmark = pytest.mark.django_db
State = Rsvp.State


def going(event: EventPage, number: int, guests: int = 0) -> Rsvp:
    found = services.rsvp(event, answer(number, guests))
    services.confirm(found)
    found.refresh_from_db()
    return found


def taken(event: EventPage) -> int:
    return EventPlaces.objects.get(event=event).taken


def test_an_answer_counts_only_once_confirmed_and_a_repeat_changes_nothing(make_event):
    event = make_event(capacity=3)
    found = services.rsvp(event, answer(1))
    assert found.state == State.PENDING and event.place_counts()["left"] == 3
    assert services.confirm(found) == State.GOING
    assert services.confirm(found) == State.GOING  # the button pressed twice
    assert taken(event) == 1


def test_places_include_guests_and_a_full_event_puts_people_on_the_waiting_list(make_event):
    event = make_event(capacity=3)
    assert going(event, 1, guests=1).state == State.GOING
    assert going(event, 2, guests=1).state == State.WAITING  # 2 more do not fit in 1
    assert going(event, 3).state == State.GOING  # 1 fits
    assert going(event, 4).state == State.WAITING
    assert taken(event) == 3 and event.place_counts()["left"] == 0


def test_cancelling_gives_places_to_the_waiting_list_in_order_and_emails_them(
    make_event, django_capture_on_commit_callbacks
):
    event = make_event(capacity=2)
    first = going(event, 1, guests=1)
    second, third = going(event, 2), going(event, 3)
    assert (second.state, third.state) == (State.WAITING, State.WAITING)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.cancel(first) is True
    second.refresh_from_db()
    third.refresh_from_db()
    assert (second.state, third.state) == (State.GOING, State.GOING)
    assert taken(event) == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["person2@example.org", "person3@example.org"]
    assert all("A place is yours" in m.subject and "/cancel/" in m.body for m in mail.outbox)
    assert services.cancel(first) is False  # a replayed cancel link changes nothing
    assert taken(event) == 2


def test_the_waiting_list_is_first_come_first_served(make_event):
    event = make_event(capacity=2)
    holder = going(event, 1, guests=1)
    big_party = going(event, 2, guests=1)  # waiting first, needs 2
    going(event, 3)  # waiting second, needs 1
    services.rsvp(event, answer(1, guests=0))  # frees one place: not enough for the party
    assert Rsvp.objects.get(pk=big_party.pk).state == State.WAITING
    assert Rsvp.objects.get(email="person3@example.org").state == State.WAITING
    services.cancel(holder)
    assert Rsvp.objects.get(pk=big_party.pk).state == State.GOING


def test_the_same_email_updates_the_first_answer(make_event):
    event = make_event(capacity=4)
    first = going(event, 1)
    again = services.rsvp(
        event, answer(1, guests=2, name="Person One", email="PERSON1@example.org")
    )
    assert again.pk == first.pk and Rsvp.objects.filter(event=event).count() == 1
    assert (again.name, again.guests, again.state) == ("Person One", 2, State.GOING)
    assert taken(event) == 3
    going(event, 2)
    with pytest.raises(services.Refused, match="not enough places left for 1 more guest"):
        services.rsvp(event, answer(1, guests=3))
    assert taken(event) == 4 and Rsvp.objects.get(pk=first.pk).guests == 2


def test_more_guests_than_allowed_and_answers_to_closed_events_are_refused(make_event):
    event = make_event(capacity=None, max_guests=2)
    with pytest.raises(services.Refused, match="up to 2 guests"):
        services.rsvp(event, answer(1, guests=3))
    event.cancelled = True
    event.save_revision().publish()
    with pytest.raises(services.Refused, match="cancelled"):
        services.rsvp(EventPage.objects.get(pk=event.pk), answer(2))


def test_an_event_without_a_limit_takes_everyone(make_event):
    event = make_event(capacity=None)
    assert all(going(event, n, guests=3).state == State.GOING for n in range(10))
    assert event.place_counts() == {"capacity": None, "taken": 40, "left": None}


def test_reminders_go_the_day_before_once_and_only_to_those_going(
    make_event, django_capture_on_commit_callbacks
):
    tomorrow_event = make_event(days=1.0)
    later_event = make_event(days=5)
    going(tomorrow_event, 1)
    going(later_event, 2)
    cancelled = going(tomorrow_event, 3)
    services.cancel(cancelled)
    services.rsvp(tomorrow_event, answer(4))  # never confirmed
    mail.outbox.clear()
    moment = timezone.localtime(tomorrow_event.starts_at) - timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_reminders(moment) == 1
        assert services.send_reminders(moment) == 0
    assert [m.to[0] for m in mail.outbox] == ["person1@example.org"]
    assert mail.outbox[0].subject.startswith("Tomorrow:")


def test_moving_or_cancelling_an_event_emails_those_going_and_waiting(
    make_event, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1)
    going(event, 1)
    going(event, 2)  # waiting
    services.rsvp(event, answer(3))  # pending: not told
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        event.title = "Street stall (new title only)"
        event.save_revision().publish()
    assert mail.outbox == []  # nothing attendees rely on changed
    with django_capture_on_commit_callbacks(execute=True):
        event.starts_at += timedelta(hours=1)
        event.ends_at += timedelta(hours=1)
        event.save_revision().publish()
    assert sorted(m.to[0] for m in mail.outbox) == ["person1@example.org", "person2@example.org"]
    assert all(m.subject.startswith("Changed:") for m in mail.outbox)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        event.cancelled = True
        event.cancellation_note = "The square is closed for works."
        event.save_revision().publish()
    assert len(mail.outbox) == 2 and "closed for works" in mail.outbox[0].body


def test_raising_the_capacity_offers_the_new_places(make_event):
    event = make_event(capacity=1)
    going(event, 1)
    waiting = going(event, 2)
    event.capacity = 2
    event.save_revision().publish()
    assert Rsvp.objects.get(pk=waiting.pk).state == State.GOING


def test_an_attendee_joins_the_groups_people_only_by_ticking_its_own_box(make_event):
    from townhall.core.services import sections
    from townhall.people.models import Person

    event = make_event(capacity=None)
    organisation = sections.section_owner(event)
    services.confirm(services.rsvp(event, answer(1)))
    services.confirm(services.rsvp(event, answer(2, hear_from_organisation=True)))
    assert not Person.objects.filter(email="person1@example.org").exists()
    person = Person.objects.get(email="person2@example.org", organisation=organisation)
    assert person.history.get().label == f"Said they would come: {event.title}"
    assert person.consents.get().wording == organisation.consent_wording


def test_the_rsvp_form_asks_separately_for_the_groups_emails(client, make_event):
    from townhall.core.services import sections

    event = make_event()
    html = client.get(event.url).content.decode()
    assert f"Email me news from {sections.section_owner(event).name}" in html
