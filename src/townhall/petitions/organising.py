"""Petitions on a group's dashboard (core.organising): its open ones and their counts."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

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
    rows = []
    for petition in found:
        shown = counts.shown(petition.pk)
        signatures = ngettext("%(count)s signature", "%(count)s signatures", shown) % {
            "count": f"{shown:,}"
        }
        rows.append(Row(petition.action, signatures, reverse("petition", args=[petition.pk])))
    return Section(_("Open petitions"), rows=rows)
