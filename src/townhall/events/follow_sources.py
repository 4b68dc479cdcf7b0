"""Following an event: changes to it since a time (moved, cancelled), for digests."""

from datetime import datetime

from django.conf import settings
from django.utils.translation import pgettext

from townhall.core.digests import DigestItem
from townhall.events.models import EventPage


def event_name(target_id: int) -> str | None:
    return (
        EventPage.objects.live()
        .public()
        .filter(pk=target_id)
        .values_list("title", flat=True)
        .first()
    )


def event_news(target_id: int, since: datetime) -> list[DigestItem]:
    event = EventPage.objects.live().public().filter(pk=target_id).first()
    if event is None or not event.last_published_at or event.last_published_at <= since:
        return []
    if event.cancelled:
        what = pgettext("an event, in a digest", "Cancelled")
    else:
        what = pgettext("an event, in a digest", "Updated")
    return [
        DigestItem(
            what, event.title, settings.TOWNHALL_BASE_URL + event.url, event.last_published_at
        )
    ]
