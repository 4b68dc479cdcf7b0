"""The forward plan (28 days' notice of key decisions) and the call-in window in working days
(issue 19, point 5)."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from townhall.council.models import Committee, Decision, KeyDecision
from townhall.council.services.call_in import is_open, window_ends

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _without_the_demos_keydecisions(db):
    """The demo has some; these tests count their own."""
    KeyDecision.objects.all().delete()


def plan(**fields) -> KeyDecision:
    defaults = {
        "title": "Library opening hours",
        "summary": "Whether to extend unstaffed opening to all libraries",
        "decision_maker": Committee.objects.get(slug="cabinet"),
        "first_published_on": date(2027, 1, 4),
        "expected_on": date(2027, 2, 1),
    }
    return KeyDecision(**{**defaults, **fields})


def test_a_key_decision_needs_28_days_notice_unless_it_says_why_it_is_urgent():
    plan().full_clean()
    with pytest.raises(ValidationError, match="choose 1 February 2027 or later"):
        plan(expected_on=date(2027, 1, 31)).full_clean()
    plan(expected_on=date(2027, 1, 20), urgent_reason="A grant deadline of 25 January").full_clean()
    with pytest.raises(ValidationError, match="Say who takes the decision"):
        plan(decision_maker=None).full_clean()


def test_a_taken_key_decision_is_the_decision_and_leaves_the_plan(client):
    decision = Decision.objects.create(
        title="Unstaffed opening extended", summary="-", decided_on=date(2027, 2, 1)
    )
    with pytest.raises(ValidationError, match="Choose the decision"):
        plan(status="taken").full_clean()
    coming = plan(
        first_published_on=timezone.localdate(),
        expected_on=timezone.localdate() + timedelta(days=30),
    )
    coming.save()
    page = client.get("/democracy/forward-plan/").content.decode()
    assert "Library opening hours" in page and "To be decided" in page
    KeyDecision.objects.filter(pk=coming.pk).update(status="taken", decision=decision)
    Decision.objects.filter(pk=decision.pk).update(decided_on=timezone.localdate())
    page = client.get("/democracy/forward-plan/").content.decode()
    assert "No key decisions are planned" in page and "Unstaffed opening extended" in page
    assert (
        "A key decision, in the forward plan"
        in client.get(decision.get_absolute_url()).content.decode()
    )


def test_the_call_in_window_is_five_working_days_after_the_decision():
    ends = timezone.localtime(window_ends(date(2027, 3, 25)))  # Thursday before Easter
    assert (ends.date(), ends.hour) == (date(2027, 4, 5), 23)
    assert is_open(date(2027, 3, 25), now=ends)
    assert not is_open(date(2027, 3, 25), now=ends + timedelta(seconds=1))


def test_calling_in_is_checked_against_the_window_and_the_outcome_shown(client, settings):
    settings.TOWNHALL_CALL_IN_WORKING_DAYS = 5
    decision = Decision(
        title="Parking charges", summary="-", decided_on=date(2027, 3, 1), subject_to_call_in=True
    )
    decision.status = Decision.Status.CALLED_IN
    decision.called_in_on = date(2027, 3, 9)  # the sixth working day
    with pytest.raises(ValidationError, match="ran from 1 March 2027 to 8 March 2027"):
        decision.full_clean()
    decision.called_in_on = date(2027, 3, 8)
    decision.call_in_outcome = "referred"
    decision.full_clean()
    decision.save()
    page = client.get(decision.get_absolute_url()).content.decode()
    assert "Called in on 8 March 2027" in page and "Referred back to the decision maker" in page
    not_subject = Decision(title="X", summary="-", decided_on=date(2027, 3, 1), status="called-in")
    with pytest.raises(ValidationError, match="Only a decision subject to call-in"):
        not_subject.full_clean()
    no_call_in = Decision(
        title="Y", summary="-", decided_on=date(2027, 3, 1), call_in_outcome="council"
    )
    with pytest.raises(ValidationError, match="Only a decision that was called in"):
        no_call_in.full_clean()


def test_an_open_call_in_window_is_shown_with_its_end(client):
    today = timezone.localdate()
    decision = Decision.objects.create(
        title="Bins", summary="-", decided_on=today, subject_to_call_in=True
    )
    page = client.get(decision.get_absolute_url()).content.decode()
    ends = timezone.localtime(window_ends(today))
    assert f"may call it in until 11:59pm on {ends:%A} {ends.day} {ends:%B %Y}" in page
    Decision.objects.filter(pk=decision.pk).update(decided_on=today - timedelta(days=30))
    assert (
        "Not called in: the call-in period ended"
        in client.get(decision.get_absolute_url()).content.decode()
    )
