from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "townhall.comments"
    label = "comments"
    verbose_name = _("Comments")

    def ready(self) -> None:
        from townhall.comments import signals  # noqa: F401
        from townhall.core.services.organisations import ROLE_MODEL_PERMISSIONS

        # Editors and moderators both moderate their organisation's comments; editors also
        # change its comment settings.
        moderation = ["comments.view_comment", "comments.change_comment", "comments.delete_comment"]
        ROLE_MODEL_PERMISSIONS["moderators"] += moderation
        ROLE_MODEL_PERMISSIONS["editors"] += [
            *moderation,
            "comments.view_commentpolicy",
            "comments.change_commentpolicy",
        ]
        from townhall.comments import attention
        from townhall.core import attention as dashboard

        dashboard.register(attention.waiting)
