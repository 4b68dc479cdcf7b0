"""The forward plan: key decisions published at least 28 days before they are taken (the
Local Authorities (Executive Arrangements) (Meetings and Access to Information) (England)
Regulations 2012), each linked to the decision once it is made."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from townhall.council.models.register import Committee, Decision

NOTICE_DAYS = 28


class PlanQuerySet(models.QuerySet):
    def to_come(self) -> "PlanQuerySet":
        return self.filter(status=KeyDecision.Status.PLANNED).order_by("expected_on", "pk")


class KeyDecision(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("To be decided")
        TAKEN = "taken", _("Decided")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    title = models.CharField(max_length=250)
    summary = models.TextField(help_text=_("What is to be decided, and why it is a key decision"))
    decision_maker = models.ForeignKey(
        Committee, null=True, blank=True, on_delete=models.SET_NULL, related_name="key_decisions"
    )
    decided_by = models.CharField(
        max_length=150,
        blank=True,
        help_text=_("The cabinet member's or officer's role, if not a body"),
    )
    wards = models.CharField(
        max_length=200, blank=True, help_text=_('The wards affected, or "All"')
    )
    expected_on = models.DateField(_("to be decided on or after"))
    first_published_on = models.DateField(help_text=_("When it first appeared in the forward plan"))
    papers_to_come = models.TextField(
        blank=True, help_text=_("The reports and documents the decision maker will consider")
    )
    urgent_reason = models.TextField(
        blank=True,
        help_text=_("Only when it cannot wait 28 days: why, as agreed with the chair of scrutiny"),
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)
    decision = models.OneToOneField(
        Decision, null=True, blank=True, on_delete=models.SET_NULL, related_name="key_decision"
    )

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["expected_on", "pk"]
        verbose_name = _("key decision (forward plan)")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("forward-plan") + f"#key-decision-{self.pk}"

    def clean(self) -> None:
        errors = {}
        if self.expected_on and self.first_published_on:
            earliest = self.first_published_on + timedelta(days=NOTICE_DAYS)
            if self.expected_on < earliest and not self.urgent_reason.strip():
                errors["expected_on"] = ngettext(
                    "Key decisions are published at least %(days)s day ahead: choose %(day)s "
                    "or later, or give the reason it is urgent",
                    "Key decisions are published at least %(days)s days ahead: choose %(day)s "
                    "or later, or give the reason it is urgent",
                    NOTICE_DAYS,
                ) % {"days": NOTICE_DAYS, "day": date_format(earliest, "j E Y")}
        if self.status == self.Status.TAKEN and self.decision_id is None:
            errors["decision"] = gettext("Choose the decision that was taken")
        if self.decision_id and self.status != self.Status.TAKEN:
            errors["status"] = gettext('A key decision with its decision is "Decided"')
        if not self.decision_maker_id and not self.decided_by.strip():
            errors["decided_by"] = gettext("Say who takes the decision: a body, or a role")
        if errors:
            raise ValidationError(errors)
