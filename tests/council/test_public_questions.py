"""Residents' questions and requests to speak (issue 19, point 4): the committee's deadline
in working days, email confirmation, officers accepting or refusing with the reason, the
question published with the agenda and the answer with the minutes, an email at each step."""

import re
from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from townhall.council.models import Committee, Meeting, PublicQuestion
from townhall.council.services import questions

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _without_the_demos_publicquestions(db):
    """The demo has some; these tests count their own."""
    PublicQuestion.objects.all().delete()


ASKED = {
    "kind": "question",
    "name": "Grace Hopper",
    "email": "grace@example.org",
    "text": "How many libraries will keep staffed hours on Saturdays next year?",
}


@pytest.fixture
def meeting(db) -> Meeting:
    committee = Committee.objects.get(slug="children-education-libraries-safeguarding")
    return Meeting.objects.create(
        committee=committee,
        starts_at=timezone.now() + timedelta(days=30),
        venue="Hendon Town Hall",
    )


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    def post(url: str, data: dict | None = None):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data or {})

    return post


def link(message, kind: str = "confirm") -> str:
    return re.search(rf"http://[^\s]+/democracy/questions/[^\s/]+/{kind}/", message.body).group(0)


def test_the_deadline_is_working_days_before_the_meeting_at_the_end_of_the_day():
    committee = Committee(name="T", slug="t", remit="-", question_deadline_days=10)
    meeting = Meeting(committee=committee, starts_at=timezone.make_aware(datetime(2027, 1, 7, 19)))
    closes = timezone.localtime(questions.deadline(meeting))
    assert (closes.date().isoformat(), closes.hour, closes.minute) == ("2026-12-21", 23, 59)
    assert questions.taking_questions(meeting, now=closes)
    assert not questions.taking_questions(meeting, now=closes + timedelta(seconds=1))
    committee.question_deadline_days = 0
    assert questions.deadline(meeting) is None


def test_a_question_goes_from_the_resident_to_the_agenda_and_its_answer_to_the_minutes(
    client, post, meeting, django_capture_on_commit_callbacks
):
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Ask a question or ask to speak" in page
    answer = post(f"/democracy/meetings/{meeting.pk}/ask/", ASKED)
    assert answer.status_code == 200 and "Check your email" in answer.content.decode()
    [confirm_email] = mail.outbox
    question = PublicQuestion.objects.get()
    assert question.state == PublicQuestion.State.UNCONFIRMED

    post(link(confirm_email))
    question.refresh_from_db()
    assert question.state == PublicQuestion.State.SUBMITTED
    received = [m for m in mail.outbox if m.to == ["grace@example.org"]]
    assert received[-1].subject == "We have your question"
    assert any(
        "Accept it or say why not" in m.body for m in mail.outbox if m.to != ["grace@example.org"]
    )
    assert "How many libraries" not in client.get(meeting.get_absolute_url()).content.decode()

    with django_capture_on_commit_callbacks(execute=True):  # the officers' steps
        assert questions.accept(question) and not questions.accept(question)
    published = client.get(meeting.get_absolute_url()).content.decode()
    assert "Question from Grace Hopper" in published and "How many libraries" in published
    assert "grace@example.org" not in published
    assert mail.outbox[-1].subject == "Your question has been accepted"

    with django_capture_on_commit_callbacks(execute=True):
        assert questions.answer(question, "Eleven of the fourteen libraries.")
    answered = client.get(meeting.get_absolute_url()).content.decode()
    assert "Written answer:" in answered and "Eleven of the fourteen" in answered
    assert "Eleven of the fourteen" in mail.outbox[-1].body


def test_refusing_needs_a_reason_and_tells_the_resident(
    meeting, django_capture_on_commit_callbacks
):
    question = PublicQuestion.objects.create(
        meeting=meeting, name="A", email="a@example.org", text="x y z", state="submitted"
    )
    with pytest.raises(ValueError, match="Say why"):
        questions.refuse(question, "  ")
    with django_capture_on_commit_callbacks(execute=True):
        assert questions.refuse(question, "It is about a planning application, decided elsewhere.")
    question.refresh_from_db()
    assert question.state == PublicQuestion.State.REFUSED
    assert "decided elsewhere" in mail.outbox[-1].body
    assert not questions.accept(question)  # a refused question is not accepted later by a slip


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"text": ""}, "Enter your question"),
        ({"text": "word " * 201}, "1,000 characters or fewer"),
        ({"text": "Why?"}, "Say a little more"),
        ({"kind": "shout"}, "Select a valid choice"),
        ({"email": "nope"}, "Enter an email address in the correct format"),
    ],
)
def test_bad_questions_are_refused_with_what_to_fix(post, meeting, changes, error):
    answer = post(f"/democracy/meetings/{meeting.pk}/ask/", {**ASKED, **changes})
    assert answer.status_code == 400 and error in answer.content.decode()
    assert not PublicQuestion.objects.exists() and mail.outbox == []


def test_after_the_deadline_nothing_is_taken_not_even_a_confirmation(client, post, meeting):
    post(f"/democracy/meetings/{meeting.pk}/ask/", ASKED)
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() + timedelta(days=2))
    late = post(link(mail.outbox[0]))
    assert late.status_code == 403 and "Questions for this meeting closed" in late.content.decode()
    assert PublicQuestion.objects.get().state == PublicQuestion.State.UNCONFIRMED
    closed = post(f"/democracy/meetings/{meeting.pk}/ask/", ASKED)
    assert closed.status_code == 403 and PublicQuestion.objects.count() == 1
    assert "Ask a question" not in client.get(meeting.get_absolute_url()).content.decode()


def test_officers_decide_in_the_admin_and_the_resident_is_emailed(
    as_user, meeting, django_capture_on_commit_callbacks
):
    question = PublicQuestion.objects.create(
        meeting=meeting, name="A", email="a@example.org", text="x y z", state="submitted"
    )
    officer = as_user("council-officer")
    url = f"/admin/publicquestion/edit/{question.pk}/"
    no_reason = officer.post(url, {"decision": "refuse", "refusal_reason": "", "answer": ""})
    assert "Say why it was not accepted" in no_reason.content.decode()
    question.refresh_from_db()
    assert question.state == "submitted" and mail.outbox == []
    too_soon = officer.post(url, {"decision": "answer", "refusal_reason": "", "answer": "Yes."})
    assert "choose again" in too_soon.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        accepted = officer.post(url, {"decision": "accept", "refusal_reason": "", "answer": ""})
    assert accepted.status_code == 302
    question.refresh_from_db()
    assert question.state == "accepted" and mail.outbox[-1].to == ["a@example.org"]
    assert officer.get("/admin/publicquestion/new/").status_code in (302, 403)


def test_a_petition_number_too_large_to_keep_is_refused_not_a_500(post, meeting):
    answer = post(f"/democracy/meetings/{meeting.pk}/ask/", {**ASKED, "petition": "9" * 12})
    assert answer.status_code == 400 and not PublicQuestion.objects.exists()
