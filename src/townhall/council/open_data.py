"""The council's registers in the open data catalogue (core.open_data)."""

from django.conf import settings
from django.db.models import Max
from django.urls import reverse

from townhall.core.models import Organisation
from townhall.core.open_data import Entry
from townhall.council.models import Contract, Decision, Payment
from townhall.council.services.spending import LGA_COLUMNS


def _council() -> str:
    council = Organisation.objects.filter(kind=Organisation.Kind.COUNCIL).first()
    return council.name if council else "The council"


def registers() -> list[Entry]:
    publisher = _council()
    licence = settings.TOWNHALL_OPEN_DATA_LICENCE
    paid = Payment.objects.aggregate(last=Max("paid_on"))["last"]
    decided = Decision.objects.aggregate(last=Max("decided_on"))["last"]
    entries = [
        Entry(
            title="Decisions register",
            description="Every decision of the council, its committees, cabinet members and "
            "officers, with its papers and status.",
            publisher=publisher,
            page=reverse("decisions"),
            licence=licence,
            updated=None,
            fields=[
                ("title, summary", "What was decided"),
                ("decided_on", f"The date (latest: {decided or 'none yet'})"),
                ("maker, made_by", "Who decided it"),
                ("status", "Proposed, made, called in or implemented"),
            ],
            downloads=[("JSON", "/api/decisions"), ("RSS", reverse("decisions-rss"))],
        ),
        Entry(
            title="Committee meetings",
            description="Every meeting of the council's committees: when and where, its "
            "agenda and papers, attendance, votes and minutes.",
            publisher=publisher,
            page=reverse("committees"),
            licence=licence,
            updated=None,
            fields=[
                ("committee, starts_at, venue", "Which body meets, when and where"),
                ("agenda", "The items, their papers and outcomes"),
                ("attended", "The members recorded as present"),
            ],
            downloads=[("JSON", "/api/meetings"), ("ICS", reverse("meetings-ics"))],
        ),
        Entry(
            title="Contracts register",
            description="The council's contracts: supplier, service, value and dates, and the "
            "decision that awarded each.",
            publisher=publisher,
            page=reverse("contracts"),
            licence=licence,
            updated=None,
            fields=[
                ("supplier, service", "Who delivers what"),
                ("value", "The total value over the contract's life, in pounds"),
                ("starts_on, ends_on", "When it runs"),
            ],
            downloads=[("JSON", "/api/contracts")],
        ),
    ]
    if paid or Contract.objects.exists():
        entries.append(
            Entry(
                title="Spending over £500",
                description="Every payment over £500, monthly, as the Local Government "
                "Transparency Code 2015 asks.",
                publisher=publisher,
                page=reverse("spending"),
                licence=licence,
                updated=None,
                fields=[(column, "As the LGA's spend schema defines it") for column in LGA_COLUMNS],
                downloads=[("CSV", reverse("spending-csv")), ("JSON", "/api/spending")],
            )
        )
    return entries
