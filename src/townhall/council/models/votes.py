"""Recorded votes, shaped as Popolo's: a `RecordedVote` is a VoteEvent on an agenda item,
each `Ballot` one member's Vote, and the counts are worked out from the ballots, so the
totals shown can never disagree with the names."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel

from townhall.council.models.register import AgendaItem, Councillor, Decision


class RecordedVote(ClusterableModel):
    class Result(models.TextChoices):
        # Translators: the result of a vote: the motion was passed
        PASSED = "pass", _("Carried")
        # Translators: the result of a vote: the motion was defeated
        FAILED = "fail", _("Lost")

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="votes")
    motion = models.CharField(max_length=300, help_text=_("What was voted on, as minuted"))
    result = models.CharField(max_length=4, choices=Result.choices)
    casting_vote = models.BooleanField(
        default=False, help_text=_("The votes were tied and the chair's casting vote decided it")
    )
    decision = models.ForeignKey(
        Decision, null=True, blank=True, on_delete=models.SET_NULL, related_name="votes"
    )

    panels = [
        FieldPanel("agenda_item"),
        FieldPanel("motion"),
        FieldPanel("result"),
        FieldPanel("casting_vote"),
        FieldPanel("decision"),
        InlinePanel("ballots", heading=_("How each member voted"), label=_("member's vote")),
    ]

    class Meta:
        ordering = ["agenda_item", "pk"]

    def __str__(self) -> str:
        return f"{self.motion} ({self.get_result_display().lower()})"

    def get_absolute_url(self) -> str:
        return reverse("meeting", args=[self.agenda_item.meeting_id]) + f"#vote-{self.pk}"

    def counts(self) -> dict[str, int]:
        """Popolo's counts: how many chose each option."""
        found = {option: 0 for option in Ballot.Option.values}
        for ballot in self.ballots.all():
            found[ballot.option] += 1
        return found


class Ballot(models.Model):
    class Option(models.TextChoices):
        # Translators: how a member voted: for the motion
        YES = "yes", _("For")
        NO = "no", _("Against")
        ABSTAIN = "abstain", _("Abstained")
        ABSENT = "absent", _("Absent")

    vote = ParentalKey(RecordedVote, on_delete=models.CASCADE, related_name="ballots")
    councillor = models.ForeignKey(Councillor, on_delete=models.CASCADE, related_name="ballots")
    option = models.CharField(max_length=7, choices=Option.choices)

    panels = [FieldPanel("councillor"), FieldPanel("option")]

    class Meta:
        ordering = ["vote", "councillor__name"]
        constraints = [
            models.UniqueConstraint(fields=["vote", "councillor"], name="one_ballot_each")
        ]

    def __str__(self) -> str:
        return f"{self.councillor}: {self.get_option_display()}"
