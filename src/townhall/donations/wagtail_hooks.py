from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from townhall.core import access
from townhall.core.admin_views import (
    RefusedActionsPolicy,
    ScopedDeleteView,
    ScopedIndexView,
    ScopedInspectView,
    ScopedViewSetMixin,
)
from townhall.donations import admin_views
from townhall.donations.models import Donation

# A donation is what the payment provider said: looked at, exported, erased on request.
register_permission_policy(Donation, RefusedActionsPolicy(Donation, ("add", "change")))


class DonationViewSet(ScopedViewSetMixin, ModelViewSet):
    model = Donation
    icon = "pick"
    menu_label = _("Donations")
    add_to_admin_menu = True
    index_view_class = ScopedIndexView
    inspect_view_class = ScopedInspectView
    delete_view_class = ScopedDeleteView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["__str__", "amount", "frequency", "state", "organisation", "paid_at"]
    list_filter = ["organisation", "state", "frequency"]
    search_fields = ["name", "email"]
    search_backend_name = None
    form_fields = ["name"]  # never shown: nobody may add or change a donation
    list_export = [
        "pk",
        "name",
        "email",
        "amount",
        "frequency",
        "state",
        "organisation",
        "gift_aid",
        "created_at",
        "paid_at",
        "refunded_at",
    ]
    export_headings = {"pk": _("Reference"), "gift_aid": _("Gift Aid declaration")}
    export_filename = "donations"

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("gift-aid/", admin_views.gift_aid_claim, name="gift_aid"),
        ]


class GiftAidMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return access.allows(request.user, "donations.claim_gift_aid")


@hooks.register("register_admin_viewset")
def register_viewsets():
    return DonationViewSet("donations")


@hooks.register("register_settings_menu_item")
def gift_aid_menu_item():
    return GiftAidMenuItem(_("Gift Aid claim"), reverse("donations:gift_aid"), icon_name="download")
