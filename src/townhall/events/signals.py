"""Publishing an event tells its attendees what changed, and refreshes the site's lists."""

from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from townhall.core import pagecache
from townhall.events.models import EventPage

EVENTS_TAG = "events"  # the site-wide lists, calendar and feed


@receiver(page_published, sender=EventPage)
def _event_published(sender, instance: EventPage, **kwargs) -> None:
    from townhall.events import services

    services.published(instance)
    pagecache.invalidate(EVENTS_TAG)


@receiver(page_unpublished, sender=EventPage)
def _event_unpublished(sender, instance: EventPage, **kwargs) -> None:
    pagecache.invalidate(EVENTS_TAG)
