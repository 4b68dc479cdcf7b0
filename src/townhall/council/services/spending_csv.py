"""Importing the monthly spending file: every row checked first, then all kept or none.

A payment is keyed by its transaction number, so importing a month again (or a corrected
file) changes the rows it repeats and adds nothing twice. Each payment is linked to the
contract whose supplier has the same name (compared without "Ltd", "Limited" and
punctuation) and whose dates cover the payment.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from townhall.core.csv_import import ImportReport, check_rows, parse_date, parse_decimal
from townhall.council.models import Contract, Payment
from townhall.council.models.spending import supplier_key

COLUMNS = ["payment date", "transaction number", "supplier", "service", "amount"]
OPTIONAL = ["supplier id", "expense type", "purpose", "irrecoverable vat"]
MAX_ROWS = 100_000
BATCH = 2000
THRESHOLD = Decimal(500)  # the Code's threshold; smaller payments may be published too


@dataclass
class CheckedPayment:
    transaction: str
    paid_on: date
    supplier: str
    supplier_ref: str
    service: str
    expense_type: str
    purpose: str
    amount: Decimal
    irrecoverable_vat: Decimal | None


def _text(cells: dict[str, str], name: str, limit: int, required: str = "") -> str:
    value = cells.get(name, "")
    if required and not value:
        raise ValueError(required)
    if len(value) > limit:
        raise ValueError(
            ngettext(
                "the %(column)s is longer than %(limit)s character",
                "the %(column)s is longer than %(limit)s characters",
                limit,
            )
            % {"column": name, "limit": limit}
        )
    return value


def _check(cells: dict[str, str]) -> CheckedPayment:
    paid_on = parse_date(cells["payment date"])
    if paid_on > date.today():
        raise ValueError(_("%(day)s is in the future") % {"day": cells["payment date"]})
    vat = cells.get("irrecoverable vat", "")
    negative = _("payments are published as positive amounts (credit notes are left out)")
    return CheckedPayment(
        transaction=_text(cells, "transaction number", 60, _("give the transaction number")),
        paid_on=paid_on,
        supplier=_text(cells, "supplier", 200, _("name the supplier (or write REDACTED)")),
        supplier_ref=_text(cells, "supplier id", 60),
        service=_text(cells, "service", 150, _("name the service that spent it")),
        expense_type=_text(cells, "expense type", 150),
        purpose=_text(cells, "purpose", 300),
        amount=parse_decimal(cells["amount"], negative=negative),
        irrecoverable_vat=parse_decimal(vat, negative=negative) if vat else None,
    )


def check_spending(data: bytes) -> tuple[list[CheckedPayment], ImportReport]:
    return check_rows(
        data,
        COLUMNS,
        MAX_ROWS,
        _check,
        lambda row: row.transaction,
        _("one row per transaction number"),
        empty=_("The file has no payments in it."),
    )


def _contracts() -> dict[str, list[Contract]]:
    by_supplier: dict[str, list[Contract]] = {}
    for contract in Contract.objects.only("pk", "supplier", "starts_on", "ends_on"):
        by_supplier.setdefault(supplier_key(contract.supplier), []).append(contract)
    return by_supplier


def _contract_for(row: CheckedPayment, key: str, contracts: dict) -> int | None:
    for contract in contracts.get(key, []):
        if contract.starts_on <= row.paid_on <= contract.ends_on:
            return contract.pk
    return None


def import_spending(data: bytes) -> ImportReport:
    checked, report = check_spending(data)
    if not report.ok:
        return report
    contracts = _contracts()
    fields = [
        *("paid_on", "supplier", "supplier_key", "supplier_ref", "service"),
        *("expense_type", "purpose", "amount", "irrecoverable_vat", "contract"),
    ]
    with transaction.atomic():
        for start in range(0, len(checked), BATCH):
            batch = checked[start : start + BATCH]
            known = set(
                Payment.objects.filter(
                    transaction__in=[row.transaction for row in batch]
                ).values_list("transaction", flat=True)
            )
            payments = []
            for row in batch:
                key = supplier_key(row.supplier)
                payments.append(
                    Payment(
                        transaction=row.transaction,
                        paid_on=row.paid_on,
                        supplier=row.supplier,
                        supplier_key=key,
                        supplier_ref=row.supplier_ref,
                        service=row.service,
                        expense_type=row.expense_type,
                        purpose=row.purpose,
                        amount=row.amount,
                        irrecoverable_vat=row.irrecoverable_vat,
                        contract_id=_contract_for(row, key, contracts),
                    )
                )
            # One statement per batch: new rows added, repeated transactions updated.
            Payment.objects.bulk_create(
                payments,
                update_conflicts=True,
                unique_fields=["transaction"],
                update_fields=fields,
            )
            report.updated += len(known)
            report.added += len(batch) - len(known)
    return report
