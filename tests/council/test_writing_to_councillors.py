"""Writing to a councillor (issue 19, point 1): confirmed by email, sent with the writer's
details to the councillor only, a follow-up two weeks later, and the answers published."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from townhall.core import sweeps
from townhall.council.models import Councillor, CouncillorMessage
from townhall.council.services import contact

pytestmark = pytest.mark.django_db

LETTER = {
    "name": "Ada Lovelace",
    "email": "ada@example.org",
    "address": "1 Station Road\nNew Barnet",
    "postcode": "en5 1aa",
    "subject": "The footpath on Station Road",
    "body": "The footpath has been broken since March. Could you ask for it to be mended?",
}


@pytest.fixture
def councillor(db) -> Councillor:
    found = Councillor.objects.get(slug="reuben-thompstone")
    found.email = "cllr.thompstone@example.org"
    found.save()
    return found


@pytest.fixture
def write(client, councillor, django_capture_on_commit_callbacks):
    def write(**changes):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                f"/democracy/councillors/{councillor.slug}/write/", {**LETTER, **changes}
            )

    return write


def link(message, kind: str) -> str:
    return re.search(rf"http://[^\s]+/democracy/messages/[^\s/]+/{kind}/", message.body).group(0)


def confirm(client, capture, message) -> None:
    with capture(execute=True):
        assert client.post(link(message, "confirm")).status_code == 200


def test_a_message_waits_for_the_writer_to_confirm_then_goes_with_their_details(
    client, write, councillor, django_capture_on_commit_callbacks
):
    response = write()
    assert response.status_code == 200 and "Check your email" in response.content.decode()
    [asked] = mail.outbox
    assert asked.to == ["ada@example.org"] and "Station Road" in asked.body
    saved = CouncillorMessage.objects.get()
    assert saved.state == CouncillorMessage.State.UNCONFIRMED and saved.postcode == "EN5 1AA"
    page = client.get(link(asked, "confirm"))
    assert "Send my message" in page.content.decode() and len(mail.outbox) == 1  # GET sends nothing

    confirm(client, django_capture_on_commit_callbacks, asked)
    sent = mail.outbox[1]
    assert sent.to == [councillor.email] and sent.subject == LETTER["subject"]
    assert sent.extra_headers["Reply-To"] == "ada@example.org"
    assert "1 Station Road" in sent.body and "EN5 1AA" in sent.body and "mended?" in sent.body
    confirm(client, django_capture_on_commit_callbacks, asked)  # pressed again
    assert len(mail.outbox) == 2
    saved.refresh_from_db()
    assert saved.state == CouncillorMessage.State.SENT and saved.sent_at is not None


def test_the_writers_details_are_never_shown_on_the_site(client, write, councillor):
    write()
    page = client.get(councillor.get_absolute_url()).content.decode()
    for detail in ("Ada Lovelace", "ada@example.org", "Station Road", "EN5 1AA"):
        assert detail not in page


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"body": ""}, "Enter your message"),
        ({"body": "x " * 2600}, "5,000 characters or fewer"),
        ({"body": "Fix it"}, "Say a little more"),
        ({"subject": "Line\nbreak"}, "Remove the line breaks"),
        ({"email": "not-an-address"}, "Enter an email address in the correct format"),
        ({"postcode": "nowhere"}, "Enter a real postcode"),
        ({"address": ""}, "Enter your address"),
        ({"name": "<b>Ada</b>"}, "without &lt; or &gt;"),
    ],
)
def test_bad_letters_are_refused_with_what_to_fix_and_nothing_kept(write, changes, error):
    response = write(**changes)
    assert response.status_code == 400 and error in response.content.decode()
    assert not CouncillorMessage.objects.exists() and mail.outbox == []


def test_a_councillor_without_a_published_email_cannot_be_written_to(client, councillor):
    councillor.email = ""
    councillor.save()
    assert client.get(f"/democracy/councillors/{councillor.slug}/write/").status_code == 404
    assert "Write to" not in client.get(councillor.get_absolute_url()).content.decode()


def test_a_robot_filling_the_honeypot_is_told_the_same_and_nothing_is_sent(write):
    response = write(website="http://spam.example")
    assert "Check your email" in response.content.decode()
    assert not CouncillorMessage.objects.exists() and mail.outbox == []


@override_settings(TOWNHALL_RATE_LIMITS={"councillor_message": "2/3600"})
def test_writing_is_rate_limited(write):
    assert [write().status_code for _ in range(3)] == [200, 200, 429]


def test_an_old_confirmation_link_sends_nothing(client, write):
    write()
    CouncillorMessage.objects.update(created_at=timezone.now() - timedelta(days=8))
    response = client.post(link(mail.outbox[0], "confirm"))
    assert response.status_code == 410 and len(mail.outbox) == 1


def sent_message(councillor, days_ago: int, **fields) -> CouncillorMessage:
    return CouncillorMessage.objects.create(
        councillor=councillor,
        name="Writer",
        email=f"writer{CouncillorMessage.objects.count()}@example.org",
        subject="A subject",
        body="A message body",
        state=CouncillorMessage.State.SENT,
        sent_at=timezone.now() - timedelta(days=days_ago),
        **fields,
    )


def test_the_follow_up_goes_two_weeks_after_sending_once_however_often_swept(
    client, councillor, django_capture_on_commit_callbacks
):
    due = sent_message(councillor, days_ago=14)
    sent_message(councillor, days_ago=13)  # not yet
    with django_capture_on_commit_callbacks(execute=True):
        assert sweeps.run_all()["councillor follow-ups"] == 1
        assert sweeps.run_all()["councillor follow-ups"] == 0
    [asked] = mail.outbox
    assert asked.to == [due.email] and "Did they reply?" in asked.body

    answer = link(asked, "reply")
    assert client.post(answer, {}).status_code == 400  # no choice made
    assert "Thank you" in client.post(answer, {"replied": "no"}).content.decode()
    client.post(answer, {"replied": "yes"})  # a reply came later: the answer changes
    due.refresh_from_db()
    assert due.replied == CouncillorMessage.Reply.YES


@override_settings(TOWNHALL_RESPONSIVENESS_MIN_ANSWERS=3)
def test_responsiveness_is_published_only_with_enough_answers(client, councillor):
    sent_message(councillor, 20, replied="yes")
    sent_message(councillor, 20, replied="no")
    sent_message(councillor, 20)  # the writer never answered: not counted either way
    sent_message(councillor, 400, replied="no")  # more than a year ago
    found = contact.responsiveness(councillor)
    assert (found.sent, found.answered, found.replied, found.rate) == (3, 2, 1, None)
    assert (
        "Too few people have told us" in client.get(councillor.get_absolute_url()).content.decode()
    )

    sent_message(councillor, 30, replied="yes")
    assert contact.responsiveness(councillor).rate == 67
    page = client.get(councillor.get_absolute_url()).content.decode()
    assert "67%: 2 of the 3 people" in page


def test_the_writers_details_are_erased_after_the_keeping_time_and_the_answer_kept(councillor):
    old = sent_message(councillor, 29, replied="yes", address="1 Road", postcode="EN5 1AA")
    recent = sent_message(councillor, 10)
    CouncillorMessage.objects.create(  # never confirmed, its link long expired
        councillor=councillor,
        email="never@example.org",
        created_at=timezone.now() - timedelta(days=8),
    )
    assert sweeps.run_all()["councillor messages erased"] == 2
    old.refresh_from_db()
    assert (old.name, old.email, old.address, old.postcode, old.subject, old.body) == ("",) * 6
    assert old.replied == "yes" and old.erased_at is not None
    assert CouncillorMessage.objects.filter(pk=recent.pk, erased_at=None).exists()
    assert not CouncillorMessage.objects.filter(email="never@example.org").exists()
    assert contact.responsiveness(councillor).answered == 1
