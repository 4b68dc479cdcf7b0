"""Each role's dashboard says what is waiting for it (issue 16), counted in its own
organisations only, each a link to the list it is in."""

import re

import pytest
from django.utils import timezone

from townhall.core.models import Organisation
from townhall.events.models import EventPage, Rsvp
from townhall.grants.models import Application
from townhall.people.models import Supporter
from townhall.petitions.models import Petition
from townhall.statements.models import CoSigning, JointStatementPage

pytestmark = pytest.mark.django_db


def _waiting(as_user, username: str) -> dict[str, tuple[int, str]]:
    html = as_user(username).get("/admin/").content.decode()
    panel = re.search(r'id="attention-title">(.*?)</section>', html, re.S).group(1)
    return {
        words.strip(): (int(count), href.replace("&amp;", "&"))
        for href, count, words in re.findall(
            r'<a href="([^"]+)"><strong>(\d+)</strong>([^<]+)</a>', panel
        )
    }


def test_a_petitions_officer_sees_petitions_to_moderate(as_user):
    Petition.objects.filter(action__startswith="Keep Friern").update(state="sponsored")
    waiting = _waiting(as_user, "council-officer")
    assert waiting["petition waiting for moderation"] == (
        1,
        "/admin/snippets/petitions/petition/?state=sponsored",
    )
    assert "petition waiting for moderation" not in _waiting(as_user, "alliance-editor")


def test_an_organiser_sees_new_supporters_and_event_answers_of_their_group_only(as_user, alliance):
    library = Organisation.objects.get(slug="library-campaign")
    for organisation, email in ((alliance, "new@example.org"), (library, "lib@example.org")):
        Supporter.objects.create(
            organisation=organisation, name="New", email=email, status="confirmed"
        )
    event = EventPage.objects.descendant_of(alliance.home_page).first()
    Rsvp.objects.create(event=event, name="Ann", email="ann@example.org", created_at=timezone.now())
    waiting = _waiting(as_user, "alliance-editor")
    assert waiting["new supporter this week"][0] == 1
    assert waiting["event answer this week"][0] >= 1
    assert client_reaches(as_user, "alliance-editor", waiting["new supporter this week"][1])


def client_reaches(as_user, username: str, url: str) -> bool:
    return as_user(username).get(url).status_code == 200


def test_an_invited_group_sees_the_invitation_on_its_dashboard(as_user):
    library = Organisation.objects.get(slug="library-campaign")
    statement = JointStatementPage.objects.first()
    CoSigning.objects.filter(organisation=library).delete()
    CoSigning.objects.create(statement=statement, organisation=library)
    count, url = _waiting(as_user, "library-editor")["invitation to co-sign a statement"]
    assert count == 1 and client_reaches(as_user, "library-editor", url)
    branch = CoSigning.objects.filter(organisation__slug="workers-branch", state="invited")
    branch_waiting = _waiting(as_user, "branch-editor")
    assert sum(n for words, (n, _url) in branch_waiting.items() if "co-sign" in words) == (
        branch.count()
    )


def test_grant_staff_see_applications_to_screen_and_approvers_those_to_decide(as_user):
    Application.objects.filter(project_title="Estate food garden").update(status="submitted")
    assert _waiting(as_user, "council-officer")["grant application to screen"][0] == 1
    Application.objects.filter(project_title="Estate food garden").update(status="in_assessment")
    assert _waiting(as_user, "grant-approver")["grant application to decide"][0] >= 1
    assert "grant application to decide" not in _waiting(as_user, "council-officer")


def test_a_moderator_sees_comments_awaiting_moderation_and_the_link_lists_them(as_user):
    count, url = _waiting(as_user, "alliance-moderator")["comment awaiting moderation"]
    assert count == 1 and url.endswith("?status=pending")
    assert client_reaches(as_user, "alliance-moderator", url)


def test_nothing_waiting_says_so(as_user):
    html = as_user("library-editor").get("/admin/").content.decode()
    assert "Nothing is waiting for you" in html


def test_consultation_editors_see_answers_waiting_for_moderation(as_user):
    from townhall.consultations.models import ConsultationPage, Response

    libraries = ConsultationPage.objects.get(slug="libraries-consultation")
    stage = libraries.stages.get(title__startswith="Stage 2")
    for number in range(2):
        Response.objects.create(
            consultation=libraries,
            stage=stage,
            answers={"comments": f"Keep it open, please ({number})."},
            state="submitted",
            publish="anonymous",
            submitted_at=timezone.now(),
        )
    count, url = _waiting(as_user, "council-officer")[
        "answers to moderate before they are published"
    ]
    assert count == 2 and url == f"/admin/consultations/{libraries.pk}/moderate/"
    assert client_reaches(as_user, "council-officer", url)
