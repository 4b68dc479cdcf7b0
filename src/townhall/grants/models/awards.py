"""Grants made: the award, its payments and the monitoring reports due from the recipient."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from townhall.grants.models.schemes import GrantRound, GrantSchemePage, RecipientType


class Award(models.Model):
    """A grant made: published as open data (360Giving) once staff mark it published.

    Grants to individuals are published without their names: only organisations are named.
    """

    Recipient = RecipientType

    scheme = models.ForeignKey(GrantSchemePage, on_delete=models.PROTECT, related_name="awards")
    round = models.ForeignKey(
        GrantRound, null=True, blank=True, on_delete=models.SET_NULL, related_name="awards"
    )
    title = models.CharField(max_length=200, help_text=_("The project, as it will be published"))
    description = models.TextField(help_text=_("What the money is for"))
    recipient_type = models.CharField(max_length=12, choices=Recipient.choices)
    recipient_name = models.CharField(max_length=200)
    recipient_org_id = models.CharField(
        _("recipient's organisation identifier"),
        max_length=100,
        blank=True,
        help_text=_("e.g. GB-CHC-1234567 for a charity, GB-COH-01234567 for a company"),
    )
    amount = models.DecimalField(_("amount awarded (£)"), max_digits=12, decimal_places=2)
    awarded_on = models.DateField()
    ward = models.ForeignKey(
        "core.Ward",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Where the people who benefit live"),
    )
    application = models.OneToOneField(
        "grants.Application",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="award",
        help_text=_("The approved application it came from"),
    )
    published = models.BooleanField(
        default=False, help_text=_("Listed publicly and in the open data")
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-awarded_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="award_amount_positive")
        ]

    def __str__(self) -> str:
        return gettext("£%(amount)s to %(recipient)s: %(title)s") % {
            "amount": self.amount,
            "recipient": self.public_recipient,
            "title": self.title,
        }

    @property
    def public_recipient(self) -> str:
        return (
            gettext("An individual")
            if self.recipient_type == self.Recipient.INDIVIDUAL
            else self.recipient_name
        )

    def clean(self) -> None:
        scheme = self.scheme if self.scheme_id else None
        if scheme is None or self.amount is None:
            return
        ceiling = scheme.ceiling_for(self.recipient_type)
        if not scheme.minimum_amount <= self.amount <= ceiling:
            raise ValidationError(
                {
                    "amount": gettext("This scheme gives £%(low)s to £%(high)s")
                    % {"low": f"{scheme.minimum_amount:,.0f}", "high": f"{ceiling:,.0f}"}
                }
            )


class Payment(models.Model):
    """One instalment of an award, due on a date and marked paid by staff."""

    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="payments")
    amount = models.DecimalField(_("amount (£)"), max_digits=12, decimal_places=2)
    due_on = models.DateField()
    paid_on = models.DateField(null=True, blank=True)
    condition = models.CharField(
        max_length=200, blank=True, help_text=_("e.g. Paid once the interim report is in")
    )

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="payment_amount_positive")
        ]

    def __str__(self) -> str:
        return gettext("£%(amount)s due %(date)s") % {
            "amount": self.amount,
            "date": date_format(self.due_on, "j E Y"),
        }


class MonitoringReport(models.Model):
    """A report the recipient owes on what the money did: due on a date, overdue after it."""

    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="reports")
    title = models.CharField(max_length=100)
    due_on = models.DateField()
    progress = models.TextField(blank=True, help_text=_("What the project has done so far"))
    spent = models.DecimalField(
        _("money spent so far (£)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return gettext("%(title)s, due %(date)s") % {
            "title": gettext(self.title),
            "date": date_format(self.due_on, "j E Y"),
        }

    @property
    def is_overdue(self) -> bool:
        return self.submitted_at is None and self.due_on < timezone.localdate()
