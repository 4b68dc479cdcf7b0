"""The site's calendar shows the council's public meetings beside the groups' events
(issue 16), through core.happenings: the events app knows nothing of the council."""

import pytest
from django.utils import timezone

from townhall.council.models import Meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def next_meeting():
    return Meeting.objects.filter(starts_at__gte=timezone.now()).order_by("starts_at").first()


def test_upcoming_events_include_the_next_council_meeting(client, next_meeting):
    html = client.get("/events/").content.decode()
    assert f'href="/democracy/meetings/{next_meeting.pk}/"' in html
    assert "Council meeting" in html


def test_past_events_include_held_meetings_and_upcoming_ones_do_not(client):
    held = Meeting.objects.filter(starts_at__lt=timezone.now()).first()
    assert f'href="/democracy/meetings/{held.pk}/"' in client.get("/events/past/").content.decode()
    assert f'href="/democracy/meetings/{held.pk}/"' not in client.get("/events/").content.decode()


def test_a_groups_events_or_a_wards_leave_the_councils_meetings_out(client, next_meeting):
    link = f'href="/democracy/meetings/{next_meeting.pk}/"'
    assert link not in client.get("/events/", {"organisation": "alliance"}).content.decode()
    assert link in client.get("/events/", {"organisation": "council"}).content.decode()
    ward = client.get("/events/", {"ward": "E05013628"}).content.decode()
    assert link not in ward


def test_the_month_calendar_shows_the_meeting_on_its_day(client, next_meeting):
    when = timezone.localtime(next_meeting.starts_at)
    html = client.get(f"/events/calendar/{when.year}/{when.month}/").content.decode()
    assert f'href="/democracy/meetings/{next_meeting.pk}/"' in html
