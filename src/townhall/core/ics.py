"""iCalendar files (the icalendar library) for anything with a start and an end."""

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.text import slugify

if TYPE_CHECKING:
    from icalendar import Event


def ics_event(
    request: HttpRequest,
    uid: str,
    starts: datetime,
    ends: datetime,
    summary: str,
    url: str,
    cancelled: bool = False,
    **properties: object,
) -> "Event":
    """One VEVENT; `properties` adds any others (location, description, last-modified)."""
    # icalendar is imported when a calendar is asked for: 10 MB in every web process else.
    from icalendar import Event

    event = Event()
    event.add("uid", f"{uid}@{request.get_host().split(':')[0]}")
    event.add("dtstamp", timezone.now())
    # Local time with its zone: calendars then show it right across the clock changes.
    event.add("dtstart", timezone.localtime(starts))
    event.add("dtend", timezone.localtime(ends))
    event.add("summary", summary)
    event.add("url", request.build_absolute_uri(url))
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    for name, value in properties.items():
        if value:
            event.add(name.replace("_", "-"), value)
    return event


def ics_response(name: str, events: Iterable["Event"], filename: str = "") -> HttpResponse:
    """A calendar file with the site's time zone (VTIMEZONE) included."""
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", "-//Townhall//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for event in events:
        calendar.add_component(event)
    calendar.add_missing_timezones()
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename or slugify(name)}.ics"'
    return response
