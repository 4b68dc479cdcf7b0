"""The promise tracker: named measures with dated values, each citing where it was published."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

MILLION = Decimal(1_000_000)


def describe(value: Decimal, unit: str) -> str:
    """A figure as people write it: £165m, £5.7m, £48,500, 63%, 1,200."""
    if unit == "percent":
        return f"{value.normalize():f}%"
    if unit == "gbp":
        if value >= MILLION:
            millions = (value / MILLION).quantize(Decimal("0.01")).normalize()
            return f"£{millions:f}m"
        return f"£{value:,.0f}" if value == value.to_integral() else f"£{value:,.2f}"
    return f"{value:,.0f}" if value == value.to_integral() else f"{value.normalize():,f}"


class Measure(models.Model):
    class Unit(models.TextChoices):
        POUNDS = "gbp", _("Pounds (£)")
        PERCENT = "percent", _("Per cent (%)")
        NUMBER = "number", _("Number")

    class Role(models.TextChoices):
        CLAIM = "claim", _("Claim or forecast")
        OUTCOME = "outcome", _("Outcome, as delivered or measured")

    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="measures",
        help_text=_("The programme or project it tracks"),
    )
    contract = models.ForeignKey(
        "council.Contract",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="measures",
        help_text=_("When it measures one contract (spend, for example)"),
    )
    name = models.CharField(max_length=100, help_text=_('e.g. "Savings forecast"'))
    unit = models.CharField(max_length=10, choices=Unit.choices, default=Unit.POUNDS)
    role = models.CharField(max_length=10, choices=Role.choices)
    description = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["page", "role", "name"]
        constraints = [
            models.UniqueConstraint(fields=["page", "name"], name="one_measure_name_per_page")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.page.title})"


class MeasureValue(models.Model):
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="values")
    on = models.DateField(_("as at"), help_text=_("The date the figure refers to"))
    value = models.DecimalField(
        max_digits=16, decimal_places=2, validators=[MinValueValidator(Decimal(0))]
    )
    source = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The document that published the figure"),
    )
    source_url = models.URLField(blank=True, help_text=_("Or the web page that published it"))

    class Meta:
        ordering = ["measure", "on"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "on"], name="one_value_per_measure_date"),
            models.CheckConstraint(condition=models.Q(value__gte=0), name="value_not_negative"),
        ]

    def __str__(self) -> str:
        return gettext("%(measure)s on %(day)s") % {
            "measure": self.measure.name,
            "day": date_format(self.on, "d F Y"),
        }

    def clean(self) -> None:
        if self.source_id is None and not self.source_url:
            raise ValidationError(
                gettext("Cite the document or web page that published this figure.")
            )

    @property
    def shown(self) -> str:
        return describe(self.value, self.measure.unit)

    @property
    def source_link(self) -> str:
        return self.source.url if self.source_id else self.source_url

    @property
    def source_title(self) -> str:
        return self.source.title if self.source_id else self.source_url
