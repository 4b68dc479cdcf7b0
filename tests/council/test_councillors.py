"""Councillors as residents meet them (issue 19, point 1, first part): a page each with
their party, ward, published contact, surgeries, committees with roles and terms and
their attendance; "find your councillors" by postcode or ward."""

from datetime import date, datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.postcodes import load_sample_postcodes
from townhall.core.models import Ward
from townhall.council.models import Committee, Councillor, Meeting, Membership
from townhall.council.services.attendance import attendance

pytestmark = pytest.mark.django_db


@pytest.fixture
def councillor(db) -> Councillor:
    return Councillor.objects.get(slug="reuben-thompstone")


def held(committee: Committee, day: date, *, present: list[Councillor]) -> Meeting:
    meeting = Meeting.objects.create(
        committee=committee,
        starts_at=timezone.make_aware(datetime.combine(day, datetime.min.time())),
        status=Meeting.Status.HELD,
    )
    meeting.attended.set(present)
    return meeting


def test_attendance_counts_held_meetings_of_their_committees_while_they_sat_on_them():
    someone = Councillor.objects.create(name="Ann Example", slug="ann-example")
    other = Councillor.objects.create(name="Bo Example", slug="bo-example")
    committee = Committee.objects.create(name="Test committee", slug="test-committee", remit="-")
    Membership.objects.create(
        committee=committee,
        councillor=someone,
        starts_on=date(2020, 1, 1),
        ends_on=date(2020, 12, 31),
    )
    held(committee, date(2019, 6, 1), present=[other])  # before their term: not expected
    held(committee, date(2020, 3, 1), present=[someone, other])
    held(committee, date(2020, 6, 1), present=[other])
    held(committee, date(2020, 9, 1), present=[someone])
    held(committee, date(2020, 11, 1), present=[])  # nobody recorded: says nothing
    held(committee, date(2021, 3, 1), present=[other])  # after it
    Meeting.objects.create(  # scheduled, not held: not counted
        committee=committee, starts_at=timezone.make_aware(datetime(2020, 10, 1))
    )
    found = attendance(someone)
    assert (found.expected, found.attended, found.rate) == (3, 2, 67)
    assert attendance(Councillor.objects.create(name="New", slug="new")).rate is None


def test_a_councillors_page_shows_their_public_role(client, councillor):
    councillor.email = "cllr.thompstone@example.org"
    councillor.surgeries = "First Saturday of the month, 10am, Golders Green Library\n"
    councillor.save()
    page = client.get(councillor.get_absolute_url()).content.decode()
    assert "Reuben Thompstone" in page and "Conservative" in page and "Golders Green" in page
    assert "cllr.thompstone@example.org" in page
    assert "First Saturday of the month" in page
    assert "Children, Education, Libraries and Safeguarding" in page and "Chair" in page
    assert "Attendance" in page


def test_a_photo_needs_a_description(councillor):
    councillor.photo_id = 1
    councillor.photo_alt = " "
    with pytest.raises(ValidationError) as refused:
        councillor.clean()
    assert "photo_alt" in refused.value.message_dict


def test_find_your_councillors_by_ward_or_postcode(client, councillor):
    ward = councillor.ward
    by_ward = client.get("/democracy/councillors/", {"ward": ward.code}).content.decode()
    assert f"Your councillors in {ward.name} ward" in by_ward and "Reuben Thompstone" in by_ward
    load_sample_postcodes()  # NW11 0AA is in Golders Green
    by_postcode = client.get("/democracy/councillors/", {"postcode": "nw110aa"}).content.decode()
    assert f"Your councillors in {ward.name} ward" in by_postcode
    other = Ward.objects.exclude(pk=ward.pk).filter(borough=ward.borough).first()
    Councillor.objects.filter(ward=other).delete()  # the demo fills every ward
    empty = client.get("/democracy/councillors/", {"ward": other.code}).content.decode()
    assert f"No councillors are recorded for {other.name} ward yet" in empty


@pytest.mark.parametrize(
    ("postcode", "message"),
    [
        ("not a postcode", "Enter a real postcode, like NW4 4BG, or choose your ward"),
        ("SW1A 1AA", "Barnet&#x27;s postcodes are not loaded on this site yet: choose your ward"),
    ],
)
def test_a_postcode_that_does_not_help_says_what_to_do(client, postcode, message):
    response = client.get("/democracy/councillors/", {"postcode": postcode})
    assert response.status_code == 400 and message in response.content.decode()
    assert "There is a problem" in response.content.decode()


# Minutes (issue 19, point 6): text, and when and by which meeting they were approved.
def test_approved_minutes_need_their_date_their_meeting_and_their_text():
    committee = Committee.objects.create(name="Minutes committee", slug="minutes", remit="-")
    first = held(committee, date(2020, 1, 10), present=[])
    second = held(committee, date(2020, 2, 10), present=[])
    first.minutes = Meeting.Minutes.APPROVED
    with pytest.raises(ValidationError) as refused:
        first.clean()
    assert set(refused.value.message_dict) == {
        "minutes_approved_on",
        "minutes_approved_at",
        "minutes_text",
    }
    other = held(
        Committee.objects.create(name="Other", slug="other", remit="-"),
        date(2020, 3, 1),
        present=[],
    )
    first.minutes_text = "<p>Resolved: to approve the plan.</p>"
    first.minutes_approved_on = date(2020, 1, 1)
    first.minutes_approved_at = other
    with pytest.raises(ValidationError) as refused:
        first.clean()
    assert set(refused.value.message_dict) == {"minutes_approved_on", "minutes_approved_at"}
    first.minutes_approved_on, first.minutes_approved_at = date(2020, 2, 10), second
    first.clean()
    first.save()


def test_a_meeting_shows_its_minutes_and_where_they_were_approved(client):
    meeting = (
        Meeting.objects.filter(minutes=Meeting.Minutes.APPROVED).first()
        or Meeting.objects.filter(minutes=Meeting.Minutes.DRAFT).first()
    )
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert 'id="minutes"' in page and "Resolved:" in page
    if meeting.minutes == Meeting.Minutes.APPROVED:
        assert meeting.minutes_approved_at.get_absolute_url() in page
        approver = client.get(meeting.minutes_approved_at.get_absolute_url()).content.decode()
        assert "This meeting approved the" in approver
    else:
        assert "draft, not yet approved" in page


def test_the_agenda_pack_is_every_paper_in_one_pdf(client):
    import io

    from pypdf import PdfReader

    meeting = Meeting.objects.filter(papers__isnull=False).distinct().first()
    response = client.get(f"/democracy/meetings/{meeting.pk}/pack.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pages = len(PdfReader(io.BytesIO(response.content)).pages)
    expected = 0
    for paper in meeting.papers.all():
        with paper.document.open_file() as handle:
            expected += len(PdfReader(handle).pages)
    assert pages == expected > 0
    assert "agenda-pack.pdf" in response["Content-Disposition"]
    empty = Meeting.objects.filter(papers__isnull=True).first()
    assert client.get(f"/democracy/meetings/{empty.pk}/pack.pdf").status_code == 404
    assert client.post(f"/democracy/meetings/{meeting.pk}/pack.pdf").status_code == 405
