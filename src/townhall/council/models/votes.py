"""Recorded votes, shaped as Popolo's: a `RecordedVote` is a VoteEvent on an agenda item,
each `Ballot` one member's Vote, and the counts are worked out from the ballots, so the
totals shown can never disagree with the names."""

from django.db import models
from django.urls import reverse
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel

from townhall.council.models.register import AgendaItem, Councillor, Decision


class RecordedVote(ClusterableModel):
    class Result(models.TextChoices):
        PASSED = "pass", "Carried"
        FAILED = "fail", "Lost"

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="votes")
    motion = models.CharField(max_length=300, help_text="What was voted on, as minuted")
    result = models.CharField(max_length=4, choices=Result.choices)
    casting_vote = models.BooleanField(
        default=False, help_text="The votes were tied and the chair's casting vote decided it"
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
        InlinePanel("ballots", heading="How each member voted", label="member's vote"),
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
        YES = "yes", "For"
        NO = "no", "Against"
        ABSTAIN = "abstain", "Abstained"
        ABSENT = "absent", "Absent"

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
