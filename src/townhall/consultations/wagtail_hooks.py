from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from townhall.consultations import admin_views
from townhall.core import access


@hooks.register("register_admin_urls")
def urls():
    return [
        path("consultations/", admin_views.index, name="consultation-responses"),
        path("consultations/<id:pk>/", admin_views.analysis, name="consultation-analysis"),
        path("consultations/<id:pk>/moderate/", admin_views.moderate, name="consultation-moderate"),
        path("consultations/<id:pk>/answers/", admin_views.answers, name="consultation-answers"),
        path("consultations/<id:pk>/erase/", admin_views.erase, name="consultation-erase"),
        path(
            "consultations/<id:pk>/files/<id:file_id>/",
            admin_views.download,
            name="consultation-file",
        ),
        path(
            "consultations/<id:pk>/export.<str:kind>",
            admin_views.export,
            name="consultation-export",
        ),
    ]


class ResponsesMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return access.allows(request.user, "consultations.view_consultations")


@hooks.register("register_admin_menu_item")
def menu_item():
    return ResponsesMenuItem(
        _("Consultation responses"), reverse("consultation-responses"), icon_name="form", order=310
    )
