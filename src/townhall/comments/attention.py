"""Comments waiting for a moderator, on the admin dashboard (core.attention)."""

from django.urls import reverse

from townhall.comments.models import Comment
from townhall.core.admin_views import scope_to_sections
from townhall.core.attention import Waiting


def waiting(user) -> list[Waiting]:
    if not user.has_perm("comments.change_comment"):
        return []
    queue = reverse("wagtailsnippets_comments_comment:list")
    comments = scope_to_sections(Comment.objects.all(), user)
    return [
        Waiting(
            "comment awaiting moderation",
            "comments awaiting moderation",
            comments.filter(status=Comment.Status.PENDING).count(),
            f"{queue}?status=pending",
        ),
        Waiting(
            "comment hidden after readers reported it",
            "comments hidden after readers reported them",
            comments.filter(hidden_for_review=True).count(),
            f"{queue}?hidden_for_review=true",
            urgent=True,
        ),
    ]
