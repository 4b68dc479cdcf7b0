"""Consultations that closed without publishing what was done, for their editors."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from townhall.consultations import moderation, services
from townhall.consultations.models import ConsultationPage
from townhall.core import access, translations
from townhall.core.attention import Waiting


def waiting(user) -> list[Waiting]:
    if not access.allows(user, "consultations.view_consultations"):
        return []
    mine = [
        page
        for page in translations.originals(ConsultationPage.objects.live()).prefetch_related(
            "stages"
        )
        if access.allows(user, "consultations.manage_consultation", page)
    ]
    statuses = [services.status(page) for page in mine]
    owed = [status for status in statuses if status.outcome_overdue]
    closed = [status for status in statuses if status.state == services.CLOSED]
    # Open now, so residents reading it this week would be helped by a summary in plain words.
    unexplained = [
        page
        for page, status in zip(mine, statuses, strict=True)
        if status.state == services.OPEN and not page.plain_summary.strip()
    ]
    responses = reverse("consultation-responses")
    to_moderate = [(page, len(moderation.waiting(page))) for page in mine]
    busiest = max(to_moderate, key=lambda pair: pair[1], default=(None, 0))[0]
    # Each count's words come from ngettext, passed as both forms (see core.attention).
    answers = sum(count for _page, count in to_moderate)
    waiting_outcome = len(closed) - len(owed)
    to_publish = ngettext(
        "answer to moderate before it is published",
        "answers to moderate before they are published",
        answers,
    )
    overdue = ngettext(
        "consultation closed for over the promised time with no outcome",
        "consultations closed for over the promised time with no outcome",
        len(owed),
    )
    no_outcome = ngettext(
        "consultation closed and waiting for its outcome (we did)",
        "consultations closed and waiting for their outcome (we did)",
        waiting_outcome,
    )
    return [
        Waiting(
            to_publish,
            to_publish,
            answers,
            reverse("consultation-moderate", args=[busiest.pk]) if busiest else responses,
        ),
        Waiting(overdue, overdue, len(owed), responses, urgent=True),
        Waiting(no_outcome, no_outcome, waiting_outcome, responses),
        Waiting(
            _("consultation open now without a summary in plain words"),
            _("consultations open now without a summary in plain words"),
            len(unexplained),
            reverse("wagtailadmin_pages:edit", args=[unexplained[0].pk]) if unexplained else "",
        ),
    ]
