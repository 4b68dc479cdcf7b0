from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.viewsets.model import ModelViewSet

from townhall.core import access
from townhall.core.admin_views import (
    PageSectionScopeMixin,
    ScopedDeleteView,
    ScopedIndexView,
    ScopedInspectView,
    ScopedViewSetMixin,
)
from townhall.events import admin_views
from townhall.events.models import EventPage, Rsvp


class RsvpIndexView(PageSectionScopeMixin, ScopedIndexView):
    page_field = "event"


class RsvpInspectView(PageSectionScopeMixin, ScopedInspectView):
    page_field = "event"


class RsvpDeleteView(PageSectionScopeMixin, ScopedDeleteView):
    page_field = "event"


class RsvpViewSet(ScopedViewSetMixin, ModelViewSet):
    """Organisers see and export who is coming to their own organisation's events."""

    page_field = "event"
    model = Rsvp
    icon = "date"
    menu_label = _("Event answers")
    add_to_admin_menu = True
    index_view_class = RsvpIndexView
    inspect_view_class = RsvpInspectView
    delete_view_class = RsvpDeleteView
    inspect_view_enabled = True
    list_display = ["name", "email", "event", "state", "guests", "created_at"]
    list_filter = ["state", "event"]
    search_fields = ["name", "email"]
    search_backend_name = None  # plain database lookups: answers are not in the site index
    list_export = ["event", "name", "email", "guests", "state", "hide_name", "confirmed_at"]
    export_filename = "event-answers"
    form_fields = ["name", "hide_name"]


class EmailAttendeesButton(PageMenuItem):
    label = _("Email the people coming")
    icon_name = "mail"
    priority = 80

    @property
    def url(self) -> str:
        return reverse("event-email-attendees", args=[self.page.pk])

    def is_shown(self, user) -> bool:
        return access.allows(user, "events.email_attendees", self.page)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return RsvpViewSet("event_answers")


@hooks.register("register_page_header_buttons")
def event_buttons(page, user, view_name, next_url=None):
    if isinstance(page.specific_deferred, EventPage):
        yield EmailAttendeesButton(page=page)


@hooks.register("register_admin_urls")
def admin_urls():
    return [
        path(
            "events/<id:pk>/email/",
            admin_views.email_attendees,
            name="event-email-attendees",
        )
    ]
