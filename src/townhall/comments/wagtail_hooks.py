from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
    SnippetCreateView,
)
from wagtail.snippets.views.snippets import DeleteView, EditView, IndexView, SnippetViewSet

from townhall.comments import admin_views
from townhall.comments.admin_columns import ApproveColumn, CommentWithParentColumn
from townhall.comments.models import Comment, CommentPolicy
from townhall.core import access
from townhall.core.admin_views import (
    PageSectionScopeMixin,
    RuleRequiredMixin,
    ScopedIndexView,
    ScopedViewSetMixin,
    scope_to_sections,
)


class CommentQueueView(PageSectionScopeMixin, IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("parent")  # "in reply to"

    def get_list_buttons(self, instance: Comment):
        buttons = super().get_list_buttons(instance)
        next_url = self.request.get_full_path()
        actions = {
            Comment.Status.PENDING: ["approve", "spam", "trash"],
            Comment.Status.APPROVED: ["unapprove", "spam", "trash"],
            Comment.Status.SPAM: ["approve", "trash"],
            Comment.Status.TRASH: ["approve", "spam"],
        }[instance.status]
        if instance.hidden_for_review:
            actions = ["approve", "trash"]
        for action in actions:
            url = reverse("comments_moderate", args=[instance.pk, action])
            buttons.insert(
                0, ListingButton(admin_views.ACTION_LABELS[action], url=f"{url}?next={next_url}")
            )
        reply_url = reverse("comments_reply", args=[instance.pk])
        buttons.insert(0, ListingButton(_("Reply"), url=f"{reply_url}?next={next_url}"))
        return buttons


class ScopedCommentEditView(PageSectionScopeMixin, EditView):
    def get_object(self, queryset=None):
        return super().get_object(self.scope(Comment.objects.all()))


class ScopedCommentDeleteView(PageSectionScopeMixin, DeleteView):
    def get_object(self, queryset=None):
        if getattr(self, "object", None):
            return self.object
        return super().get_object(self.scope(Comment.objects.all()))


class CommentSectionPolicy(ModelPermissionPolicy):
    """A moderator's or editor's permissions on comments hold only for comments on their own
    organisations' pages. Every view and bulk action Wagtail offers for snippets (its own
    bulk delete among them) asks this policy about each comment."""

    def user_has_permission_for_instance(self, user, action, instance) -> bool:
        return user.has_perm(f"comments.{action}_comment", instance)

    def instances_user_has_permission_for(self, user, action):
        if not self.user_has_permission(user, action):
            return Comment.objects.none()
        return scope_to_sections(Comment.objects.all(), user)


register_permission_policy(Comment, CommentSectionPolicy(Comment))


MODERATE = "comments.change_comment"


class ScopedChooseView(RuleRequiredMixin, PageSectionScopeMixin, ChooseView):
    required_rule = MODERATE

    def get_object_list(self):
        return self.scope(super().get_object_list())


class ScopedChooseResultsView(RuleRequiredMixin, PageSectionScopeMixin, ChooseResultsView):
    required_rule = MODERATE

    def get_object_list(self):
        return self.scope(super().get_object_list())


class ScopedChosenView(RuleRequiredMixin, SnippetChosenView):
    required_rule = MODERATE

    def get_object(self, pk):
        return access.get_or_404(self.request.user, MODERATE, Comment, pk=pk)


class ScopedChosenMultipleView(RuleRequiredMixin, PageSectionScopeMixin, SnippetChosenMultipleView):
    required_rule = MODERATE

    def get_objects(self, pks):
        return self.scope(Comment.objects.filter(pk__in=pks))


class NoCreateView(RuleRequiredMixin, SnippetCreateView):
    required_rule = "comments.create_in_admin"


class CommentChooserViewSet(SnippetChooserViewSet):
    """Only moderators and editors choose comments, and only their organisations' ones."""

    choose_view_class = ScopedChooseView
    choose_results_view_class = ScopedChooseResultsView
    chosen_view_class = ScopedChosenView
    chosen_multiple_view_class = ScopedChosenMultipleView
    create_view_class = NoCreateView


class CommentViewSet(ScopedViewSetMixin, SnippetViewSet):
    """The moderation queue: pending comments first, each with its actions. Every view of
    one comment (its history and usage too, which name its author) asks the comments rule."""

    model = Comment
    icon = "comment"
    menu_label = gettext_lazy("Comments")
    menu_order = 150
    add_to_admin_menu = True
    index_view_class = CommentQueueView
    edit_view_class = ScopedCommentEditView
    delete_view_class = ScopedCommentDeleteView
    chooser_viewset_class = CommentChooserViewSet
    page_field = "page"
    list_display = [
        "author_name",
        CommentWithParentColumn("content", label=gettext_lazy("Comment")),
        "page",
        "status",
        "hidden_for_review",
        "created_at",
        ApproveColumn("approve", label=gettext_lazy("Approve"), accessor="pk"),
    ]
    list_filter = ["status", "hidden_for_review"]
    search_fields = ["author_name", "author_email", "content"]
    search_backend_name = None
    ordering = ["status", "-created_at"]
    copy_view_enabled = False
    form_fields = ["author_name", "author_url", "content", "status"]

    @property
    def menu_url(self) -> str:
        """The menu opens on the queue: comments awaiting moderation."""
        return reverse(self.get_url_name("list")) + "?status=pending"


class CommentPolicyViewSet(ScopedViewSetMixin, ModelViewSet):
    """Each organisation's discussion settings, for its editors."""

    model = CommentPolicy
    icon = "cog"
    menu_label = gettext_lazy("Comment settings")
    add_to_settings_menu = True
    index_view_class = ScopedIndexView
    list_display = ["organisation", "manual_moderation", "max_links", "close_after_days"]
    copy_view_enabled = False


@hooks.register("register_admin_viewset")
def register_viewsets():
    return CommentPolicyViewSet("comment_settings")


register_snippet(CommentViewSet)


@hooks.register("register_admin_urls")
def register_moderation_urls():
    return [
        path(
            "comments/moderate/<id:pk>/<str:action>/",
            admin_views.moderate,
            name="comments_moderate",
        ),
        path("comments/reply/<id:pk>/", admin_views.reply, name="comments_reply"),
    ]


for action_class in admin_views.BULK_ACTIONS:
    hooks.register("register_bulk_action", action_class)
