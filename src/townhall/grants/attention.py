"""Applications to screen and to decide, and overdue reports, for the staff of each scheme
and for the approvers, on the admin dashboard."""

from django.urls import reverse
from django.utils.translation import ngettext

from townhall.core import access, translations
from townhall.core.attention import Waiting
from townhall.grants import awarding, roles
from townhall.grants.models import Application, GrantSchemePage


def waiting(user) -> list[Waiting]:
    if not access.allows(user, "grants.view_rounds"):
        return []
    approver = roles.is_approver(user)
    schemes = translations.originals(GrantSchemePage.objects.all())  # each scheme once
    schemes = [s for s in schemes if roles.is_staff_for(user, s)]
    applications = Application.objects.filter(round__scheme__in=schemes)
    rounds = reverse("grant-rounds")
    # Waiting picks "one" or "many" by English rules; ngettext gives the right form for every
    # language, so both are the same words.
    to_screen = applications.filter(status=Application.Status.SUBMITTED).count()
    screen = ngettext("grant application to screen", "grant applications to screen", to_screen)
    overdue = awarding.overdue_reports().filter(award__scheme__in=schemes).count()
    late = ngettext("grant report overdue", "grant reports overdue", overdue)
    found = [
        Waiting(screen, screen, to_screen, rounds),
        Waiting(late, late, overdue, rounds, urgent=True),
    ]
    if approver:
        to_decide = Application.objects.filter(status=Application.Status.IN_ASSESSMENT).count()
        decide = ngettext("grant application to decide", "grant applications to decide", to_decide)
        found.append(Waiting(decide, decide, to_decide, rounds))
    return found
