"""Petitions onto the agenda (issue 19, point 8): reaching a tier debated by a committee
drafts an item on its next meeting; once officers publish it, the petition shows the
meeting and its webcast, the opted-in signers are told, and the lead petitioner is offered
a place to speak."""

import re
from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from townhall.council.models import AgendaItem, Committee, Meeting
from townhall.petitions import services
from townhall.petitions.models import Threshold

pytestmark = pytest.mark.django_db


@pytest.fixture
def cabinet_meeting(db) -> Meeting:
    return Meeting.objects.create(
        committee=Committee.objects.get(slug="cabinet"),
        starts_at=timezone.now() + timedelta(days=25),
        webcast_url="https://webcast.example/cabinet",
    )


@pytest.fixture
def debated_tier(borough) -> Threshold:
    tier = Threshold.objects.get(scheme__borough=borough, signatures=500)
    tier.debated_at = "cabinet"
    tier.save()
    return tier


def reach(petition, capture) -> None:
    with capture(execute=True):
        services.add_paper_signatures(petition, None, 500, date(2026, 11, 1), "Street stall")


def test_reaching_the_tier_drafts_an_item_and_publishing_it_tells_the_petition(
    client, open_petition, signer, cabinet_meeting, debated_tier, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        signature = services.sign(open_petition, signer(7, notify_by_email=True))
        services.confirm_signature(signature)
    mail.outbox.clear()
    reach(open_petition, django_capture_on_commit_callbacks)
    item = AgendaItem.objects.get(petition_id=open_petition.pk)
    assert item.draft and item.meeting == cabinet_meeting
    assert item.title == f"Petition: {open_petition.action}"
    assert any("untick" in m.body for m in mail.outbox)  # the officers are asked to check it
    meeting_page = client.get(cabinet_meeting.get_absolute_url()).content.decode()
    assert open_petition.action not in meeting_page  # a draft is not public
    assert "To be debated" not in client.get(f"/petitions/{open_petition.pk}/").content.decode()

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        item.draft = False
        item.save()
    page = client.get(f"/petitions/{open_petition.pk}/").content.decode()
    assert "To be debated at Cabinet" in page and "https://webcast.example/cabinet" in page
    by_address = {m.to[0]: m for m in mail.outbox}
    assert "person7@example.org" in by_address  # the signer who asked to hear
    lead = next(m for m in mail.outbox if "lead petitioner" in m.body)
    assert f"kind=deputation&petition={open_petition.pk}" in lead.body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        item.title = "Petition: tidied title"
        item.save()  # published again: nobody is told twice
    assert [m.subject for m in mail.outbox] == []


def test_without_a_meeting_officers_are_told_to_add_it_by_hand(
    open_petition, debated_tier, django_capture_on_commit_callbacks
):
    Meeting.objects.filter(committee__slug="cabinet", starts_at__gt=timezone.now()).delete()
    reach(open_petition, django_capture_on_commit_callbacks)
    assert not AgendaItem.objects.filter(petition_id=open_petition.pk).exists()
    assert any("no meeting is scheduled" in m.subject for m in mail.outbox)


def test_a_lead_petitioners_link_opens_the_form_as_a_request_to_speak_for_the_petition(
    client, cabinet_meeting
):
    url = f"/democracy/meetings/{cabinet_meeting.pk}/ask/?kind=deputation&petition=4"
    html = client.get(url).content.decode()
    assert 'name="petition" value="4"' in html
    chosen = re.search(r'<input[^>]*value="deputation"[^>]*>', html).group(0)
    assert "checked" in chosen


def test_signers_are_told_of_the_debate_in_the_language_they_signed_in(
    open_petition, signer, cabinet_meeting, debated_tier, django_capture_on_commit_callbacks
):
    from django.utils import translation
    from django.utils.dateformat import format as date_format

    from townhall.core.models import AddressLanguage

    with django_capture_on_commit_callbacks(execute=True):
        for number in (7, 8):
            services.confirm_signature(services.sign(open_petition, signer(number)))
    AddressLanguage.objects.create(address="person7@example.org", language="pl")
    reach(open_petition, django_capture_on_commit_callbacks)
    item = AgendaItem.objects.get(petition_id=open_petition.pk)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        item.draft = False
        item.save()
    by_address = {m.to[0]: m.body for m in mail.outbox}
    starts = timezone.localtime(cabinet_meeting.starts_at)
    with translation.override("pl"):
        polish_day = date_format(starts, "l j E Y")
    english_day = date_format(starts, "l j E Y")
    assert polish_day != english_day
    assert polish_day in by_address["person7@example.org"]
    assert english_day in by_address["person8@example.org"]
