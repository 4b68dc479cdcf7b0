"""Applications to screen and to decide, and overdue reports, for the staff of each scheme
and for the approvers, on the admin dashboard."""

from django.urls import reverse

from townhall.core import access
from townhall.core.attention import Waiting
from townhall.grants import awarding, roles
from townhall.grants.models import Application, GrantSchemePage


def waiting(user) -> list[Waiting]:
    if not access.allows(user, "grants.view_rounds"):
        return []
    approver = roles.is_approver(user)
    schemes = [s for s in GrantSchemePage.objects.all() if roles.is_staff_for(user, s)]
    applications = Application.objects.filter(round__scheme__in=schemes)
    rounds = reverse("grant-rounds")
    found = [
        Waiting(
            "grant application to screen",
            "grant applications to screen",
            applications.filter(status=Application.Status.SUBMITTED).count(),
            rounds,
        ),
        Waiting(
            "grant report overdue",
            "grant reports overdue",
            awarding.overdue_reports().filter(award__scheme__in=schemes).count(),
            rounds,
            urgent=True,
        ),
    ]
    if approver:
        deciding = Application.objects.filter(status=Application.Status.IN_ASSESSMENT)
        found.append(
            Waiting(
                "grant application to decide",
                "grant applications to decide",
                deciding.count(),
                rounds,
            )
        )
    return found
