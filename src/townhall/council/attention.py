"""What waits for the council's officers on the admin dashboard."""

from django.urls import reverse

from townhall.core import access
from townhall.core.attention import Waiting
from townhall.council.models import Decision


def waiting(user) -> list[Waiting]:
    if not access.allows(user, "council.change_decision"):
        return []
    return [
        Waiting(
            "decision published without a summary in plain words",
            "decisions published without a summary in plain words",
            Decision.objects.without_plain_words().count(),
            reverse("decision:index"),
        )
    ]
