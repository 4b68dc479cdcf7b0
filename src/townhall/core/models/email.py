"""An email on its way: the durable record behind every message the site sends.

The row is written in the same transaction as what the email is about (a signature, an
answer), so it exists exactly when that does. Delivery claims it with a lease, sends it once
under a stable Message-ID and records the outcome; a failure is retried with backoff until
the retry window closes, and then the email is marked failed for an officer to resend.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EmailQuerySet(models.QuerySet):
    def pending(self) -> "EmailQuerySet":
        """Still to be sent: waiting for its first try, between tries, or being sent."""
        return self.filter(status__in=Email.PENDING_STATES)

    def due(self) -> "EmailQuerySet":
        """May be claimed now: waiting and due, or being sent under a lease that ran out."""
        now = timezone.now()
        return self.filter(
            models.Q(status__in=Email.WAITING_STATES, next_attempt_at__lte=now)
            | models.Q(status=Email.Status.SENDING, lease_until__lt=now)
        )


class Email(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        RETRYING = "retrying", _("Retrying")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    WAITING_STATES = (Status.QUEUED, Status.RETRYING)
    PENDING_STATES = (*WAITING_STATES, Status.SENDING)

    # The id is also the Message-ID, so a receiving server can tell a repeat from a new email.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    to = models.EmailField(max_length=254)
    subject = models.CharField(max_length=998)
    body = models.TextField()
    html = models.TextField(blank=True, help_text=_("An HTML part beside the plain text, if any"))
    headers = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    give_up_at = models.DateTimeField()
    lease_until = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    # The database task that will next try it: a sweep re-queues emails whose task is gone.
    task_id = models.UUIDField(null=True, blank=True)

    objects = EmailQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]
        permissions = [("resend_email", "Can resend an email that failed")]

    def __str__(self) -> str:
        return self.subject

    def save(self, *args, **kwargs) -> None:
        if self.give_up_at is None:
            self.give_up_at = self.created_at + settings.TOWNHALL_EMAIL_RETRY_WINDOW
        super().save(*args, **kwargs)

    @property
    def message_id(self) -> str:
        return f"<{self.pk}@{settings.TOWNHALL_EMAIL_DOMAIN}>"

    @property
    def masked_to(self) -> str:
        """The recipient as officers see it: enough to tell two apart, not to write to."""
        local, _, domain = self.to.partition("@")
        return f"{local[:1]}•••@{domain}"
