"""Consultations that closed without publishing what was done, for their editors."""

from django.urls import reverse

from townhall.consultations import moderation, services
from townhall.consultations.models import ConsultationPage
from townhall.core import access
from townhall.core.attention import Waiting


def waiting(user) -> list[Waiting]:
    if not access.allows(user, "consultations.view_consultations"):
        return []
    mine = [
        page
        for page in ConsultationPage.objects.live().prefetch_related("stages")
        if access.allows(user, "consultations.manage_consultation", page)
    ]
    statuses = [services.status(page) for page in mine]
    owed = [status for status in statuses if status.outcome_overdue]
    closed = [status for status in statuses if status.state == services.CLOSED]
    responses = reverse("consultation-responses")
    to_moderate = [(page, len(moderation.waiting(page))) for page in mine]
    busiest = max(to_moderate, key=lambda pair: pair[1], default=(None, 0))[0]
    return [
        Waiting(
            "answer to moderate before it is published",
            "answers to moderate before they are published",
            sum(count for _page, count in to_moderate),
            reverse("consultation-moderate", args=[busiest.pk]) if busiest else responses,
        ),
        Waiting(
            "consultation closed for over the promised time with no outcome",
            "consultations closed for over the promised time with no outcome",
            len(owed),
            responses,
            urgent=True,
        ),
        Waiting(
            "consultation closed and waiting for its outcome (we did)",
            "consultations closed and waiting for their outcome (we did)",
            len(closed) - len(owed),
            responses,
        ),
    ]
