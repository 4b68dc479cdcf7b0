"""Plain words for agenda items (issue 29, point 4): an officer's summary shown first in its
item on the meeting's page, with the reading age it needs; the council's dashboard counts the
items of meetings to come without one, and still the decisions."""

import re

import pytest
from django.utils import timezone

from townhall.core.plain_words import reading_age
from townhall.council.models import AgendaItem, Decision

pytestmark = pytest.mark.django_db

PLAIN = (
    "The council will talk about the budget. It will look at what it spends on parks.\n"
    "You can watch the meeting online."
)


def _item_html(html: str, item: AgendaItem) -> str:
    return re.search(rf'id="item-{item.number}">(.*?)</li>', html, re.S).group(1)


def test_the_meeting_page_shows_an_items_plain_words_first_with_their_reading_age(client):
    item = AgendaItem.objects.get(title="One Barnet framework")  # the demo's, illustrative
    item.plain_summary = PLAIN
    item.text = "<p>Report of the Chief Executive on the framework.</p>"
    item.save()
    html = client.get(item.meeting.get_absolute_url()).content.decode()
    inside = _item_html(html, item)
    assert inside.index("In plain words") < inside.index("Report of the Chief Executive")
    assert f'<h4 class="th-heading-s" id="plain-words-item-{item.number}">' in inside
    assert "<p>You can watch the meeting online.</p>" in inside
    assert f"Reading age: about {reading_age(PLAIN)}." in inside


def test_an_item_without_plain_words_shows_no_box(client):
    item = AgendaItem.objects.filter(plain_summary="", draft=False).first()
    html = client.get(item.meeting.get_absolute_url()).content.decode()
    assert "In plain words" not in _item_html(html, item)


def test_the_demo_has_an_agenda_item_in_plain_words():
    assert AgendaItem.objects.exclude(plain_summary="").exists()


def _count(html: str, words: str) -> int | None:
    found = re.search(rf"<strong>(\d+)</strong>\s*{words}", html)
    return int(found.group(1)) if found else None


def test_the_dashboard_counts_items_of_meetings_to_come_without_plain_words(as_user):
    to_come = AgendaItem.objects.without_plain_words()
    assert to_come.count() > 0
    assert all(item.meeting.starts_at >= timezone.now() for item in to_come)
    assert not to_come.filter(title="One Barnet framework").exists()  # long past
    html = as_user("council-officer").get("/admin/").content.decode()
    items = "agenda items of meetings to come without a summary in plain words"
    assert _count(html, items) == to_come.count()
    decisions = "decisions published without a summary in plain words"
    assert _count(html, decisions) == Decision.objects.without_plain_words().count()
    to_come.update(plain_summary=PLAIN)
    html = as_user("council-officer").get("/admin/").content.decode()
    assert "meetings to come without a summary" not in html
    assert _count(html, decisions)  # the decisions are still listed
    assert "without a summary" not in as_user("alliance-editor").get("/admin/").content.decode()


def test_a_draft_item_or_a_cancelled_meeting_is_not_counted():
    item = AgendaItem.objects.without_plain_words().first()
    before = AgendaItem.objects.without_plain_words().count()
    AgendaItem.objects.filter(pk=item.pk).update(draft=True)
    assert AgendaItem.objects.without_plain_words().count() == before - 1
    meeting = item.meeting
    meeting.status = "cancelled"
    meeting.save()
    assert not AgendaItem.objects.without_plain_words().filter(meeting=meeting).exists()


def test_officers_write_an_items_plain_words_in_the_admin(as_user):
    item = AgendaItem.objects.without_plain_words().first()
    officer = as_user("council-officer")
    assert (
        'name="plain_summary"' in officer.get(f"/admin/agendaitem/edit/{item.pk}/").content.decode()
    )
    meeting_form = officer.get(f"/admin/meeting/edit/{item.meeting_id}/").content.decode()
    assert "agenda-0-plain_summary" in meeting_form
