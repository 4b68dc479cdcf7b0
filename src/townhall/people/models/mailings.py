"""Mailings: an organisation's email to those of its people who agree to receive it, and
what became of each copy."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField

from townhall.core.personal_data import holds_personal_data
from townhall.core.tokens import new_token
from townhall.people.models.persons import Person
from townhall.people.models.segments import Segment

MAILING_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "hr"]


class Mailing(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        AWAITING_APPROVAL = "awaiting_approval", _("Waiting for a second editor's approval")
        SCHEDULED = "scheduled", _("Scheduled")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        CANCELLED = "cancelled", _("Cancelled")

    EDITABLE_STATES = (State.DRAFT, State.AWAITING_APPROVAL)
    # Ready for the send task: it begins a scheduled mailing when due, goes on with one
    # being sent (after a worker restart too), and leaves every other state alone.
    SENDABLE_STATES = (State.SCHEDULED, State.SENDING)

    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.CASCADE, related_name="mailings"
    )
    segment = models.ForeignKey(
        Segment,
        on_delete=models.PROTECT,  # a mailing's results say whom it was for
        null=True,
        blank=True,
        related_name="mailings",
        help_text=_("Leave empty to write to everyone in the organisation who agrees to emails"),
    )
    subject = models.CharField(max_length=150)
    body = RichTextField(features=MAILING_FEATURES)
    state = models.CharField(max_length=20, choices=State.choices, default=State.DRAFT)
    send_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        permissions = [("send_mailing", "Can send a mailing or approve another editor's")]

    def __str__(self) -> str:
        return self.subject

    @property
    def is_editable(self) -> bool:
        return self.state in self.EDITABLE_STATES


@holds_personal_data
class Recipient(models.Model):
    """One copy of a mailing: to whom, and what happened to it. The token in its links
    (unsubscribe, clicks) says which copy without saying who."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        BOUNCED = "bounced", _("Bounced")
        COMPLAINED = "complained", _("Marked as spam")
        SKIPPED = "skipped", _("Not sent: consent withdrawn before sending")

    CLAIMABLE_STATES = (State.QUEUED, State.SENDING)  # SENDING only once its lease is over
    DELIVERED_STATES = (State.SENT, State.BOUNCED, State.COMPLAINED)

    mailing = models.ForeignKey(Mailing, on_delete=models.CASCADE, related_name="recipients")
    person = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="mailings"
    )
    email = models.EmailField(blank=True, help_text=_("Emptied when the person is erased"))
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    state = models.CharField(max_length=12, choices=State.choices, default=State.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    lease_until = models.DateTimeField(null=True, blank=True)
    claim = models.CharField(max_length=32, blank=True, help_text=_("The batch that took it"))
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)
    first_clicked_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["mailing", "person"], name="one_copy_per_person")
        ]
        indexes = [models.Index(fields=["mailing", "state"])]

    def __str__(self) -> str:
        return f"Copy {self.pk} of {self.mailing}"

    @property
    def message_id(self) -> str:
        return f"<mailing-{self.mailing_id}.{self.pk}@{settings.TOWNHALL_EMAIL_DOMAIN}>"


class MailingLink(models.Model):
    """A link in a mailing, counted when followed through Townhall's redirect (no
    tracking pixel: decision 16)."""

    mailing = models.ForeignKey(Mailing, on_delete=models.CASCADE, related_name="links")
    position = models.PositiveSmallIntegerField()
    url = models.URLField(max_length=2000)
    clicks = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["mailing", "position"], name="one_link_per_position")
        ]

    def __str__(self) -> str:
        return self.url
