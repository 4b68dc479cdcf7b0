"""Committees, meetings and the decisions register, in public and for officers."""

import pytest
from icalendar import Calendar

from townhall.council.models import Decision, Meeting

pytestmark = pytest.mark.django_db


def test_a_committee_shows_its_remit_members_and_meetings(client):
    html = client.get(
        "/democracy/committees/children-education-libraries-safeguarding/"
    ).content.decode()
    assert "Reuben Thompstone" in html and "Chair" in html and "Conservative" in html
    assert "Upcoming meetings" in html and "Library strategy agreed" in html


def test_a_meeting_shows_its_agenda_papers_with_page_counts_and_decisions(client):
    meeting = Meeting.objects.get(committee__slug="cabinet-resources")
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "3. New Support and Customer Service Organisation: business case" in html
    assert "NSCSO business case" in html and "(4 pages)" in html
    assert "Business case for outsourcing" in html and "Approved" in html


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("body=cabinet", "One Barnet framework approved", "Library strategy agreed"),
        ("decided_from=2016-01-01&decided_to=2016-12-31", "Library strategy", "framework approved"),
        ("topic=children", "Improvement plan", "Library strategy"),
        ("maker=committee&status=implemented", "Library strategy", "nothing-hidden"),
    ],
)
def test_the_register_filters(client, query, shown, hidden):
    html = client.get(f"/democracy/decisions/?{query}").content.decode()
    assert shown in html and hidden not in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("decided_from=2017-01-01&decided_to=2016-01-01", "The end date must be on or after"),
        ("body=no-such-committee", "Choose a committee from the list"),
        ("decided_from=31/02/2017", "Enter the start date as a real date"),
    ],
)
def test_bad_filters_say_what_to_fix(client, query, message):
    response = client.get(f"/democracy/decisions/?{query}")
    assert response.status_code == 400 and message in response.content.decode()
    assert "There is a problem" in response.content.decode()


def test_feeds_and_the_meetings_calendar(client):
    rss = client.get("/democracy/decisions/feed/").content.decode()
    assert "<rss" in rss and "One Barnet framework approved" in rss
    assert "<feed" in client.get("/democracy/decisions/feed/atom/").content.decode()
    calendar = Calendar.from_ical(client.get("/democracy/meetings.ics").content)
    summaries = [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]
    assert "Children, Education, Libraries and Safeguarding Committee" in summaries
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/London"


def test_decisions_link_to_their_meeting_and_papers(client):
    decision = Decision.objects.get(title__startswith="One Barnet framework")
    html = client.get(decision.get_absolute_url()).content.decode()
    assert decision.meeting.get_absolute_url() in html and "item 3" in html
    assert "One Barnet framework report" in html


def test_officers_keep_the_record_and_group_editors_cannot(as_user):
    officer = as_user("council-officer")
    assert "One Barnet framework approved" in officer.get("/admin/decision/").content.decode()
    assert officer.get("/admin/decision/new/").status_code == 200
    refused = as_user("alliance-editor").get("/admin/decision/")
    assert refused.status_code == 302 and refused["Location"] == "/admin/"


def test_an_officers_edit_shows_at_once_on_cached_pages(client, settings):
    settings.TOWNHALL_PAGE_CACHE_SECONDS = 300
    assert "Renamed decision" not in client.get("/democracy/decisions/").content.decode()
    assert client.get("/democracy/decisions/")["X-Townhall-Cache"] == "hit"
    decision = Decision.objects.get(title__startswith="One Barnet framework")
    decision.title = "Renamed decision"
    decision.save()
    assert "Renamed decision" in client.get("/democracy/decisions/").content.decode()
