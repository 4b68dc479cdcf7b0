"""A Gift Aid claim in the shape of HMRC's Charities Online schedule spreadsheet: one row
per paid, unrefunded donation under a declaration, with the donor's title, names, house
name or number and postcode, the date as DD/MM/YY and the amount in pounds."""

from datetime import date

from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from django.utils import timezone

from townhall.core.csv_download import csv_download
from townhall.core.models import Organisation
from townhall.donations.models import Donation

# HMRC's column headings, in its order ("Aggregated donations" and "Sponsored event" are
# left empty: each online donation is claimed on its own, and none is sponsorship).
COLUMNS = [
    "Title",
    "First name or initial",
    "Last name",
    "House name or number",
    "Postcode",
    "Aggregated donations",
    "Sponsored event",
    "Donation date",
    "Amount",
]


def claimable(organisation: Organisation, start: date, end: date) -> QuerySet[Donation]:
    return (
        Donation.objects.filter(
            organisation=organisation,
            state=Donation.State.PAID,
            gift_aid__isnull=False,
            paid_at__date__gte=start,
            paid_at__date__lte=end,
        )
        .select_related("gift_aid")
        .order_by("paid_at", "pk")
    )


def claim(organisation: Organisation, start: date, end: date) -> StreamingHttpResponse:
    def rows():
        for donation in claimable(organisation, start, end).iterator(chunk_size=1000):
            declared = donation.gift_aid
            pounds, pence = divmod(donation.amount_pence, 100)
            yield [
                declared.title,
                declared.first_name,
                declared.last_name,
                declared.house,
                declared.postcode,
                "",
                "",
                timezone.localtime(donation.paid_at).strftime("%d/%m/%y"),
                f"{pounds}.{pence:02d}",
            ]

    filename = f"gift-aid-{organisation.slug}-{start:%Y%m%d}-{end:%Y%m%d}.csv"
    return csv_download(filename, COLUMNS, rows())
