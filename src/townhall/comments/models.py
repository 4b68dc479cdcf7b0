from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from townhall.core.personal_data import holds_personal_data


class CommentPolicy(models.Model):
    """An organisation's discussion settings, as WordPress's Settings > Discussion has them."""

    organisation = models.OneToOneField(
        "core.Organisation", on_delete=models.CASCADE, related_name="comment_policy"
    )
    manual_moderation = models.BooleanField(_("hold every comment for approval"), default=False)
    max_links = models.PositiveSmallIntegerField(
        _("hold a comment with this many links or more"), default=2
    )
    moderation_keys = models.TextField(
        _("hold comments containing"),
        blank=True,
        help_text=_(
            "One word, name, address or IP per line; matched in the author, email, "
            "website, text, IP address and browser name."
        ),
    )
    disallowed_keys = models.TextField(
        _("send comments containing these to spam"),
        blank=True,
        help_text=_("One per line, matched in the same places."),
    )
    close_after_days = models.PositiveSmallIntegerField(
        _("close comments on posts older than (days)"),
        null=True,
        blank=True,
        help_text=_("Leave empty to keep comments open."),
    )
    thread_depth = models.PositiveSmallIntegerField(
        _("replies nest this many levels deep"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    per_page = models.PositiveSmallIntegerField(
        _("top-level comments per page"),
        default=50,
        validators=[MinValueValidator(5), MaxValueValidator(500)],
    )
    reports_to_hide = models.PositiveSmallIntegerField(
        _("hide a comment after this many reports"),
        default=3,
        validators=[MinValueValidator(1)],
    )

    panels = [
        FieldPanel("manual_moderation"),
        FieldPanel("max_links"),
        MultiFieldPanel(
            [FieldPanel("moderation_keys"), FieldPanel("disallowed_keys")],
            heading=_("Word lists"),
        ),
        FieldPanel("close_after_days"),
        FieldPanel("thread_depth"),
        FieldPanel("per_page"),
        FieldPanel("reports_to_hide"),
    ]

    class Meta:
        verbose_name = _("comment settings")
        verbose_name_plural = _("comment settings")

    def __str__(self) -> str:
        return gettext("Comment settings for %(organisation)s") % {
            "organisation": self.organisation
        }


@holds_personal_data
class Comment(models.Model):
    """A reader's comment on a page. The email address is never shown in public."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting moderation")
        APPROVED = "approved", pgettext_lazy("a comment's status", "Approved")
        SPAM = "spam", pgettext_lazy("a comment's status", "Spam")
        TRASH = "trash", pgettext_lazy("a comment's status", "Trash")

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    root = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The top-level comment of this thread; empty for a top-level comment."),
    )
    depth = models.PositiveSmallIntegerField(default=1)
    author_name = models.CharField(_("name"), max_length=245)
    author_email = models.EmailField(_("email"), max_length=100)
    author_url = models.URLField(_("website"), max_length=200, blank=True)
    content = models.TextField(max_length=65525, help_text=_("As written; shown sanitised."))
    content_html = models.TextField(editable=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=255, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Set when a moderator replied from the admin."),
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    report_count = models.PositiveIntegerField(default=0)
    hidden_for_review = models.BooleanField(
        default=False, help_text=_("Hidden from readers after too many reports, until reviewed.")
    )

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["page", "status", "created_at"])]

    def __str__(self) -> str:
        return gettext("%(name)s on %(title)s") % {
            "name": self.author_name,
            "title": self.page.title,
        }

    def save(self, *args, **kwargs) -> None:
        from townhall.core.sanitise import clean_comment

        self.content_html = clean_comment(self.content)
        super().save(*args, **kwargs)

    @property
    def is_visible(self) -> bool:
        return self.status == self.Status.APPROVED and not self.hidden_for_review


class CommentEvent(models.Model):
    """Append-only history of what happened to a comment, and who did it."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=30)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.action} at {self.at:%Y-%m-%d %H:%M}"


class CommentReport(models.Model):
    """A reader's report that a comment breaks the rules; one per browser per comment."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    reporter = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["comment", "reporter"], name="one_report_per_browser")
        ]

    def __str__(self) -> str:
        return gettext("Report on comment %(pk)s") % {"pk": self.comment_id}
