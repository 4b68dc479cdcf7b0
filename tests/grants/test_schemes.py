"""Grant schemes in public: limits, rounds by their dates, and the eligibility check."""

from datetime import timedelta
from decimal import Decimal
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from townhall.grants import services
from townhall.grants.models import GrantRound, GrantSchemePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def scheme() -> GrantSchemePage:
    return GrantSchemePage.objects.get(slug="innovation-bank")


def test_the_scheme_page_shows_criteria_limits_and_the_open_round(client, scheme):
    html = unescape(client.get(scheme.url).content.decode())
    assert "Shifting power from the state to citizens" in html
    assert "Grants from £500 to £50,000; informal groups up to £5,000" in html
    assert "Open for applications" in html and "Round 2 closes at" in html
    assert "Closed" in html  # round 1


def test_the_grants_list_shows_what_is_open(client, scheme):
    html = unescape(client.get("/grants/").content.decode())
    assert scheme.title in html and "Open" in html


@pytest.mark.parametrize(
    ("days", "state"), [(-20, "forthcoming"), (0, "open"), (49, "open"), (51, "closed")]
)
def test_a_round_is_open_between_its_dates(scheme, days, state):
    round_2 = scheme.rounds.get(title="Round 2")  # open for 50 days
    assert round_2.state(round_2.opens_at + timedelta(days=days)) == state


def test_an_eligible_applicant_is_told_they_can_apply(client, scheme):
    response = client.post(f"/grants/{scheme.pk}/eligibility/", {"q0": "yes", "q1": "no"})
    assert "You can apply" in response.content.decode()


def test_an_ineligible_applicant_is_stopped_with_the_reason(client, scheme):
    response = client.post(f"/grants/{scheme.pk}/eligibility/", {"q0": "yes", "q1": "yes"})
    html = unescape(response.content.decode())
    assert (
        "You cannot apply" in html and "cannot pay for projects that make a private profit" in html
    )


def test_every_eligibility_question_must_be_answered(client, scheme):
    response = client.post(f"/grants/{scheme.pk}/eligibility/", {"q0": "yes"})
    assert response.status_code == 400 and "Answer yes or no" in response.content.decode()


def test_reasons_come_from_the_schemes_questions(scheme):
    assert services.ineligible_reasons(scheme, {0: "yes", 1: "no"}) == []
    assert len(services.ineligible_reasons(scheme, {})) == 2


@pytest.mark.parametrize(
    ("low", "high", "informal", "field"),
    [
        ("0", "100", None, "minimum_amount"),
        ("500", "400", None, "maximum_amount"),
        ("500", "50000", "60000", "maximum_informal_group"),
    ],
)
def test_limits_that_make_no_sense_are_refused(scheme, low, high, informal, field):
    scheme.minimum_amount, scheme.maximum_amount = Decimal(low), Decimal(high)
    scheme.maximum_informal_group = Decimal(informal) if informal else None
    with pytest.raises(ValidationError) as error:
        scheme.clean()
    assert field in error.value.message_dict


def test_a_round_must_close_after_it_opens(scheme):
    now = timezone.now()
    with pytest.raises(ValidationError):
        GrantRound(scheme=scheme, title="x", opens_at=now, closes_at=now, budget=1).clean()


def test_the_council_officer_edits_the_scheme_in_the_page_editor(as_user, scheme):
    html = as_user("council-officer").get(f"/admin/pages/{scheme.pk}/edit/").content.decode()
    assert "Eligibility" in html and "Rounds" in html


def test_information_sessions_published_as_events_are_listed_with_date_and_place(client, scheme):
    from townhall.events.models import EventPage

    event = EventPage.objects.live().filter(starts_at__gte=timezone.now()).first()
    past = EventPage.objects.live().filter(starts_at__lt=timezone.now()).first()
    scheme.session_events = [event, past] if past else [event]
    scheme.save_revision().publish()
    html = unescape(client.get(scheme.url).content.decode())
    assert f'href="{event.url}"' in html and event.venue_name in html
    if past:
        assert f'href="{past.url}"' not in html  # only sessions still to come
