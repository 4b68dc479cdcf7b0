"""A consultation moves forthcoming -> open -> closed -> concluded by its dates alone."""

from datetime import UTC, datetime, timedelta

import pytest

from townhall.consultations.models import ConsultationPage, Stage
from townhall.consultations.services import status

START = datetime(2026, 1, 1, tzinfo=UTC)


def _page(we_did: str = "") -> ConsultationPage:
    page = ConsultationPage(title="Parks", we_did=we_did)
    page.stages = [
        Stage(title="Stage 1", opens_at=START, closes_at=START + timedelta(days=30)),
        Stage(
            title="Stage 2",
            opens_at=START + timedelta(days=60),
            closes_at=START + timedelta(days=90),
        ),
    ]
    return page


@pytest.mark.parametrize(
    ("day", "state", "stage"),
    [
        (-1, "forthcoming", "Stage 1"),
        (0, "open", "Stage 1"),
        (29, "open", "Stage 1"),
        (45, "forthcoming", "Stage 2"),  # between the stages
        (60, "open", "Stage 2"),
        (90, "closed", "Stage 2"),
        (200, "closed", "Stage 2"),
    ],
)
def test_the_status_follows_the_stages_dates(day, state, stage):
    found = status(_page(), START + timedelta(days=day))
    assert (found.state, found.stage.title) == (state, stage)


def test_open_means_it_changes_when_the_stage_closes():
    found = status(_page(), START + timedelta(days=5))
    assert found.changes_at == START + timedelta(days=30)


def test_a_closed_consultation_counts_the_days_and_is_overdue_after_12_weeks():
    closed = START + timedelta(days=90)
    assert status(_page(), closed + timedelta(days=84)).outcome_overdue is False
    late = status(_page(), closed + timedelta(days=85))
    assert (late.days_since_close, late.outcome_overdue) == (85, True)


def test_publishing_the_outcome_concludes_it_but_only_after_it_closes():
    assert status(_page("<p>We kept it open.</p>"), START + timedelta(days=95)).state == "concluded"
    assert status(_page("<p>Early.</p>"), START + timedelta(days=5)).state == "open"


@pytest.mark.django_db
def test_a_newly_published_consultation_shows_at_once_on_the_cached_hub(client, settings):
    from townhall.consultations.models import ConsultationPage as Page
    from townhall.core.models import Organisation

    settings.TOWNHALL_PAGE_CACHE_SECONDS = 300
    client.get("/consultations/")
    assert client.get("/consultations/")["X-Townhall-Cache"] == "hit"
    home = Organisation.objects.get(slug="alliance").home_page.specific
    page = Page(
        title="Bus routes survey",
        slug="bus-routes",
        summary="Which routes?",
        why="<p>x</p>",
        proposal="<p>x</p>",
    )
    home.add_child(instance=page)
    page.stages = [Stage(title="Survey", opens_at=START, closes_at=START + timedelta(days=9999))]
    page.save_revision().publish()
    assert "Bus routes survey" in client.get("/consultations/").content.decode()


@pytest.mark.django_db
def test_the_council_officer_edits_the_consultation_and_its_questions_in_the_page_editor(as_user):
    from townhall.consultations.models import ConsultationPage as Page

    page = Page.objects.get(slug="libraries-consultation")
    html = as_user("council-officer").get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "Stages and their questions" in html and "Ward or postcode" in html
    assert as_user("alliance-editor").get(f"/admin/pages/{page.pk}/edit/").status_code in (302, 403)
