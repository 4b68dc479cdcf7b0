"""An officer adds a meeting with its agenda and its papers in one form (issue 16)."""

import pytest
from wagtail.documents import get_document_model

from tests.council.formsets import formset as _formset
from townhall.council.models import Committee, Meeting

pytestmark = pytest.mark.django_db


def test_a_meeting_its_agenda_and_its_papers_are_saved_from_one_form(as_user):
    committee = Committee.objects.get(slug="cabinet")
    document = get_document_model().objects.first()
    answer = as_user("council-officer").post(
        "/admin/meeting/new/",
        {
            "committee": committee.pk,
            "starts_at": "2027-01-20 19:00",
            "venue": "Committee Room 2, Hendon Town Hall",
            "status": "scheduled",
            "minutes": "none",
            "webcast_url": "",
            **_formset(
                "agenda",
                [
                    {"number": "1", "title": "Apologies", "outcome": ""},
                    {"number": "2", "title": "Budget 2027/28", "outcome": ""},
                ],
            ),
            **_formset("papers", [{"kind": "report", "document": document.pk, "agenda_item": ""}]),
        },
    )
    assert answer.status_code == 302, answer.content.decode()[:2000]
    meeting = Meeting.objects.get(committee=committee, venue="Committee Room 2, Hendon Town Hall")
    assert [item.title for item in meeting.agenda.order_by("number")] == [
        "Apologies",
        "Budget 2027/28",
    ]
    assert [paper.document for paper in meeting.papers.all()] == [document]


def test_a_bad_agenda_row_saves_nothing_and_says_what_to_fix(as_user):
    committee = Committee.objects.get(slug="cabinet")
    before = Meeting.objects.count()
    answer = as_user("council-officer").post(
        "/admin/meeting/new/",
        {
            "committee": committee.pk,
            "starts_at": "2027-01-20 19:00",
            "status": "scheduled",
            "minutes": "none",
            **_formset("agenda", [{"number": "", "title": "No number", "outcome": ""}]),
            **_formset("papers", []),
        },
    )
    assert answer.status_code == 200
    assert "This field is required" in answer.content.decode()
    assert Meeting.objects.count() == before
