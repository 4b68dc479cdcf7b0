"""In the admin, what came from ModernGov says so and stays as ModernGov has it; officers
still edit what ModernGov does not hold."""

import re
from datetime import date

import pytest

from townhall.council.models import AgendaItem, Councillor, Meeting
from townhall.council.moderngov.sync import Window, sync_site

pytestmark = pytest.mark.django_db

FROM_MODERNGOV = "From ModernGov: change it on the council&#x27;s ModernGov site"


def _synced(moderngov) -> None:
    assert sync_site(moderngov.url, Window(date(2025, 1, 1), date(2031, 12, 31))).refused == []


def _field(html: str, name: str) -> str:
    found = re.search(rf"<(input|select|textarea)[^>]*\bname=\"{name}\"[^>]*>", html)
    assert found, f"no field {name}"
    return found.group(0)


def test_a_synced_meetings_fields_say_they_come_from_moderngov(moderngov, as_user):
    _synced(moderngov)
    held = Meeting.objects.get(moderngov_id=2001)
    html = as_user("council-officer").get(f"/admin/meeting/edit/{held.pk}/").content.decode()
    assert FROM_MODERNGOV in html
    assert "disabled" in _field(html, "venue")
    assert "disabled" not in _field(html, "webcast_url")  # ModernGov gives no address
    assert "disabled" not in _field(html, "minutes_approved_on")
    # Its agenda items from ModernGov are marked too; the outcome is the officers'.
    assert "disabled" in _field(html, "agenda-0-title")
    assert "disabled" not in _field(html, "agenda-0-outcome")


def test_an_officers_own_record_has_no_mark(as_user):
    typed = Meeting.objects.filter(moderngov_id=None).first()
    html = as_user("council-officer").get(f"/admin/meeting/edit/{typed.pk}/").content.decode()
    assert FROM_MODERNGOV not in html
    assert "disabled" not in _field(html, "venue")


def test_an_officer_edits_what_moderngov_does_not_hold_and_cannot_change_what_it_does(
    moderngov, as_user
):
    _synced(moderngov)
    ada = Councillor.objects.get(moderngov_id=501)
    officer = as_user("council-officer")
    html = officer.get(f"/admin/councillor/edit/{ada.pk}/").content.decode()
    assert "disabled" in _field(html, "name") and "disabled" in _field(html, "email")
    assert "disabled" not in _field(html, "surgeries")
    answer = officer.post(
        f"/admin/councillor/edit/{ada.pk}/",
        {
            "name": "Someone Else",
            "slug": ada.slug,
            "email": "someone@example.org",
            "photo_alt": "Ada Example smiling",
            "phone": "020 8359 0000",
            "surgeries": "Saturdays at the library",
            "elected_on": "",
        },
    )
    assert answer.status_code == 302, answer.content.decode()[:3000]
    ada.refresh_from_db()
    assert (ada.name, ada.email) == ("Ada Example", "ada.example@example.gov.uk")
    assert (ada.phone, ada.photo_alt) == ("020 8359 0000", "Ada Example smiling")
    _synced(moderngov)  # and the next sync keeps the officers' part
    ada.refresh_from_db()
    assert (ada.phone, ada.surgeries, ada.photo_alt) == (
        "020 8359 0000",
        "Saturdays at the library",
        "Ada Example smiling",
    )


def test_an_agenda_item_officers_add_to_a_synced_meeting_is_theirs(moderngov, as_user):
    _synced(moderngov)
    held = Meeting.objects.get(moderngov_id=2001)
    own = AgendaItem.objects.create(meeting=held, number=8, title="Deputation: library hours")
    html = as_user("council-officer").get(f"/admin/agendaitem/edit/{own.pk}/").content.decode()
    assert FROM_MODERNGOV not in html
    _synced(moderngov)
    assert AgendaItem.objects.get(pk=own.pk).title == "Deputation: library hours"
