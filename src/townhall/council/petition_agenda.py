"""Petitions onto the agenda, the council's side (core.agenda says how the two apps meet):
a petition that reached a debate is drafted onto its committee's next meeting for officers
to check; once they publish the item, the petition is told its meeting, once."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from townhall.core import agenda
from townhall.core.mail import send_email_after_commit
from townhall.council.models import AgendaItem, Committee, Meeting

OFFICERS_GROUP = "Democratic services"


def _tell_officers(subject: str, **context) -> None:
    group = Group.objects.filter(name=OFFICERS_GROUP).first()
    if group is None:
        return
    body = render_to_string("council/emails/petition_for_officers.txt", context)
    emails = group.user_set.filter(is_active=True).exclude(email="").values_list("email", flat=True)
    for email in sorted(set(emails)):
        send_email_after_commit(email, subject, body)


@transaction.atomic
def propose(petition: agenda.PetitionForDebate) -> bool:
    """Draft the item on the committee's next scheduled meeting; officers are told either way."""
    committee = Committee.objects.filter(slug=petition.committee).first()
    meeting = (
        Meeting.objects.filter(
            committee=committee, status=Meeting.Status.SCHEDULED, starts_at__gt=timezone.now()
        )
        .order_by("starts_at")
        .first()
        if committee
        else None
    )
    if meeting is None:
        _tell_officers(
            _("A petition is due a debate, but no meeting is scheduled"),
            petition=petition,
            committee=committee,
            meeting=None,
        )
        return False
    if AgendaItem.objects.filter(
        petition_id=petition.petition_id, meeting__committee=committee
    ).exists():
        return True  # drafted before (a second tier for the same body)
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()  # numbers in turn
    last = meeting.agenda.aggregate(n=Max("number"))["n"] or 0
    item = AgendaItem.objects.create(
        meeting=meeting,
        number=last + 1,
        title=f"Petition: {petition.action}"[:300],
        draft=True,
        petition_id=petition.petition_id,
    )
    _tell_officers(
        _("Petition drafted onto the agenda of %(meeting)s") % {"meeting": meeting},
        petition=petition,
        committee=committee,
        meeting=meeting,
        admin_url=settings.TOWNHALL_BASE_URL + reverse("agendaitem:edit", args=[item.pk]),
    )
    return True


def _debate(item: AgendaItem) -> agenda.Debate:
    meeting = item.meeting
    base = settings.TOWNHALL_BASE_URL
    return agenda.Debate(
        committee=meeting.committee.name,
        starts_at=meeting.starts_at,
        meeting_url=base + meeting.get_absolute_url() + f"#item-{item.number}",
        webcast_url=meeting.webcast_url,
        speak_url=base
        + reverse("meeting-ask", args=[meeting.pk])
        + f"?kind=deputation&petition={item.petition_id}",
    )


def find(petition_id: int) -> agenda.Debate | None:
    """The published item debating the petition, the latest if there are several."""
    item = (
        AgendaItem.objects.published()
        .filter(petition_id=petition_id)
        .select_related("meeting__committee")
        .order_by("-meeting__starts_at")
        .first()
    )
    return _debate(item) if item else None


def announce_once(item: AgendaItem) -> None:
    """Tell the petition its meeting when officers first publish the item."""
    now = timezone.now()
    first = AgendaItem.objects.filter(pk=item.pk, petition_announced_at__isnull=True).update(
        petition_announced_at=now
    )
    item.petition_announced_at = now  # so that saving this instance again keeps it
    if first:
        debate = _debate(item)
        transaction.on_commit(lambda: agenda.announce(item.petition_id, debate))


def bodies() -> list[tuple[str, str]]:
    return list(Committee.objects.values_list("slug", "name"))
