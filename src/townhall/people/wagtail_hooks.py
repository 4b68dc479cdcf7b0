from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from townhall.core.admin_views import (
    ScopedDeleteView,
    ScopedIndexView,
    ScopedInspectView,
    ScopedViewSetMixin,
)
from townhall.people.models import Supporter


class SupporterViewSet(ScopedViewSetMixin, ModelViewSet):
    """Organisers see, filter and export (CSV or Excel) their own organisation's supporters."""

    model = Supporter
    icon = "user"
    menu_label = "Supporters"
    add_to_admin_menu = True
    index_view_class = ScopedIndexView
    inspect_view_class = ScopedInspectView
    delete_view_class = ScopedDeleteView
    inspect_view_enabled = True
    list_display = ["name", "email", "postcode", "organisation", "status", "joined_at"]
    list_filter = ["status", "organisation", "consent_to_contact"]
    search_fields = ["name", "email", "postcode"]
    search_backend_name = None  # plain database lookups: supporters are not in the site index
    list_export = [
        "name",
        "email",
        "postcode",
        "organisation",
        "status",
        "consent_to_contact",
        "consent_wording",
        "joined_at",
        "confirmed_at",
        "unsubscribed_at",
    ]
    export_filename = "supporters"
    form_fields = ["name", "postcode", "consent_to_contact"]


@hooks.register("register_admin_viewset")
def register_viewsets():
    return SupporterViewSet("supporters")
