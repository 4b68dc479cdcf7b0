"""The council's registers in the open data catalogue (core.open_data)."""

from django.conf import settings
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from townhall.core.models import Organisation
from townhall.core.open_data import Entry
from townhall.council.models import Contract, Decision, Meeting, Payment
from townhall.council.services.spending import LGA_COLUMNS


def _council() -> str:
    council = Organisation.objects.filter(kind=Organisation.Kind.COUNCIL).first()
    return council.name if council else _("The council")


def _address(path: str) -> str:
    return settings.TOWNHALL_BASE_URL + path


def _label(record, field: str) -> str:
    """A choice's label as data: the same in every download, whatever the reader's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return getattr(record, f"get_{field}_display")()


def decisions_table():
    columns = ["id", "title", "decided_on", "maker", "committee", "decided_by", "status", "url"]
    decisions = Decision.objects.select_related("committee").order_by("decided_on", "pk")
    return columns, (
        [
            d.pk,
            d.title,
            d.decided_on.isoformat(),
            _label(d, "maker"),
            d.committee.name if d.committee_id else "",
            d.decided_by,
            _label(d, "status"),
            _address(reverse("decision", args=[d.pk])),
        ]
        for d in decisions.iterator(chunk_size=1000)
    )


def meetings_table():
    columns = ["id", "committee", "starts_at", "venue", "status", "minutes", "url"]
    meetings = Meeting.objects.select_related("committee").order_by("starts_at", "pk")
    return columns, (
        [
            m.pk,
            m.committee.name,
            m.starts_at,
            m.venue,
            _label(m, "status"),
            _label(m, "minutes"),
            _address(m.get_absolute_url()),
        ]
        for m in meetings.iterator(chunk_size=1000)
    )


def contracts_table():
    columns = ["id", "supplier", "service", "value", "starts_on", "ends_on", "decision_id"]
    contracts = Contract.objects.order_by("starts_on", "pk")
    return columns, (
        [
            c.pk,
            c.supplier,
            c.service,
            f"{c.value:.2f}" if c.value is not None else "",
            c.starts_on.isoformat(),
            c.ends_on.isoformat(),
            c.awarded_by_id or "",
        ]
        for c in contracts.iterator(chunk_size=1000)
    )


def registers() -> list[Entry]:
    publisher = _council()
    licence = settings.TOWNHALL_OPEN_DATA_LICENCE
    paid = Payment.objects.aggregate(last=Max("paid_on"))["last"]
    decided = Decision.objects.aggregate(last=Max("decided_on"))["last"]
    met = Meeting.objects.filter(starts_at__lte=timezone.now()).aggregate(last=Max("starts_at"))
    contracted = Contract.objects.aggregate(last=Max("starts_on"))["last"]
    entries = [
        Entry(
            title=_("Decisions register"),
            description=_(
                "Every decision of the council, its committees, cabinet members and officers, "
                "with its papers and status."
            ),
            publisher=publisher,
            page=reverse("decisions"),
            licence=licence,
            updated=decided,
            fields=[
                ("title, summary", _("What was decided")),
                ("decided_on", _("The date (latest: %(day)s)") % {"day": decided or _("none yet")}),
                ("maker, made_by", _("Who decided it")),
                ("status", _("Proposed, made, called in or implemented")),
            ],
            downloads=[("JSON", "/api/decisions"), ("RSS", reverse("decisions-rss"))],
            slug="decisions",
            table=decisions_table,
        ),
        Entry(
            title=_("Committee meetings"),
            description=_(
                "Every meeting of the council's committees: when and where, its agenda and "
                "papers, attendance, votes and minutes."
            ),
            publisher=publisher,
            page=reverse("committees"),
            licence=licence,
            updated=met["last"],
            fields=[
                ("committee, starts_at, venue", _("Which body meets, when and where")),
                ("agenda", _("The items, their papers and outcomes")),
                ("attended", _("The members recorded as present")),
            ],
            downloads=[("JSON", "/api/meetings"), ("ICS", reverse("meetings-ics"))],
            slug="meetings",
            table=meetings_table,
        ),
        Entry(
            title=_("Contracts register"),
            description=_(
                "The council's contracts: supplier, service, value and dates, and the decision "
                "that awarded each."
            ),
            publisher=publisher,
            page=reverse("contracts"),
            licence=licence,
            updated=contracted,
            fields=[
                ("supplier, service", _("Who delivers what")),
                ("value", _("The total value over the contract's life, in pounds")),
                ("starts_on, ends_on", _("When it runs")),
            ],
            downloads=[("JSON", "/api/contracts")],
            slug="contracts",
            table=contracts_table,
        ),
    ]
    if paid or Contract.objects.exists():
        entries.append(
            Entry(
                title=_("Spending over £500"),
                description=_(
                    "Every payment over £500, monthly, as the Local Government Transparency "
                    "Code 2015 asks."
                ),
                publisher=publisher,
                page=reverse("spending"),
                licence=licence,
                updated=paid,
                fields=[
                    (column, _("As the LGA's spend schema defines it")) for column in LGA_COLUMNS
                ],
                downloads=[("CSV", reverse("spending-csv")), ("JSON", "/api/spending")],
            )
        )
    return entries
