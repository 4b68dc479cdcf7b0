"""Petitions onto the agenda, the petitions' side (core.agenda says how the two apps meet):
a tier debated by a committee proposes the petition; once officers publish the item, the
signers who asked to hear are told the date and the lead petitioner is offered to speak."""

from dataclasses import asdict
from datetime import datetime

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task

from townhall.core import agenda, pagecache
from townhall.core.languages import speaking_to, written_in_their_languages
from townhall.core.mail import send_email_after_commit
from townhall.petitions.models import Petition, PetitionEvent, Signature, Threshold


def propose(petition: Petition, threshold: Threshold, signatures: int) -> bool:
    if not threshold.debated_at:
        return False
    return agenda.propose(
        agenda.PetitionForDebate(
            petition_id=petition.pk,
            action=petition.action,
            url=settings.TOWNHALL_BASE_URL + reverse("petition", args=[petition.pk]),
            signatures=signatures,
            tier=threshold.name,
            committee=threshold.debated_at,
        )
    )


def announced(petition_id: int, debate: agenda.Debate) -> None:
    """Officers published the item: the signers are told by the worker, however many."""
    tell_of_debate.enqueue(
        petition_id, asdict(debate) | {"starts_at": debate.starts_at.isoformat()}
    )


@task()
def tell_of_debate(petition_id: int, debate: dict) -> None:
    """Tell those who asked, and the lead petitioner, where and when it is debated."""
    debate = agenda.Debate(**debate | {"starts_at": datetime.fromisoformat(debate["starts_at"])})
    petition = Petition.objects.filter(pk=petition_id).first()
    if petition is None:
        return
    PetitionEvent.objects.create(
        petition=petition, action="debate scheduled", note=f"{debate.committee}"
    )
    pagecache.invalidate(f"petition:{petition.pk}")
    context = {"petition": petition, "debate": debate}
    lead = petition.signatures.filter(is_creator=True).exclude(email="").first()
    if lead is not None:
        with speaking_to(lead.email):
            body = render_to_string("petitions/emails/debate_lead.txt", context)
            subject = _("Your petition will be debated at %(committee)s") % {
                "committee": debate.committee
            }
        send_email_after_commit(lead.email, subject, body)
    signers = petition.signatures.filter(
        state=Signature.State.VALIDATED, notify_by_email=True, is_creator=False
    )

    def write() -> tuple[str, str]:
        return (
            _("A petition you signed will be debated at %(committee)s")
            % {"committee": debate.committee},
            render_to_string("petitions/emails/debate_signers.txt", context),
        )

    addresses = signers.values_list("email", flat=True).iterator()
    for email, subject, body in written_in_their_languages(addresses, write):
        send_email_after_commit(email, subject, body)
