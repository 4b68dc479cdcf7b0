"""Petitions waiting for the council's petitions officers, on the admin dashboard."""

from django.urls import reverse

from townhall.core import access
from townhall.core.attention import Waiting
from townhall.petitions.models import Petition


def waiting(user) -> list[Waiting]:
    if not access.allows(user, "petitions.moderate_petition"):
        return []
    petitions = reverse("wagtailsnippets_petitions_petition:list")
    owed = (
        Petition.objects.filter(state__in=[Petition.State.OPEN, Petition.State.CLOSED])
        .filter(reached__isnull=False, response__isnull=True)
        .distinct()
    )
    return [
        Waiting(
            "petition waiting for moderation",
            "petitions waiting for moderation",
            Petition.objects.filter(state=Petition.State.SPONSORED).count(),
            f"{petitions}?state=sponsored",
        ),
        Waiting(
            "petition flagged for a second moderator",
            "petitions flagged for a second moderator",
            Petition.objects.filter(state=Petition.State.FLAGGED).count(),
            f"{petitions}?state=flagged",
        ),
        Waiting(
            "petition past a threshold with no response yet",
            "petitions past a threshold with no response yet",
            owed.count(),
            f"{petitions}?state=open",
            urgent=True,
        ),
    ]
