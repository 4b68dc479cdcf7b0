"""Consultations that closed without publishing what was done, for their editors."""

from django.urls import reverse

from townhall.consultations import services
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
    return [
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
