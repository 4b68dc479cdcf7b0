"""Petitions waiting for the council's petitions officers, on the admin dashboard."""

from django.urls import reverse
from django.utils.translation import ngettext

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
    # Each count's words come from ngettext, passed as both forms (see core.attention).
    sponsored = Petition.objects.filter(state=Petition.State.SPONSORED).count()
    flagged = Petition.objects.filter(state=Petition.State.FLAGGED).count()
    unanswered = owed.count()
    moderation = ngettext(
        "petition waiting for moderation", "petitions waiting for moderation", sponsored
    )
    second = ngettext(
        "petition flagged for a second moderator",
        "petitions flagged for a second moderator",
        flagged,
    )
    no_response = ngettext(
        "petition past a threshold with no response yet",
        "petitions past a threshold with no response yet",
        unanswered,
    )
    return [
        Waiting(moderation, moderation, sponsored, f"{petitions}?state=sponsored"),
        Waiting(second, second, flagged, f"{petitions}?state=flagged"),
        Waiting(no_response, no_response, unanswered, f"{petitions}?state=open", urgent=True),
    ]
