from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# What organisers may do with their own events' answers in the admin (scoped to their
# sections by the views). Granted to groups made before this by migration 0002.
EDITOR_PERMISSIONS = ["events.view_rsvp", "events.change_rsvp", "events.delete_rsvp"]
MODERATOR_PERMISSIONS = ["events.view_rsvp"]


class EventsConfig(AppConfig):
    name = "townhall.events"
    label = "events"
    verbose_name = _("Events")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from townhall.core.services.organisations import ROLE_MODEL_PERMISSIONS
        from townhall.events import signals  # noqa: F401 - connects the handlers

        ROLE_MODEL_PERMISSIONS["editors"] += EDITOR_PERMISSIONS
        ROLE_MODEL_PERMISSIONS["moderators"] += MODERATOR_PERMISSIONS

        from townhall.core import digests, navigation
        from townhall.events import follow_sources

        digests.register("event", follow_sources.event_name, follow_sources.event_news)
        from townhall.core.search.pages import add_page_kind
        from townhall.events.models import EventPage

        add_page_kind("events", _("Events"), 30, EventPage, when=lambda event: event.starts_at)
        navigation.add_main_section(_("Events"), "events", 20, "/events/")
        from townhall.core import attention as dashboard
        from townhall.events import attention

        dashboard.register(attention.waiting)
        from townhall.core import organising
        from townhall.events import organising as figures

        organising.register(40, figures.events_section)
