"""Organisers see, export and email the people coming to their own events only."""

import pytest
from django.core import mail

from tests.events.conftest import answer
from townhall.events import services
from townhall.events.models import EventIndexPage, EventPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def answers(make_event):
    alliance_event = make_event(title="Alliance stall")
    services.confirm(services.rsvp(alliance_event, answer(1)))
    library_event = EventPage.objects.get(title="Campaign meeting, online")
    services.confirm(services.rsvp(library_event, answer(2)))
    return alliance_event, library_event


def test_each_organiser_sees_and_exports_only_their_own_events_answers(as_user, answers):
    editor = as_user("alliance-editor")
    listing = editor.get("/admin/event_answers/").content.decode()
    assert "person1@example.org" in listing and "person2@example.org" not in listing
    csv = b"".join(editor.get("/admin/event_answers/?export=csv").streaming_content).decode()
    assert "person1@example.org" in csv and "person2@example.org" not in csv
    assert "Alliance stall" in csv
    library = as_user("library-editor").get("/admin/event_answers/").content.decode()
    assert "person2@example.org" in library and "person1@example.org" not in library
    everyone = as_user("admin").get("/admin/event_answers/").content.decode()
    assert "person1@example.org" in everyone and "person2@example.org" in everyone


def test_an_organiser_emails_the_people_coming(
    as_user, answers, django_capture_on_commit_callbacks
):
    alliance_event, library_event = answers
    editor = as_user("alliance-editor")
    refused = editor.get(f"/admin/events/{library_event.pk}/email/")
    assert refused.status_code == 302 and refused["Location"] == "/admin/"  # Wagtail's refusal
    assert (
        "1 person is coming"
        in editor.get(f"/admin/events/{alliance_event.pk}/email/").content.decode()
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(
            f"/admin/events/{alliance_event.pk}/email/",
            {"subject": "Bring a coat", "message": "Rain is forecast."},
        )
    assert response.status_code == 302
    assert [(m.to[0], m.subject) for m in mail.outbox] == [("person1@example.org", "Bring a coat")]
    assert "Rain is forecast." in mail.outbox[0].body and "/cancel/" in mail.outbox[0].body
    moderator = as_user("alliance-moderator")
    assert moderator.get(f"/admin/events/{alliance_event.pk}/email/")["Location"] == "/admin/"


def test_the_event_page_header_offers_the_email_button(as_user, answers):
    alliance_event, _ = answers
    html = (
        as_user("alliance-editor").get(f"/admin/pages/{alliance_event.pk}/edit/").content.decode()
    )
    assert f"/admin/events/{alliance_event.pk}/email/" in html
    index = EventIndexPage.objects.get(url_path__contains="/alliance/")
    html = as_user("alliance-editor").get(f"/admin/pages/{index.pk}/edit/").content.decode()
    assert "/email/" not in html


def test_another_organisations_editor_cannot_change_an_answer_to_show_a_hidden_name(
    as_user, answers
):
    """Issue 15: editors could edit other organisations' answers (6 of 6 tries)."""
    alliance_event, _ = answers
    rsvp = alliance_event.rsvps.get()
    rsvp.hide_name = True
    rsvp.save(update_fields=["hide_name"])
    for view in ("edit", "history", "usage", "inspect", "delete"):
        response = as_user("library-editor").post(
            f"/admin/event_answers/{view}/{rsvp.pk}/", {"name": "Changed", "guests": 0}
        )
        assert response.status_code in (403, 404), view
    rsvp.refresh_from_db()
    assert rsvp.hide_name and rsvp.name != "Changed"
