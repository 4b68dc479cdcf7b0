"""Grants in the admin: rounds and applications for staff and approvers, and the awards
list (awards come from approved applications, or staff record earlier ones by hand)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet

from townhall.core import access
from townhall.grants import admin_views
from townhall.grants.models import Award


class AwardViewSet(ModelViewSet):
    model = Award
    icon = "pick"
    menu_label = _("Grant awards")
    add_to_admin_menu = True
    form_fields = [
        *("scheme", "round", "title", "description", "recipient_type", "recipient_name"),
        *("recipient_org_id", "amount", "awarded_on", "ward", "published"),
    ]
    list_display = ["title", "recipient_name", "amount", "awarded_on", "published"]
    list_filter = ["scheme", "published"]
    search_backend_name = None


@hooks.register("register_admin_viewset")
def register_viewset():
    return AwardViewSet()


@hooks.register("register_admin_urls")
def urls():
    return [
        path("grants/", admin_views.rounds, name="grant-rounds"),
        path("grants/rounds/<id:pk>/", admin_views.round_overview, name="grant-round"),
        path(
            "grants/rounds/<id:pk>/assessors/<id:assessor_id>/remove/",
            admin_views.remove_assessor,
            name="grant-remove-assessor",
        ),
        path(
            "grants/rounds/<id:pk>/release/",
            admin_views.release_scores,
            name="grant-release-scores",
        ),
        path(
            "grants/applications/<id:pk>/",
            admin_views.application_detail,
            name="grant-application-admin",
        ),
        path("grants/applications/<id:pk>/act/", admin_views.act, name="grant-act"),
        path(
            "grants/applications/<id:pk>/payments/<id:payment_id>/paid/",
            admin_views.mark_paid,
            name="grant-mark-paid",
        ),
        path(
            "grants/applications/<id:pk>/reports/<id:report_id>/accept/",
            admin_views.accept_report,
            name="grant-accept-report",
        ),
        path(
            "grants/applications/<id:pk>/files/<id:file_id>/",
            admin_views.attachment,
            name="grant-file-admin",
        ),
    ]


class ApplicationsMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return access.allows(request.user, "grants.view_rounds")


@hooks.register("register_admin_menu_item")
def menu_item():
    return ApplicationsMenuItem(
        _("Grant applications"), reverse("grant-rounds"), icon_name="form", order=320
    )
