"""Answers to events this week, for the editors of the events' sections."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from townhall.core.admin_views import scope_to_sections
from townhall.core.attention import Waiting
from townhall.events.models import Rsvp


def waiting(user) -> list[Waiting]:
    if not user.has_perm("events.view_rsvp"):
        return []
    recent = scope_to_sections(
        Rsvp.objects.filter(created_at__gte=timezone.now() - timedelta(days=7)), user, "event"
    )
    count = recent.count()
    # The words come from ngettext, passed as both forms (see core.attention).
    words = ngettext("event answer this week", "event answers this week", count)
    return [Waiting(words, words, count, reverse("event_answers:index"))]
