"""Residents' questions to a meeting, and requests to speak at one (deputations): sent
before the committee's deadline, confirmed by email, accepted or refused by an officer with
the reason, published with the agenda once accepted, and answered in writing."""

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from townhall.core.personal_data import holds_personal_data
from townhall.core.tokens import new_token
from townhall.council.models.register import Meeting


class QuestionQuerySet(models.QuerySet):
    def published(self) -> "QuestionQuerySet":
        return self.filter(state__in=PublicQuestion.PUBLISHED_STATES)

    def waiting_for_officers(self) -> "QuestionQuerySet":
        return self.filter(state=PublicQuestion.State.SUBMITTED)


@holds_personal_data
class PublicQuestion(models.Model):
    class Kind(models.TextChoices):
        QUESTION = "question", _("A question for the meeting")
        DEPUTATION = "deputation", _("A request to speak at the meeting (a deputation)")

    class State(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("Waiting for the resident to confirm their email")
        SUBMITTED = "submitted", _("Waiting for an officer")
        ACCEPTED = "accepted", _("Accepted")
        REFUSED = "refused", _("Not accepted")
        ANSWERED = "answered", _("Answered")

    PUBLISHED_STATES = (State.ACCEPTED, State.ANSWERED)

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.QUESTION)
    name = models.CharField(max_length=100, help_text=_("Published with the question"))
    email = models.EmailField(max_length=254, help_text=_("Never published"))
    text = models.TextField(_("question or subject"))
    petition_id = models.PositiveIntegerField(
        null=True, blank=True, help_text=_("The petition a lead petitioner speaks for, if any")
    )
    state = models.CharField(max_length=12, choices=State.choices, default=State.UNCONFIRMED)
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    refusal_reason = models.TextField(blank=True, help_text=_("Sent to the resident"))
    answer = models.TextField(blank=True, help_text=_("Published with the minutes"))
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "submitted_at", "pk"]
        verbose_name = _("public question or deputation")

    def __str__(self) -> str:
        return gettext("%(kind)s for %(meeting)s: %(text)s") % {
            "kind": self.get_kind_display(),
            "meeting": self.meeting,
            "text": self.text[:60],
        }
