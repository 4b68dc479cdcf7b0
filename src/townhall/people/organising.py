"""The people app's part of a group's dashboard (core.organising): new people this week,
and how its latest mailings went."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from townhall.core.organising import Row, Section
from townhall.people import mailing_delivery
from townhall.people.models import Mailing, Person

LATEST_MAILINGS = 3


def people_section(organisation) -> Section:
    found = Person.objects.filter(organisation=organisation)
    week_ago = timezone.now() - timedelta(days=7)
    return Section(
        _("People"),
        figures=[
            (_("New this week"), str(found.filter(first_seen_at__gte=week_ago).count())),
            (_("Agree to emails"), str(found.with_email_consent().count())),
            (_("In all"), str(found.count())),
        ],
        more_url=reverse("people:index") + f"?organisation={organisation.pk}",
    )


def mailings_section(organisation) -> Section | None:
    latest = list(Mailing.objects.filter(organisation=organisation)[:LATEST_MAILINGS])
    if not latest:
        return None
    rows = []
    for mailing in latest:
        if mailing.state in (Mailing.State.SENT, Mailing.State.SENDING):
            figures = mailing_delivery.figures(mailing)
            detail = _(
                "%(sent)s sent, %(bounced)s bounced, %(clicked)s followed a link, "
                "%(unsubscribed)s unsubscribed"
            ) % {key: figures[key] for key in ("sent", "bounced", "clicked", "unsubscribed")}
        else:
            detail = mailing.get_state_display()
        rows.append(Row(mailing.subject, detail, reverse("mailings:inspect", args=[mailing.pk])))
    return Section(_("Mailings"), rows=rows, more_url=reverse("mailings:index"))
