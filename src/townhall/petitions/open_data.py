"""Petitions in the open data catalogue (core.open_data): their states, counts and counts by
ward, never a signer."""

from django.conf import settings
from django.urls import reverse

from townhall.core.open_data import Entry


def registers() -> list[Entry]:
    return [
        Entry(
            title="Petitions and their signatures by ward",
            description="Every published petition to the council: what it asks, its state, "
            "its confirmed signatures and how many came from each ward, and the council's "
            "response.",
            publisher="The council's petitions scheme",
            page=reverse("petitions"),
            licence=settings.TOWNHALL_OPEN_DATA_LICENCE,
            updated=None,
            fields=[
                ("action, background", "What the petition asks for, and why"),
                ("state", "Open, closed or rejected"),
                ("signatures", "Confirmed signatures, with paper ones counted apart"),
                ("by_ward", "Signatures from each ward (in each petition's own answer)"),
            ],
            downloads=[("JSON", "/api/petitions")],
        )
    ]
