"""Spending in public: the filters residents use, the totals by month and by service that
the charts draw and the tables beside them list, and the LGA's published shape for export.

Every figure is one grouped query over the filtered payments (the month and service indexes
keep each to a scan of the rows chosen): cost grows with the payments shown, not with the
whole register.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from django.utils.formats import date_format

from townhall.council.models import Payment

TOP_SERVICES = 12
# The Local Government Association's spend schema's fields, as we know them: checked against
# no copy of the schema (schemas.opendata.esd.org.uk was not reachable when this was written),
# so compare them with its CSV checker before sending the file to a harvester.
LGA_COLUMNS = [
    "OrganisationURI",
    "OrganisationLabel",
    "ServiceCategoryLabel",
    "ExpenditureCategory",
    "PaymentDate",
    "TransactionNumber",
    "Amount",
    "IrrecoverableVAT",
    "SupplierName",
    "SupplierID",
    "Purpose",
    "ContractURI",
]


@dataclass(frozen=True)
class Totals:
    label: str
    amount: Decimal
    payments: int


def filtered(words: str = "", service: str = "", month: date | None = None):
    payments = Payment.objects.all()
    if words:
        payments = payments.matching(words)
    if service:
        payments = payments.filter(service=service)
    if month:
        payments = payments.filter(paid_on__year=month.year, paid_on__month=month.month)
    return payments


def by_month(payments) -> list[Totals]:
    rows = (
        payments.annotate(month=TruncMonth("paid_on"))
        .values("month")
        .annotate(amount=Sum("amount"), payments=Count("pk"))
        .order_by("month")
    )
    return [
        Totals(date_format(row["month"], "F Y"), row["amount"], row["payments"]) for row in rows
    ]


def by_service(payments) -> list[Totals]:
    rows = (
        payments.values("service")
        .annotate(amount=Sum("amount"), payments=Count("pk"))
        .order_by("-amount", "service")[:TOP_SERVICES]
    )
    return [Totals(row["service"], row["amount"], row["payments"]) for row in rows]


def services() -> list[str]:
    return list(Payment.objects.values_list("service", flat=True).distinct().order_by("service"))


def lga_rows(payments, organisation: str, organisation_uri: str):
    """Each payment as a row of the LGA's schema."""
    base = settings.TOWNHALL_BASE_URL
    for payment in (
        payments.select_related("contract")
        .order_by("paid_on", "transaction")
        .iterator(chunk_size=2000)
    ):
        yield [
            organisation_uri,
            organisation,
            payment.service,
            payment.expense_type,
            payment.paid_on.isoformat(),
            payment.transaction,
            f"{payment.amount:.2f}",
            "" if payment.irrecoverable_vat is None else f"{payment.irrecoverable_vat:.2f}",
            payment.supplier,
            payment.supplier_ref,
            payment.purpose,
            base + payment.contract.get_absolute_url() if payment.contract else "",
        ]
