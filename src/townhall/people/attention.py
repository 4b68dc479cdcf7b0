"""New supporters this week, for their organisation's editors and moderators."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from townhall.core.attention import Waiting
from townhall.core.services.organisations import organisations_for_user
from townhall.people.models import Supporter

WEEK = timedelta(days=7)


def waiting(user) -> list[Waiting]:
    if not user.has_perm("people.view_supporter"):
        return []
    new = Supporter.objects.filter(
        organisation__in=organisations_for_user(user),
        joined_at__gte=timezone.now() - WEEK,
        status=Supporter.Status.CONFIRMED,
    )
    count = new.count()
    # Waiting picks "one" or "many" by English rules; ngettext gives the right form for
    # every language, so both are the same words.
    words = ngettext("new supporter this week", "new supporters this week", count)
    return [Waiting(words, words, count, reverse("supporters:index"))]
