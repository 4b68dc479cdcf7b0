"""Payments over £500, as the Local Government Transparency Code 2015 asks councils to
publish every month: imported by officers from the finance system's CSV."""

import re

from django.db import models
from django.utils.translation import gettext_lazy as _

from townhall.council.models.contracts import Contract

_NOT_PART_OF_A_NAME = re.compile(r"\b(ltd|limited|plc|llp|the)\b|[^\w]+")


def supplier_key(name: str) -> str:
    """A supplier's name as compared: "CAPITA BUSINESS SERVICES LTD" is "Capita Business
    Services Limited"."""
    return " ".join(_NOT_PART_OF_A_NAME.sub(" ", name.casefold()).split())


class PaymentQuerySet(models.QuerySet):
    def matching(self, words: str) -> "PaymentQuerySet":
        """Payments whose supplier, service or purpose contains the words."""
        found = self
        for word in words.split()[:8]:
            found = found.filter(
                models.Q(supplier__icontains=word)
                | models.Q(service__icontains=word)
                | models.Q(purpose__icontains=word)
            )
        return found


class Payment(models.Model):
    transaction = models.CharField(
        _("transaction number"),
        max_length=60,
        unique=True,
        help_text=_("The finance system's reference"),
    )
    paid_on = models.DateField(db_index=True)
    supplier = models.CharField(max_length=200)
    supplier_key = models.CharField(max_length=200, db_index=True, editable=False)
    supplier_ref = models.CharField(_("supplier ID"), max_length=60, blank=True)
    service = models.CharField(
        max_length=150, db_index=True, help_text=_("The department or service that spent it")
    )
    expense_type = models.CharField(
        max_length=150, blank=True, help_text=_("The procurement category")
    )
    purpose = models.CharField(max_length=300, blank=True)
    amount = models.DecimalField(_("amount (£)"), max_digits=14, decimal_places=2)
    irrecoverable_vat = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    contract = models.ForeignKey(
        Contract, null=True, blank=True, on_delete=models.SET_NULL, related_name="payments"
    )

    objects = PaymentQuerySet.as_manager()

    class Meta:
        ordering = ["-paid_on", "transaction"]
        indexes = [models.Index(fields=["paid_on", "service"], name="council_payment_month")]

    def __str__(self) -> str:
        return f"{self.paid_on:%d/%m/%Y} {self.supplier}: £{self.amount:,}"

    def save(self, *args, **kwargs) -> None:
        self.supplier_key = supplier_key(self.supplier)
        super().save(*args, **kwargs)
