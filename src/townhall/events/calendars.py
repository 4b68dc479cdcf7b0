"""iCalendar files for one event, an organisation's events and the whole site's."""

import html
from collections.abc import Iterable

from django.http import HttpRequest, HttpResponse
from wagtail.models import Page

from townhall.core import pagecache
from townhall.core.ics import ics_event, ics_response
from townhall.core.sanitise import strip_all


def _event(request: HttpRequest, page: Page):
    place = ", ".join(filter(None, [page.venue_name, page.address.replace("\n", ", ")]))
    return ics_event(
        request,
        f"event-{page.pk}",
        page.starts_at,
        page.ends_at,
        page.title,
        page.url,
        cancelled=page.cancelled,
        description=html.unescape(strip_all(page.description)),
        location=place or page.online_url,
        last_modified=page.last_published_at,
    )


def calendar_response(
    request: HttpRequest, pages: Iterable[Page], name: str, filename: str = ""
) -> HttpResponse:
    pagecache.tag(request, "events")
    return ics_response(name, (_event(request, page) for page in pages), filename)
