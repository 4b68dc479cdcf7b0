"""Plain words (issue 29, point 4, for decisions): an officer's summary in everyday words,
shown first with the reading age it needs, and the decisions still without one on the
council's dashboard."""

import pytest

from townhall.core.plain_words import reading_age
from townhall.council.models import Decision

pytestmark = pytest.mark.django_db

PLAIN = (
    "The council will keep the library open. It will open on Saturdays too.\n"
    "You can borrow books there."
)
DENSE = (
    "The Cabinet Resources Committee approved the implementation of the strategic outsourcing "
    "framework, notwithstanding the independent benchmarking analysis, subject to procurement "
    "governance arrangements."
)


def test_short_everyday_sentences_need_a_young_reading_age_and_dense_ones_an_adults():
    assert reading_age(PLAIN) <= 9
    assert reading_age(DENSE) == 18
    assert reading_age("Too short to say.") is None


def test_the_decision_page_shows_the_plain_words_first_with_their_reading_age(client):
    decision = Decision.objects.first()
    decision.plain_summary = PLAIN
    decision.save()
    html = client.get(f"/democracy/decisions/{decision.pk}/").content.decode()
    assert html.index("In plain words") < html.index('class="th-lead"')  # the full wording
    assert "<p>You can borrow books there.</p>" in html
    assert f"Reading age: about {reading_age(PLAIN)}." in html


def test_without_plain_words_the_page_goes_straight_to_the_councils_wording(client):
    decision = Decision.objects.filter(plain_summary="").first()
    html = client.get(f"/democracy/decisions/{decision.pk}/").content.decode()
    assert "In plain words" not in html


def test_the_councils_dashboard_lists_decisions_without_plain_words(as_user):
    waiting = Decision.objects.without_plain_words().count()
    assert waiting > 0
    html = as_user("council-officer").get("/admin/").content.decode()
    assert (
        f"<strong>{waiting}</strong> decisions published without a summary in plain words" in html
    )
    Decision.objects.update(plain_summary=PLAIN)
    html = as_user("council-officer").get("/admin/").content.decode()
    assert "published without a summary in plain words" not in html
    assert (
        "without a summary in plain words"
        not in as_user("alliance-editor").get("/admin/").content.decode()
    )
