"""Spending over £500 (issue 19, point 9): every row of the monthly file checked before any
is kept, re-imports idempotent by transaction number, contracts linked by supplier, search,
charts with their tables, and the export in the LGA's schema."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest

from townhall.council.models import Contract, Payment
from townhall.council.services.spending_csv import import_spending

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _without_the_demos_payments(db):
    """The demo has some; these tests count their own."""
    Payment.objects.all().delete()


HEADER = (
    "Payment date,Transaction number,Supplier,Supplier ID,Service,Expense type,Purpose,Amount\n"
)
GOOD = (
    HEADER
    + "03/04/2026,T1001,CAPITA BUSINESS SERVICES LTD,S9,Customer services,Contracted services,"
    'Monthly service charge,"£1,250,000.00"\n'
    + "2026-04-15,T1002,Oak Tree Nurseries,S12,Parks,Materials,Street trees,640.50\n"
    + "2026-05-02,T1003,Oak Tree Nurseries,S12,Parks,Materials,Shrubs,720\n"
)


@pytest.fixture
def capita_contract(db) -> Contract:
    return Contract.objects.create(
        supplier="Capita Business Services Limited",
        service="Back office and customer services",
        value=Decimal("320000000"),
        starts_on=date(2013, 9, 1),
        ends_on=date(2028, 8, 31),
    )


def test_a_good_file_is_imported_with_contracts_linked_and_again_changes_nothing(capita_contract):
    report = import_spending(GOOD.encode())
    assert report.ok and (report.added, report.updated) == (3, 0)
    capita = Payment.objects.get(transaction="T1001")
    assert capita.amount == Decimal("1250000.00") and capita.contract == capita_contract
    assert Payment.objects.get(transaction="T1002").contract is None
    again = import_spending(GOOD.replace("Street trees", "Street trees (corrected)").encode())
    assert (again.added, again.updated) == (0, 3) and Payment.objects.count() == 3
    assert Payment.objects.get(transaction="T1002").purpose == "Street trees (corrected)"


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("31/02/2026,T9,A Ltd,,Parks,,,600", '"31/02/2026" is not a date'),
        ("2026-04-01,T9,A Ltd,,Parks,,,-600", "is negative"),
        ("2026-04-01,T9,A Ltd,,Parks,,,six hundred", "is not a number"),
        ("2026-04-01,T9,A Ltd,,Parks,,,NaN", "is not a number"),
        ("2026-04-01,T9,A Ltd,,Parks,,,Infinity", "is not a number"),
        ("2026-04-01,T9,,,Parks,,,600", "name the supplier"),
        ("2026-04-01,,A Ltd,,Parks,,,600", "give the transaction number"),
        ("2026-04-01,T1001,A Ltd,,Parks,,,600", "repeats row 2"),
        ("2099-04-01,T9,A Ltd,,Parks,,,600", "is in the future"),
    ],
)
def test_any_bad_row_is_reported_and_nothing_is_imported(row, problem):
    report = import_spending((GOOD + row + "\n").encode())
    assert not report.ok and Payment.objects.count() == 0
    assert report.errors[0].row == 5 and problem in report.errors[0].message


def test_a_file_without_the_columns_or_not_utf8_is_explained():
    assert (
        "missing: service"
        in import_spending(b"Payment date,Transaction number,Supplier,Amount\n").errors[0].message
    )
    assert (
        "not UTF-8"
        in import_spending(
            HEADER.encode() + "2026-04-01,T9,Caf\xe9,,Parks,,,600\n".encode("latin-1")
        )
        .errors[0]
        .message
    )


def test_residents_search_and_see_charts_with_tables_equal_to_them(client, capita_contract):
    import_spending(GOOD.encode())
    page = client.get("/democracy/spending/").content.decode()
    assert '<g class="th-chart__bar" data-label="April 2026" data-value="1250641">' in page
    assert '<tr data-label="April 2026" data-value="1250641">' in page  # the table's row
    assert "£1,250,640.50" in page and "£720.00" in page
    found = client.get("/democracy/spending/?q=nurseries").content.decode()
    assert "Oak Tree Nurseries" in found and "CAPITA" not in found
    bad = client.get("/democracy/spending/?month=April")
    assert bad.status_code == 400 and "Enter the month as 2026-03" in bad.content.decode()


def test_the_download_is_in_the_lga_schema_with_the_filters_applied(client, capita_contract):
    import_spending(GOOD.encode())
    answer = client.get("/democracy/spending.csv?service=Parks")
    rows = list(csv.DictReader(io.StringIO(b"".join(answer.streaming_content).decode())))
    assert [row["TransactionNumber"] for row in rows] == ["T1002", "T1003"]
    assert rows[0]["Amount"] == "640.50" and rows[0]["PaymentDate"] == "2026-04-15"
    assert rows[0]["OrganisationURI"].endswith("/E09000003")
    everything = client.get("/democracy/spending.csv")
    capita = next(
        row
        for row in csv.DictReader(io.StringIO(b"".join(everything.streaming_content).decode()))
        if row["TransactionNumber"] == "T1001"
    )
    assert capita["ContractURI"].endswith(f"/democracy/contracts/{capita_contract.pk}/")


def test_officers_import_the_file_in_the_admin_and_others_may_not(as_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    officer = as_user("council-officer")
    bad = officer.post(
        "/admin/spending-import/",
        {
            "file": SimpleUploadedFile(
                "april.csv", (GOOD + "2026-04-01,T9,,,Parks,,,600\n").encode()
            )
        },
    )
    assert bad.status_code == 400 and "Row" in bad.content.decode()
    assert "name the supplier" in bad.content.decode() and not Payment.objects.exists()
    good = officer.post(
        "/admin/spending-import/", {"file": SimpleUploadedFile("april.csv", GOOD.encode())}
    )
    assert good.status_code == 302 and Payment.objects.count() == 3
    assert as_user("alliance-editor").get("/admin/spending-import/").status_code in (302, 403)
