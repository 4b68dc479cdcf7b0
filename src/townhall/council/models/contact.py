"""Residents writing to their councillors, as WriteToThem does: the message goes by email
once the resident confirms their address, and two weeks later we ask whether they had a
reply. The answers, counted per councillor, are published; the messages never are."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from townhall.core.personal_data import holds_personal_data
from townhall.core.tokens import new_token
from townhall.council.models.register import Councillor


class MessageQuerySet(models.QuerySet):
    def sent(self) -> "MessageQuerySet":
        return self.filter(state=CouncillorMessage.State.SENT)

    def follow_up_due(self, sent_before) -> "MessageQuerySet":
        return self.sent().filter(sent_at__lte=sent_before, follow_up_sent_at__isnull=True)

    def answered(self) -> "MessageQuerySet":
        return self.sent().exclude(replied=CouncillorMessage.Reply.NOT_ASKED)


@holds_personal_data
class CouncillorMessage(models.Model):
    class State(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("Waiting for the writer to confirm their email")
        SENT = "sent", _("Sent to the councillor")

    class Reply(models.TextChoices):
        NOT_ASKED = "", _("Not answered")
        YES = "yes", _("Had a reply")
        NO = "no", _("No reply")

    councillor = models.ForeignKey(Councillor, on_delete=models.CASCADE, related_name="messages")
    # The writer's details go to the councillor (who needs them to act) and nowhere else;
    # they and the message are erased once the follow-up's time has passed.
    name = models.CharField(max_length=100, blank=True)
    email = models.EmailField(max_length=254, blank=True)
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    subject = models.CharField(max_length=150, blank=True)
    body = models.TextField(blank=True)
    state = models.CharField(max_length=12, choices=State.choices, default=State.UNCONFIRMED)
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    follow_up_token = models.CharField(max_length=64, unique=True, default=new_token)
    follow_up_sent_at = models.DateTimeField(null=True, blank=True)
    replied = models.CharField(max_length=3, choices=Reply.choices, blank=True, default="")
    answered_at = models.DateTimeField(null=True, blank=True)
    erased_at = models.DateTimeField(null=True, blank=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["state", "sent_at"], name="council_message_due")]

    def __str__(self) -> str:
        return gettext("Message %(number)s to %(councillor)s") % {
            "number": self.pk,
            "councillor": self.councillor,
        }
