"""Councillors, interests, votes, questions, the forward plan and spending in the JSON API
(issue 19, point 10), in Popolo's shapes, with nothing a resident gave us in them."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from townhall.council.models import (
    AgendaItem,
    Ballot,
    Committee,
    Councillor,
    InterestsVersion,
    KeyDecision,
    Meeting,
    PublicQuestion,
    RecordedVote,
)
from townhall.council.services.spending_csv import import_spending

pytestmark = pytest.mark.django_db


def test_councillors_are_popolo_people_with_memberships(client):
    answer = client.get("/api/councillors").json()
    reuben = next(p for p in answer["items"] if p["id"] == "reuben-thompstone")
    assert reuben["ward"] == "Golders Green" and reuben["party"] == "Conservative"
    [membership] = reuben["memberships"]
    assert membership["organization_id"] == "children-education-libraries-safeguarding"
    assert membership["role"] == "chair" and membership["start_date"] == "2014-06-01"
    assert reuben["responsiveness"] == {
        "messages_sent": 0,
        "answered": 0,
        "replied": 0,
        "reply_rate": None,
    }
    assert client.get("/api/councillors/nobody").status_code == 404


def test_interests_and_votes_in_popolo_shapes(client):
    councillor = Councillor.objects.get(slug="reuben-thompstone")
    InterestsVersion.objects.create(
        councillor=councillor, registered_on=date(2024, 5, 1), employment="Company director"
    )
    interests = client.get("/api/councillors/reuben-thompstone/interests").json()
    employment = interests["versions"][0]["categories"][0]
    assert employment == {
        "category": "employment",
        "label": "Employment, office, trade, profession or vocation",
        "entries": ["Company director"],
    }
    item = AgendaItem.objects.filter(
        meeting__committee__slug="children-education-libraries-safeguarding"
    ).first()
    meeting = item.meeting
    vote = RecordedVote.objects.create(agenda_item=item, motion="Agree the plan", result="pass")
    Ballot.objects.create(vote=vote, councillor=councillor, option="yes")
    [event] = client.get(f"/api/votes?meeting={meeting.pk}").json()["items"]
    assert event["id"] == f"vote-{vote.pk}" and event["result"] == "pass"
    assert {"option": "yes", "value": 1} in event["counts"]
    assert event["votes"] == [
        {"voter_id": "reuben-thompstone", "voter_name": "Reuben Thompstone", "option": "yes"}
    ]
    assert client.get("/api/votes?councillor=nobody").json()["items"] == []


def test_only_accepted_questions_and_never_who_asked(client):
    meeting = Meeting.objects.filter(starts_at__gt=timezone.now()).first()
    for state in ("submitted", "accepted", "answered"):
        PublicQuestion.objects.create(
            meeting=meeting,
            name="Ada Resident",
            email="ada@example.org",
            text=f"A question {state}",
            state=state,
            answer="The answer" if state == "answered" else "Draft answer",
        )
    body = client.get("/api/questions").content.decode()
    assert "A question accepted" in body and "A question answered" in body
    assert "A question submitted" not in body and "Draft answer" not in body
    assert "Ada" not in body and "ada@example.org" not in body


def test_the_forward_plan_and_spending(client):
    today = timezone.localdate()
    KeyDecision.objects.create(
        title="Waste contract",
        summary="-",
        decision_maker=Committee.objects.get(slug="cabinet"),
        first_published_on=today,
        expected_on=today + timedelta(days=40),
    )
    plans = client.get("/api/forward-plan").json()["items"]
    plan = next(p for p in plans if p["title"] == "Waste contract")
    assert plan["decision_maker"] == "cabinet" and plan["status"] == "planned"
    import_spending(
        b"Payment date,Transaction number,Supplier,Service,Amount\n"
        b"2026-04-03,T1,Oak Tree Nurseries,Parks,640.50\n2026-05-03,T2,Bus Co,Transport,900\n"
    )
    [payment] = client.get("/api/spending?month=2026-04").json()["items"]
    assert payment["supplier"] == "Oak Tree Nurseries" and payment["amount"] == "640.50"
    bad = client.get("/api/spending?month=April")
    assert bad.status_code == 400 and "YYYY-MM" in bad.json()["detail"]
