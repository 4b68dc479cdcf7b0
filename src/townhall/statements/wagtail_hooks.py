from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem

from townhall.core import access
from townhall.core.services.organisations import organisations_for_user
from townhall.statements import admin_views
from townhall.statements.models import JointStatementPage


class InviteButton(PageMenuItem):
    label = _("Invite organisations to co-sign")
    icon_name = "group"
    priority = 80

    @property
    def url(self) -> str:
        return reverse("statement-invite", args=[self.page.pk])

    def is_shown(self, user) -> bool:
        return access.allows(user, "statements.invite_cosigners", self.page)


class InvitationsMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return organisations_for_user(request.user).exists()


@hooks.register("register_page_header_buttons")
def statement_buttons(page, user, view_name, next_url=None):
    if isinstance(page.specific_deferred, JointStatementPage):
        yield InviteButton(page=page)


@hooks.register("register_admin_menu_item")
def invitations_menu_item():
    return InvitationsMenuItem(
        _("Invitations to co-sign"), reverse("statement-invitations"), icon_name="group", order=900
    )


@hooks.register("register_admin_urls")
def admin_urls():
    return [
        path("statements/<id:pk>/invite/", admin_views.invite, name="statement-invite"),
        path("statements/invitations/", admin_views.invitations, name="statement-invitations"),
        path(
            "statements/invitations/<id:pk>/answer/",
            admin_views.answer,
            name="statement-invitation-answer",
        ),
    ]
