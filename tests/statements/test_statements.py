"""Joint statements: co-signing by invited organisations, names added by email, the press
release, and who may do what."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from townhall.core.models import Organisation
from townhall.statements import services
from townhall.statements.models import CoSigning, JointStatementPage, StatementName

pytestmark = pytest.mark.django_db
URL = "/alliance/childrens-services-joint-statement/"


@pytest.fixture
def statement() -> JointStatementPage:
    return JointStatementPage.objects.get(slug="childrens-services-joint-statement")


def test_the_page_lists_co_signers_who_accepted_and_names_shown_with_consent(client):
    html = client.get(URL).content.decode()
    assert "Friern Barnet Library Campaign" in html  # accepted
    assert "Public Service Workers" not in html  # invited, not answered
    assert "Maria Lopez" in html and "Tom Green" not in html  # Tom did not consent
    assert "<strong>3</strong> people" in html and "@example.org" not in html
    assert html.count("<li>") >= 3 and "A full, open and independent public inquiry" in html


def test_the_press_release_is_printable_with_contacts_and_no_forms(client):
    html = client.get(f"{URL}press-release/").content.decode()
    assert "Press release" in html and "press@alliance.example.org" in html
    assert "Ends." in html and "Add my name" not in html


def test_adding_a_name_counts_once_confirmed_and_only_once(
    client, statement, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/statements/{statement.pk}/names/",
            {"name": "Sam Reader", "email": "Sam@Example.org", "show_name": "on"},
        )
    assert "Check your email" in response.content.decode()
    assert "Sam Reader" not in client.get(URL).content.decode()
    link = re.search(r"http://\S+(/statements/names/\S+/)", mail.outbox[-1].body).group(1)
    assert client.get(link).status_code == 200  # a scanner's GET adds nothing
    assert "Your name is added" in client.post(link).content.decode()
    assert "Already confirmed" in client.post(link).content.decode()
    html = client.get(URL).content.decode()
    assert "Sam Reader" in html and "<strong>4</strong> people" in html
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/statements/{statement.pk}/names/", {"name": "Sam", "email": "sam@example.org"}
        )
    assert (
        StatementName.objects.filter(
            statement=statement, normalised_email="sam@example.org"
        ).count()
        == 1
    )


def test_bad_names_and_forged_links_get_clear_answers(client, statement):
    response = client.post(
        f"/statements/{statement.pk}/names/", {"name": "<b>x</b>", "email": "no"}
    )
    assert response.status_code == 400 and "There is a problem" in response.content.decode()
    assert client.get("/statements/names/forged/").status_code == 404
    assert client.post("/statements/names/forged/").status_code == 404


def test_an_invited_organisations_editor_answers_and_others_cannot(as_user, statement):
    invitation = CoSigning.objects.get(statement=statement, organisation__slug="workers-branch")
    stranger = as_user("library-editor")
    assert "Workers" not in stranger.get("/admin/statements/invitations/").content.decode()
    refused = stranger.post(
        f"/admin/statements/invitations/{invitation.pk}/answer/", {"answer": "accept"}
    )
    assert refused.status_code in (302, 403) and refused.get("Location", "/admin/") == "/admin/"
    invitation.refresh_from_db()
    assert invitation.state == CoSigning.State.INVITED
    branch = as_user("branch-editor")
    assert "Co-sign" in branch.get("/admin/statements/invitations/").content.decode()
    branch.post(f"/admin/statements/invitations/{invitation.pk}/answer/", {"answer": "accept"})
    invitation.refresh_from_db()
    assert (
        invitation.state == CoSigning.State.ACCEPTED
        and invitation.answered_by.username == "branch-editor"
    )


def test_a_moderator_of_the_invited_organisation_cannot_answer_for_it(as_user, statement):
    """The README says editors answer invitations; a moderator only moderates (issue 15)."""
    invitation = CoSigning.objects.get(statement=statement, organisation__slug="workers-branch")
    get_user_model().objects.get(username="alliance-moderator").groups.add(
        invitation.organisation.moderators
    )
    refused = as_user("alliance-moderator").post(
        f"/admin/statements/invitations/{invitation.pk}/answer/", {"answer": "accept"}
    )
    assert refused.status_code in (302, 403)
    invitation.refresh_from_db()
    assert invitation.state == CoSigning.State.INVITED


def test_inviting_is_for_the_statements_own_editors_and_emails_the_invited(
    as_user, statement, django_capture_on_commit_callbacks
):
    assert (
        as_user("library-editor").get(f"/admin/statements/{statement.pk}/invite/")["Location"]
        == "/admin/"
    )
    council = Organisation.objects.get(slug="council")
    editor = as_user("alliance-editor")
    page = editor.get(f"/admin/statements/{statement.pk}/invite/").content.decode()
    assert "Barnet Alliance" not in page.split("Invited so far")[-1].split("<form")[1]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        editor.post(f"/admin/statements/{statement.pk}/invite/", {"organisations": [council.pk]})
    assert CoSigning.objects.get(statement=statement, organisation=council).state == "invited"
    assert any("co-sign" in m.subject for m in mail.outbox)
    again = services.invite(statement, [council], None)
    assert again == []  # invited once only


def test_one_person_adds_one_name_however_they_write_their_address(statement):
    """Issue 15: a "+tag" or dotted Gmail address added a second name; one normalise_email
    in core now compares addresses for signatures, statements, events and follows alike."""
    before = statement.names.count()
    for email in ("Jo.Bloggs@gmail.com", "jobloggs+statement@googlemail.com"):
        services.add_name(statement, "Jo Bloggs", email, show_name=True)
    assert statement.names.count() == before + 1


def test_a_named_person_joins_the_authors_people_only_by_ticking_its_own_box(statement):
    from townhall.core.services.organisations import organisation_for_page
    from townhall.people.models import Person
    from townhall.statements import services as statements
    from townhall.statements.models import StatementName

    author = organisation_for_page(statement)
    statements.add_name(statement, "Ola", "ola@example.org", True)
    statements.add_name(statement, "Kim", "kim@example.org", True, hear_from_organisation=True)
    for entry in StatementName.objects.filter(statement=statement, confirmed=False):
        statements.confirm_name(entry)
    assert not Person.objects.filter(email="ola@example.org").exists()
    kim = Person.objects.get(email="kim@example.org", organisation=author)
    assert kim.history.get().label == f"Put their name to: {statement.title}"
    assert kim.consents.get().wording == author.consent_wording
