from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from townhall.core import access, admin_emails, admin_organising, attention, pagecache
from townhall.core.admin_views import (
    PageSectionScopeMixin,
    ScopedIndexView,
    ScopedInspectView,
    ScopedViewSetMixin,
)
from townhall.core.models import Organisation, PageFeedback, SignLanguageVideo
from townhall.core.services.organisations import organisations_for_user
from townhall.core.translation_admin import TranslatePageView


class FeedbackIndexView(PageSectionScopeMixin, ScopedIndexView):
    pass


class FeedbackInspectView(PageSectionScopeMixin, ScopedInspectView):
    pass


class PageFeedbackViewSet(ScopedViewSetMixin, ModelViewSet):
    page_field = "page"
    model = PageFeedback
    icon = "comment"
    menu_label = _("Page feedback")
    add_to_admin_menu = True
    index_view_class = FeedbackIndexView
    inspect_view_class = FeedbackInspectView
    inspect_view_enabled = True
    list_display = ["path", "kind", "what_went_wrong", "created_at"]
    list_filter = ["kind"]
    list_export = ["path", "kind", "what_doing", "what_went_wrong", "created_at"]
    export_filename = "page-feedback"
    form_fields = ["kind"]


class SignLanguageVideoIndexView(PageSectionScopeMixin, ScopedIndexView):
    pass


class SignLanguageVideoViewSet(ScopedViewSetMixin, ModelViewSet):
    """Editors' sign language videos, on their own section's pages (core.other_versions)."""

    page_field = "page"
    model = SignLanguageVideo
    icon = "media"
    menu_label = _("Sign language videos")
    add_to_admin_menu = True
    index_view_class = SignLanguageVideoIndexView
    list_display = ["title", "page"]
    search_fields = ["title"]
    search_backend_name = None  # plain database lookups


class NoAddOrDeletePolicy(ModelPermissionPolicy):
    """An organisation is made by adding its home page, and goes with that page: see
    campaigns.wagtail_hooks. So nobody adds or deletes one here, not even an admin."""

    def user_has_permission(self, user, action):
        return action not in {"add", "delete"} and super().user_has_permission(user, action)


register_permission_policy(Organisation, NoAddOrDeletePolicy(Organisation))


class OrganisationViewSet(ModelViewSet):
    model = Organisation
    copy_view_enabled = False
    icon = "group"
    add_to_admin_menu = True
    menu_label = _("Organisations")
    list_display = ["name", "kind", "home_page"]
    form_fields = ["name", "kind", "consent_wording", "postal_address", "reply_to_email"]
    list_filter = ["kind"]


@hooks.register("before_serve_page")
def tag_page_for_cache(page, request, serve_args, serve_kwargs) -> None:
    pagecache.tag(request, pagecache.page_tag(page.pk))


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [
        PageFeedbackViewSet("page_feedback"),
        OrganisationViewSet("organisations"),
        SignLanguageVideoViewSet("sign_language_videos"),
    ]


class EmailQueueMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return access.allows(request.user, admin_emails.VIEW)


@hooks.register("register_admin_menu_item")
def email_queue_menu_item():
    return EmailQueueMenuItem(
        _("Email queue"), reverse("email-queue"), icon_name="mail", order=9000
    )


@hooks.register("register_admin_urls")
def translate_page_url():
    """simple_translation's own address for "Translate", answered first by core's view
    (translation_admin.TranslatePageView): core's hooks are registered before its."""
    return [
        path(
            "translation/submit/page/<id:page_id>/",
            TranslatePageView.as_view(),
            name="townhall_translate_page",
        )
    ]


@hooks.register("register_admin_urls")
def email_queue_urls():
    return [
        path("emails/", admin_emails.queue, name="email-queue"),
        path("emails/resend/", admin_emails.resend, name="email-resend"),
        path("emails/<uuid:pk>/", admin_emails.email_detail, name="email-detail"),
        path("organising/<slug:slug>/", admin_organising.dashboard, name="organiser-dashboard"),
    ]


class AttentionPanel(Component):
    """The dashboard's first panel: what is waiting for this user (core.attention)."""

    name = "attention"
    template_name = "core/admin/attention_panel.html"
    order = 10

    def __init__(self, waiting) -> None:
        self.waiting = waiting
        self.groups: list[dict] = []

    def get_context_data(self, parent_context=None) -> dict:
        return {"waiting": self.waiting, "groups": self.groups}


@hooks.register("construct_homepage_panels")
def add_attention_panel(request, panels) -> None:
    panel = AttentionPanel(attention.waiting_for(request.user))
    # Links to each of the user's groups' dashboards (core.organising), campaigns first.
    panel.groups = list(
        organisations_for_user(request.user).order_by("kind", "name").values("slug", "name")
    )
    panels.insert(0, panel)
