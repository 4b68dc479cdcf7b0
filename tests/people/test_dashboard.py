"""A group's dashboard (issue 18, point 6): new people this week, mailing results,
donations this month, upcoming events with places taken, petitions with counts; each
group's organisers see only their own."""

import pytest
from django.utils import timezone

from tests.people.test_segments import someone
from townhall.donations.models import Donation
from townhall.people.models import Mailing

pytestmark = pytest.mark.django_db


def test_the_dashboard_shows_each_part_of_the_groups_work(as_user, alliance):
    someone(alliance, "ada@example.org")
    someone(alliance, "old@example.org", days_ago=30)
    Mailing.objects.create(organisation=alliance, subject="Stall news", body="<p>x</p>")
    Donation.objects.create(
        organisation=alliance,
        amount_pence=2500,
        frequency="monthly",
        provider="test",
        state="paid",
        paid_at=timezone.now(),
    )
    page = as_user("alliance-editor").get("/admin/organising/alliance/").content.decode()
    assert "<dt>New this week</dt><dd><strong>1</strong>" in page
    assert "<dt>In all</dt><dd><strong>2</strong>" in page
    assert "Stall news" in page and "Draft" in page
    assert "<dt>Given</dt><dd><strong>£25</strong>" in page
    assert "Coming up" in page and "places taken" in page
    assert "Open petitions" in page and "signatures" in page


def test_organisers_see_only_their_own_groups_dashboard(as_user):
    editor = as_user("alliance-editor")
    assert editor.get("/admin/organising/workers-branch/").status_code == 404
    home = editor.get("/admin/").content.decode()
    assert "/admin/organising/alliance/" in home
    assert "/admin/organising/workers-branch/" not in home
    assert as_user("alliance-moderator").get("/admin/organising/alliance/").status_code == 200
