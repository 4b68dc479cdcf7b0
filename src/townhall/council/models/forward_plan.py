"""The forward plan: key decisions published at least 28 days before they are taken (the
Local Authorities (Executive Arrangements) (Meetings and Access to Information) (England)
Regulations 2012), each linked to the decision once it is made."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from townhall.council.models.register import Committee, Decision

NOTICE_DAYS = 28


class PlanQuerySet(models.QuerySet):
    def to_come(self) -> "PlanQuerySet":
        return self.filter(status=KeyDecision.Status.PLANNED).order_by("expected_on", "pk")


class KeyDecision(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", "To be decided"
        TAKEN = "taken", "Decided"
        WITHDRAWN = "withdrawn", "Withdrawn"

    title = models.CharField(max_length=250)
    summary = models.TextField(help_text="What is to be decided, and why it is a key decision")
    decision_maker = models.ForeignKey(
        Committee, null=True, blank=True, on_delete=models.SET_NULL, related_name="key_decisions"
    )
    decided_by = models.CharField(
        max_length=150,
        blank=True,
        help_text="The cabinet member's or officer's role, if not a body",
    )
    wards = models.CharField(max_length=200, blank=True, help_text='The wards affected, or "All"')
    expected_on = models.DateField("to be decided on or after")
    first_published_on = models.DateField(help_text="When it first appeared in the forward plan")
    papers_to_come = models.TextField(
        blank=True, help_text="The reports and documents the decision maker will consider"
    )
    urgent_reason = models.TextField(
        blank=True,
        help_text="Only when it cannot wait 28 days: why, as agreed with the chair of scrutiny",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)
    decision = models.OneToOneField(
        Decision, null=True, blank=True, on_delete=models.SET_NULL, related_name="key_decision"
    )

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["expected_on", "pk"]
        verbose_name = "key decision (forward plan)"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("forward-plan") + f"#key-decision-{self.pk}"

    def clean(self) -> None:
        errors = {}
        if self.expected_on and self.first_published_on:
            earliest = self.first_published_on + timedelta(days=NOTICE_DAYS)
            if self.expected_on < earliest and not self.urgent_reason.strip():
                errors["expected_on"] = (
                    f"Key decisions are published at least {NOTICE_DAYS} days ahead: "
                    f"choose {earliest.day} {earliest:%B %Y} or later, or give the reason it "
                    "is urgent"
                )
        if self.status == self.Status.TAKEN and self.decision_id is None:
            errors["decision"] = "Choose the decision that was taken"
        if self.decision_id and self.status != self.Status.TAKEN:
            errors["status"] = 'A key decision with its decision is "Decided"'
        if not self.decision_maker_id and not self.decided_by.strip():
            errors["decided_by"] = "Say who takes the decision: a body, or a role"
        if errors:
            raise ValidationError(errors)
