"""Event pages, lists, calendars and the RSVP links, through HTTP."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone
from icalendar import Calendar

from townhall.events.models import EventPage, Rsvp

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def rsvp_data(number: int = 1, **changes) -> dict:
    return {"name": f"Person {number}", "email": f"p{number}@example.org", "guests": 0, **changes}


def link(message, kind: str) -> str:
    return re.search(rf"http://\S+(/events/rsvp/\S+/{kind})", message.body).group(1)


def test_answering_confirming_and_cancelling_through_the_links(
    client, make_event, django_capture_on_commit_callbacks
):
    event = make_event(capacity=5)
    page = client.get(event.url).content.decode()
    assert "Say you are coming" in page and "5 of 5 left" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/events/{event.pk}/rsvp/", rsvp_data(1, guests=1, hide_name="on"))
    assert "Check your email" in response.content.decode()
    confirm = link(mail.outbox[-1], "")
    assert client.get(confirm).status_code == 200  # a scanner's GET confirms nothing
    assert Rsvp.objects.get(email="p1@example.org").state == Rsvp.State.PENDING
    with django_capture_on_commit_callbacks(execute=True):
        assert "You are coming" in client.post(confirm).content.decode()
    page = client.get(event.url).content.decode()
    assert "3 of 5 left" in page and "Person 1" not in page and "1 other" in page
    assert "p1@example.org" not in page
    cancel = link(mail.outbox[-1], "cancel/")
    assert "Cancel my answer" in client.get(cancel).content.decode()
    assert "Your answer is cancelled" in client.post(cancel).content.decode()
    assert "Already cancelled" in client.post(cancel).content.decode()
    assert "5 of 5 left" in client.get(event.url).content.decode()


def test_forged_links_and_bad_answers_get_clear_messages(client, make_event):
    event = make_event(capacity=5, max_guests=2)
    for path in ("/events/rsvp/forged/", "/events/rsvp/forged/cancel/"):
        assert client.get(path).status_code == 404
        assert client.post(path).status_code == 404
    response = client.post(f"/events/{event.pk}/rsvp/", rsvp_data(email="nope", guests=7))
    html = response.content.decode()
    assert response.status_code == 400 and "There is a problem" in html
    assert "Choose up to 2 guests" in html and "email address" in html.lower()
    assert client.post("/events/999999/rsvp/", rsvp_data()).status_code == 404
    assert not Rsvp.objects.exists()


def test_an_answer_to_a_cancelled_event_is_refused_with_the_reason(client, make_event):
    event = make_event()
    event.cancelled = True
    event.save_revision().publish()
    response = client.post(f"/events/{event.pk}/rsvp/", rsvp_data())
    assert response.status_code == 409 and "has been cancelled" in response.content.decode()


def test_an_end_before_the_start_and_a_new_event_in_the_past_are_refused(index):
    now = timezone.now()
    backwards = EventPage(
        title="Backwards",
        starts_at=now + timedelta(days=2),
        ends_at=now + timedelta(days=1),
        venue_name="Hall",
        description="<p>x</p>",
    )
    with pytest.raises(ValidationError) as error:
        index.add_child(instance=backwards)
    assert "The end must be after the start" in str(error.value)
    past = EventPage(
        title="Too late",
        starts_at=now - timedelta(days=1),
        ends_at=now,
        venue_name="Hall",
        description="<p>x</p>",
    )
    with pytest.raises(ValidationError, match="must start in the future"):
        index.add_child(instance=past)
    nowhere = EventPage(
        title="Nowhere",
        starts_at=now + timedelta(days=1),
        ends_at=now + timedelta(days=2),
        description="<p>x</p>",
    )
    with pytest.raises(ValidationError, match="a place, or an online link"):
        index.add_child(instance=nowhere)


def test_a_time_the_clocks_skip_is_refused_by_the_admin_form():
    form_class = EventPage.get_edit_handler().get_form_class()
    # On 28 March 2027 London's clocks go from 01:00 straight to 02:00.
    form = form_class(
        data={
            "title": "x",
            "slug": "x",
            "starts_at": "2027-03-28 01:30",
            "ends_at": "2027-03-28 03:00",
        },
        for_user=None,
    )
    form.is_valid()
    assert "starts_at" in form.errors and "ends_at" not in form.errors


def test_times_are_shown_in_london_time_with_day_names_across_the_clock_change(client, make_event):
    event = make_event()
    # 29 October 2028 is the day the clocks go back: 09:30 UTC is 09:30 GMT.
    event.starts_at = datetime(2028, 10, 29, 9, 30, tzinfo=ZoneInfo("UTC"))
    event.ends_at = event.starts_at + timedelta(hours=1)
    event.save_revision().publish()
    assert "Sunday 29 October 2028, 9:30 a.m." in client.get(event.url).content.decode()
    event.starts_at = datetime(2028, 10, 28, 9, 30, tzinfo=ZoneInfo("UTC"))  # BST the day before
    event.ends_at = event.starts_at + timedelta(hours=1)
    event.save_revision().publish()
    assert "Saturday 28 October 2028, 10:30 a.m." in client.get(event.url).content.decode()


def test_ics_files_parse_back_with_the_london_time_zone(client, make_event):
    event = make_event(title="Stall & talk")
    for path in (
        f"/events/{event.pk}.ics",
        "/events/calendar.ics",
        "/alliance/events/calendar/feed/",
    ):
        response = client.get(path)
        assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
        calendar = Calendar.from_ical(response.content)
        assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/London"
        found = [e for e in calendar.walk("VEVENT") if e["SUMMARY"] == "Stall & talk"]
        assert len(found) == 1
        start = found[0].decoded("DTSTART")
        assert start == event.starts_at.replace(microsecond=0)  # ICS has whole seconds
        assert start.tzinfo.key == "Europe/London"
        assert found[0]["UID"].startswith(f"event-{event.pk}@")


def test_lists_filters_and_the_month_calendar(client, make_event):
    event = make_event(title="Ward walk", ward=None)
    html = client.get("/events/").content.decode()
    assert "Ward walk" in html and "Hand in the glyphosate petition" in html
    assert "Ward walk" in client.get("/events/?organisation=alliance").content.decode()
    assert "Ward walk" not in client.get("/events/?organisation=library-campaign").content.decode()
    assert "Hand in the glyphosate" in client.get("/events/?ward=E05013643").content.decode()
    assert "Ward walk" not in client.get("/events/?ward=E05013643").content.decode()
    assert "Travel together" in client.get("/events/past/").content.decode()
    local = timezone.localtime(event.starts_at)
    month = client.get(f"/events/calendar/{local.year}/{local.month}/").content.decode()
    assert "Ward walk" in month and "Events in" in month
    assert client.get("/events/calendar/2026/13/").status_code == 404
    assert client.get("/events/calendar/").status_code == 302


def test_the_ward_comes_from_the_postcode_where_postcodes_are_loaded(make_event, tmp_path):
    from django.core.management import call_command

    path = tmp_path / "postcodes.csv"
    path.write_text("pcds,osward\nNW4 4BG,E05013643\n")
    call_command("load_postcodes", str(path), borough="E09000003")
    event = make_event(postcode="NW4 4BG")
    assert event.ward.name == "Hendon"
    assert make_event(postcode="SW1A 1AA").ward is None
