"""Following a petition: its public milestones since a time, for digests; and the petitions
whose responses cite a council decision, for the decision's page."""

from datetime import datetime

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from townhall.core.citations import Citation
from townhall.core.digests import DigestItem
from townhall.petitions.models import Petition, PetitionEvent

PUBLIC = [Petition.State.OPEN, Petition.State.CLOSED, Petition.State.REJECTED]
MILESTONES = {
    "approved": _("Open for signatures"),
    "threshold reached": _("Reached a stage"),
    "response published": _("The council responded"),
    "debate scheduled": _("To be debated"),
    "closed": pgettext_lazy("a petition's state", "Closed"),
    "rejected": pgettext_lazy("a petition's state", "Rejected"),
}


def petition_name(target_id: int) -> str | None:
    return (
        Petition.objects.filter(pk=target_id, state__in=PUBLIC)
        .values_list("action", flat=True)
        .first()
    )


def petition_news(target_id: int, since: datetime) -> list[DigestItem]:
    if petition_name(target_id) is None:
        return []
    url = settings.TOWNHALL_BASE_URL + reverse("petition", args=[target_id])
    return [
        DigestItem(
            str(MILESTONES[event.action])
            + (
                f": {event.note}"
                if event.action in ("threshold reached", "debate scheduled")
                else ""
            ),
            event.petition.action,
            url,
            event.at,
        )
        for event in PetitionEvent.objects.filter(
            petition_id=target_id, at__gt=since, action__in=MILESTONES
        ).select_related("petition")
    ]


def petitions_citing(decision_id: int) -> list[Citation]:
    """Public petitions whose response cites the decision or one of its agenda items."""
    answered = Petition.objects.filter(
        Q(response__decision_id=decision_id) | Q(response__agenda_item__decisions__id=decision_id)
    ).distinct()
    return [
        Citation(_("Petition"), petition.action, reverse("petition", args=[petition.pk]))
        for petition in answered.filter(state__in=PUBLIC).order_by("-pk")
    ]
