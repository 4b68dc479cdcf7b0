"""Columns of the moderation queue: the comment with what it replies to, and a one-click
Approve for a comment waiting for moderation (a POST form, so no confirmation page)."""

from django.middleware.csrf import get_token
from django.urls import reverse
from wagtail.admin.ui.tables import Column

from townhall.comments.models import Comment


class CommentWithParentColumn(Column):
    cell_template_name = "comments/admin/comment_cell.html"

    def get_cell_context_data(self, instance: Comment, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["parent"] = instance.parent
        return context


class ApproveColumn(Column):
    cell_template_name = "comments/admin/approve_cell.html"

    def get_cell_context_data(self, instance: Comment, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        waiting = instance.status == Comment.Status.PENDING or instance.hidden_for_review
        context.update(
            waiting=waiting,
            action=reverse("comments_moderate", args=[instance.pk, "approve"]),
            next=request.get_full_path() if request else "",
            csrf_token=get_token(request) if request else "",
        )
        return context
