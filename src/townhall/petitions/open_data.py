"""Petitions in the open data catalogue (core.open_data): their states, counts and counts by
ward, never a signer."""

from django.conf import settings
from django.db.models import Count, Max
from django.urls import reverse
from django.utils.translation import gettext as _

from townhall.core.open_data import Entry
from townhall.petitions import counts
from townhall.petitions.models import Petition, Signature

PUBLIC_STATES = [Petition.State.OPEN, Petition.State.CLOSED, Petition.State.REJECTED]
PETITION_COLUMNS = [
    *("id", "action", "state", "opened_at", "closes_at", "closed_at"),
    *("signatures", "paper_signatures", "responded_on", "url"),
]


def _petitions():
    return (
        counts.with_counts(Petition.objects.filter(state__in=PUBLIC_STATES))
        .select_related("response")
        .order_by("pk")
    )


def petitions_table():
    base = settings.TOWNHALL_BASE_URL

    def rows():
        for petition in _petitions().iterator(chunk_size=1000):
            response = getattr(petition, "response", None)
            yield [
                petition.pk,
                petition.action,
                petition.state,
                petition.opened_at,
                petition.closes_at,
                petition.closed_at,
                petition.online_count,
                petition.paper_count,
                response.responded_on.isoformat() if response else "",
                base + reverse("petition", args=[petition.pk]),
            ]

    return PETITION_COLUMNS, rows()


def by_ward_table():
    """Confirmed signatures of every public petition per ward: one pass over the
    signatures, grouped by the database (its cost grows with the signatures)."""
    counted = (
        Signature.objects.filter(
            state=Signature.State.VALIDATED,
            ward__isnull=False,
            petition__state__in=PUBLIC_STATES,
        )
        .values_list("petition_id", "ward__code", "ward__name")
        .annotate(signatures=Count("pk"))
        .order_by("petition_id", "-signatures", "ward__name")
    )
    return ["petition_id", "ward_code", "ward_name", "signatures"], counted.iterator()


def _latest():
    return Petition.objects.filter(state__in=PUBLIC_STATES).aggregate(latest=Max("opened_at"))[
        "latest"
    ]


def registers() -> list[Entry]:
    shared = {
        "publisher": _("The council's petitions scheme"),
        "page": reverse("petitions"),
        "licence": settings.TOWNHALL_OPEN_DATA_LICENCE,
        "updated": _latest(),
    }
    return [
        Entry(
            title=_("Petitions"),
            description=_(
                "Every published petition to the council: what it asks, its state and "
                "dates, its confirmed online and paper signatures, and when the council responded."
            ),
            **shared,
            fields=[
                ("action", _("What the petition asks for")),
                ("state", _("Open, closed or rejected")),
                ("opened_at, closes_at, closed_at", _("When it opened, closes or closed")),
                ("signatures", _("Confirmed online signatures")),
                ("paper_signatures", _("Signatures handed in on paper, counted apart")),
                ("responded_on", _("When the council responded, if it has")),
            ],
            downloads=[("JSON", "/api/petitions")],
            slug="petitions",
            table=petitions_table,
        ),
        Entry(
            title=_("Petition signatures by ward"),
            description=_(
                "How many confirmed signatures each public petition has from each ward (signers "
                "whose postcode is in the borough). Never a signer's name or address."
            ),
            **shared,
            fields=[
                ("petition_id", _("The petition (its id in the petitions register)")),
                ("ward_code, ward_name", _("The ward, by its ONS code and name")),
                ("signatures", _("Confirmed signatures from that ward")),
            ],
            slug="petition-signatures-by-ward",
            table=by_ward_table,
        ),
    ]
