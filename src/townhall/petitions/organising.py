"""Petitions on a group's dashboard (core.organising): its open ones and their counts."""

from django.urls import reverse

from townhall.core.organising import Row, Section
from townhall.petitions import counts
from townhall.petitions.models import Petition

SHOWN = 5


def petitions_section(organisation) -> Section | None:
    found = list(
        Petition.objects.filter(organisation=organisation, state=Petition.State.OPEN).order_by(
            "-opened_at"
        )[:SHOWN]
    )
    if not found:
        return None
    rows = [
        Row(
            petition.action,
            f"{counts.shown(petition.pk):,} signatures",
            reverse("petition", args=[petition.pk]),
        )
        for petition in found
    ]
    return Section("Open petitions", rows=rows)
