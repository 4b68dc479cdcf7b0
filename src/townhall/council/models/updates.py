"""What followers of a committee (or of its members) are told: each agenda, paper, set of
minutes and decision as it is first published, recorded once by the signals."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from townhall.council.models.register import Committee


class CommitteeUpdate(models.Model):
    class Kind(models.TextChoices):
        AGENDA = "agenda", _("Agenda published")
        PAPER = "paper", _("New paper")
        MINUTES = "minutes", _("Minutes published")
        DECISION = "decision", _("Decision taken")

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="updates")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    title = models.CharField(max_length=300)
    path = models.CharField(max_length=200)
    at = models.DateTimeField(db_index=True)
    # What it is about, so that each is told once: an agenda or minutes once per meeting.
    about = models.CharField(max_length=40)

    class Meta:
        ordering = ["at", "pk"]
        constraints = [models.UniqueConstraint(fields=["kind", "about"], name="each_update_once")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"
