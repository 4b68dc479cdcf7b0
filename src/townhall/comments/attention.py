"""Comments waiting for a moderator, on the admin dashboard (core.attention)."""

from django.urls import reverse
from django.utils.translation import ngettext

from townhall.comments.models import Comment
from townhall.core.admin_views import scope_to_sections
from townhall.core.attention import Waiting


def waiting(user) -> list[Waiting]:
    if not user.has_perm("comments.change_comment"):
        return []
    queue = reverse("wagtailsnippets_comments_comment:list")
    comments = scope_to_sections(Comment.objects.all(), user)
    # Each count's words come from ngettext, passed as both forms (see core.attention).
    pending = comments.filter(status=Comment.Status.PENDING).count()
    hidden = comments.filter(hidden_for_review=True).count()
    awaiting = ngettext("comment awaiting moderation", "comments awaiting moderation", pending)
    reported = ngettext(
        "comment hidden after readers reported it",
        "comments hidden after readers reported them",
        hidden,
    )
    return [
        Waiting(awaiting, awaiting, pending, f"{queue}?status=pending"),
        Waiting(reported, reported, hidden, f"{queue}?hidden_for_review=true", urgent=True),
    ]
