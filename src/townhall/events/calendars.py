"""iCalendar files for one event, an organisation's events and the whole site's."""

import html
from collections.abc import Iterable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from icalendar import Calendar, Event

from townhall.core import pagecache
from townhall.core.sanitise import strip_all
from townhall.events.models import EventPage


def _event(request: HttpRequest, page: EventPage) -> Event:
    event = Event()
    event.add("uid", f"event-{page.pk}@{request.get_host().split(':')[0]}")
    event.add("dtstamp", timezone.now())
    # Local time with its zone: calendars then show it right across the clock changes.
    event.add("dtstart", timezone.localtime(page.starts_at))
    event.add("dtend", timezone.localtime(page.ends_at))
    event.add("summary", page.title)
    event.add("description", html.unescape(strip_all(page.description)))
    place = ", ".join(filter(None, [page.venue_name, page.address.replace("\n", ", ")]))
    if place or page.online_url:
        event.add("location", place or page.online_url)
    event.add("url", request.build_absolute_uri(page.url))
    event.add("status", "CANCELLED" if page.cancelled else "CONFIRMED")
    if page.last_published_at:
        event.add("last-modified", page.last_published_at)
    return event


def calendar_response(
    request: HttpRequest, pages: Iterable[EventPage], name: str, filename: str = ""
) -> HttpResponse:
    calendar = Calendar()
    calendar.add("prodid", "-//Townhall//Events//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for page in pages:
        calendar.add_component(_event(request, page))
    calendar.add_missing_timezones()
    pagecache.tag(request, "events")
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename or slugify(name)}.ics"'
    return response
