"""Following a committee or a councillor (issue 19, point 7): their agendas, papers, minutes
and decisions arrive in the follower's digest, each once."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from wagtail.documents import get_document_model

from townhall.council.models import (
    AgendaItem,
    Committee,
    Councillor,
    Decision,
    Meeting,
    MeetingPaper,
)
from townhall.follows import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def follow(client, django_capture_on_commit_callbacks):
    def follow(kind: str, target_id: int, email: str) -> None:
        with django_capture_on_commit_callbacks(execute=True):
            client.post(f"/follow/{kind}/{target_id}/", {"email": email, "frequency": "daily"})
        link = re.search(r"http://\S+(/follow/confirm/\S+/)", mail.outbox[-1].body).group(1)
        client.post(link)

    return follow


def digests(capture) -> dict[str, str]:
    mail.outbox.clear()
    with capture(execute=True):
        services.send_digests(timezone.now() + timedelta(days=1, minutes=1))
    return {m.to[0]: m.body for m in mail.outbox}


def test_a_committees_followers_hear_of_its_agenda_papers_minutes_and_decisions(
    client, follow, django_capture_on_commit_callbacks
):
    committee = Committee.objects.get(slug="children-education-libraries-safeguarding")
    assert "Follow by email" in client.get(committee.get_absolute_url()).content.decode()
    follow("committee", committee.pk, "watcher@example.org")
    follow("councillor", Councillor.objects.get(slug="reuben-thompstone").pk, "fan@example.org")
    meeting = Meeting.objects.create(
        committee=committee, starts_at=timezone.now() + timedelta(days=20)
    )
    AgendaItem.objects.create(meeting=meeting, number=1, title="Apologies")
    AgendaItem.objects.create(meeting=meeting, number=2, title="Library hours")  # same agenda
    MeetingPaper.objects.create(meeting=meeting, document=get_document_model().objects.first())
    meeting.minutes, meeting.minutes_text = "draft", "<p>Present: all.</p>"
    meeting.save()
    Decision.objects.create(
        title="Saturday hours kept",
        summary="-",
        decided_on=timezone.localdate(),
        committee=committee,
    )
    sent = digests(django_capture_on_commit_callbacks)
    assert sent["watcher@example.org"].count("Agenda published") == 1
    for news in ("New paper", "Minutes published", "Decision taken", "Saturday hours kept"):
        assert news in sent["watcher@example.org"]
    # The councillor chairs the committee: their follower hears the same.
    assert "Saturday hours kept" in sent["fan@example.org"]
    assert digests(django_capture_on_commit_callbacks) == {}  # told once
