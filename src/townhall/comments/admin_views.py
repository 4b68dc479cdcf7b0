"""The moderation queue's own screens: one comment's actions, a reply, and bulk actions."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from townhall.comments import services
from townhall.comments.models import Comment
from townhall.core import access
from townhall.core.feedback_forms import same_site_path

ACTION_LABELS = {
    "approve": gettext_lazy("Approve"),
    "unapprove": gettext_lazy("Unapprove"),
    "spam": gettext_lazy("Mark as spam"),
    "trash": gettext_lazy("Move to trash"),
}


def moderatable(request: HttpRequest, pk: int) -> Comment:
    return access.get_or_404(request.user, "comments.change_comment", Comment, pk=pk)


def _next_url(request: HttpRequest) -> str:
    """Where to go back to: a path on this site, else the moderation queue."""
    return same_site_path(
        request.POST.get("next") or request.GET.get("next"),
        default=reverse("wagtailsnippets_comments_comment:list"),
    )


def moderate(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in services.MODERATION_ACTIONS:
        raise Http404("No such action.")
    comment = moderatable(request, pk)
    if request.method == "POST":
        services.moderate(comment, action, request.user)
        messages.success(
            request,
            _("%(action)s: comment by %(name)s.")
            % {"action": ACTION_LABELS[action], "name": comment.author_name},
        )
        return redirect(_next_url(request))
    return TemplateResponse(
        request,
        "comments/admin/confirm.html",
        {
            "comment": comment,
            "action": action,
            "label": ACTION_LABELS[action],
            "next": _next_url(request),
        },
    )


def reply(request: HttpRequest, pk: int) -> HttpResponse:
    comment = moderatable(request, pk)
    error = ""
    if request.method == "POST":
        content = request.POST.get("content", "").strip()
        if content and len(content) <= 65525:
            services.reply_as_moderator(comment, request.user, content)
            messages.success(request, _("Replied to %(name)s.") % {"name": comment.author_name})
            return redirect(_next_url(request))
        error = _("Enter your reply") if not content else _("Your reply is too long")
    return TemplateResponse(
        request,
        "comments/admin/reply.html",
        {
            "comment": comment,
            "error": error,
            "next": _next_url(request),
            "content": request.POST.get("content", ""),
        },
    )


class ModerationBulkAction(SnippetBulkAction):
    """Approve, unapprove, spam or trash many comments at once, within the user's sections."""

    models = [Comment]
    template_name = "comments/admin/confirm_bulk.html"
    moderation_action = ""

    def check_perm(self, comment: Comment) -> bool:
        return access.allows(self.request.user, "comments.change_comment", comment)

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        for comment in objects:
            services.moderate(comment, cls.moderation_action, user)
        return len(objects), 0

    def get_execution_context(self):
        return {"user": self.request.user}

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(action)s: %(count)s comment.", "%(action)s: %(count)s comments.", num_parent_objects
        ) % {"action": ACTION_LABELS[self.moderation_action], "count": num_parent_objects}


def _selected(name: str) -> str:
    return _("%(action)s: selected comments") % {"action": ACTION_LABELS[name]}


def bulk_action(name: str, priority: int):
    return type(
        f"{name.title()}BulkAction",
        (ModerationBulkAction,),
        {
            "display_name": ACTION_LABELS[name],
            "action_type": name,
            "aria_label": lazy(_selected, str)(name),  # translated when shown
            "moderation_action": name,
            "action_priority": priority,
        },
    )


BULK_ACTIONS = [bulk_action(name, 10 + i) for i, name in enumerate(ACTION_LABELS)]
