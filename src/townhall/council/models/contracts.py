"""The contracts register: who was paid to deliver what, and which decision awarded it."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from townhall.council.models.figures import describe


class Contract(models.Model):
    supplier = models.CharField(max_length=150)
    service = models.CharField(max_length=250, help_text=_("What the supplier delivers"))
    value = models.DecimalField(
        _("value (£)"),
        max_digits=16,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
        help_text=_("The total value over the contract's life, as published"),
    )
    starts_on = models.DateField()
    ends_on = models.DateField()
    awarded_by = models.ForeignKey(
        "council.Decision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contracts",
        help_text=_("The decision that awarded it"),
    )
    project = models.ForeignKey(
        "council.ProjectPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contracts",
    )

    class Meta:
        ordering = ["-starts_on", "supplier"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="contract_ends_after"
            )
        ]

    def __str__(self) -> str:
        return f"{self.supplier}: {self.service}"

    def get_absolute_url(self) -> str:
        return reverse("contract", args=[self.pk])

    @property
    def value_shown(self) -> str:
        return describe(self.value, "gbp")

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError(
                {"ends_on": gettext("The end date must be on or after the start date.")}
            )
