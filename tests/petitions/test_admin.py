"""Council officers moderate and answer petitions in the admin; nobody else can."""

import pytest
from django.core import mail

from tests.petitions.conftest import sign_and_confirm
from townhall.petitions import counts
from townhall.petitions.models import Petition

pytestmark = pytest.mark.django_db


@pytest.fixture
def sponsored(new_petition, signer):
    from townhall.petitions import services

    services.confirm_creator(new_petition)
    for number in range(5):
        sign_and_confirm(new_petition, signer(number))
    new_petition.refresh_from_db()
    assert new_petition.state == Petition.State.SPONSORED
    return new_petition


def test_the_queue_opens_on_petitions_waiting_for_moderation(as_user, sponsored):
    client = as_user("council-officer")
    html = client.get("/admin/snippets/petitions/petition/?state=sponsored").content.decode()
    assert "Plant more street trees" in html and "Approve and open" in html


def test_an_officer_approves(as_user, sponsored):
    client = as_user("council-officer")
    url = f"/admin/petitions/moderate/{sponsored.pk}/approve/"
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    sponsored.refresh_from_db()
    assert sponsored.state == Petition.State.OPEN


def test_a_rejection_needs_a_listed_reason(as_user, sponsored):
    client = as_user("council-officer")
    url = f"/admin/petitions/moderate/{sponsored.pk}/reject/"
    assert client.post(url, {"reason": "because"}).status_code == 200  # shown again, with error
    client.post(url, {"reason": "not_council", "details": "This is for the Mayor of London."})
    sponsored.refresh_from_db()
    assert (sponsored.state, sponsored.rejection_reason) == ("rejected", "not_council")


def test_approving_twice_explains_instead_of_failing(as_user, sponsored):
    client = as_user("council-officer")
    url = f"/admin/petitions/moderate/{sponsored.pk}/approve/"
    client.post(url)
    again = client.post(url)
    assert again.status_code == 200
    assert "Only a petition waiting for moderation can be approved." in again.content.decode()


def test_the_response_is_published_and_opted_in_signers_are_told(
    as_user, open_petition, django_capture_on_commit_callbacks
):
    client = as_user("council-officer")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/admin/petitions/moderate/{open_petition.pk}/respond/",
            {"text": "We will plant 200 trees this winter.", "responded_on": "2026-11-22"},
        )
    assert open_petition.response.text == "We will plant 200 trees this winter."
    told = {m.to[0] for m in mail.outbox if "has responded" in m.subject}
    opted_in = set(
        open_petition.signatures.filter(notify_by_email=True, state="validated").values_list(
            "email", flat=True
        )
    )
    assert told == opted_in and told


def test_paper_signatures_are_recorded(as_user, open_petition):
    online = counts.exact(open_petition.pk)
    as_user("council-officer").post(
        f"/admin/petitions/moderate/{open_petition.pk}/paper/",
        {"count": "30", "received_on": "2026-11-20", "note": "Stall"},
    )
    assert open_petition.paper.get().count == 30
    assert counts.exact(open_petition.pk) == online
    assert open_petition.reached.filter(threshold__signatures=25).exists()


@pytest.mark.parametrize("role", ["alliance-editor", "alliance-moderator"])
def test_group_organisers_cannot_moderate_petitions(as_user, sponsored, role):
    response = as_user(role).post(f"/admin/petitions/moderate/{sponsored.pk}/approve/")
    assert response.status_code in (302, 403)
    sponsored.refresh_from_db()
    assert sponsored.state == Petition.State.SPONSORED


def test_bad_action_and_bad_input_are_not_errors(as_user, open_petition):
    client = as_user("council-officer")
    assert client.get(f"/admin/petitions/moderate/{open_petition.pk}/explode/").status_code == 404
    response = client.post(
        f"/admin/petitions/moderate/{open_petition.pk}/paper/",
        {"count": "-5", "received_on": "not a date"},
    )
    assert response.status_code == 200
    assert not open_petition.paper.exists()


def test_officers_download_opted_in_signers_and_it_is_logged(as_user, open_petition):
    response = as_user("council-officer").get(f"/admin/petitions/{open_petition.pk}/signers.csv")
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert response.streaming  # a row at a time, whatever the petition's size
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0] == "name,email,ward"
    opted_in = open_petition.signatures.filter(state="validated", notify_by_email=True).count()
    assert len(lines) == opted_in + 1
    download = open_petition.downloads.get()
    assert (download.user.username, download.rows) == ("council-officer", opted_in)


def test_the_signers_csv_is_spreadsheet_safe(as_user, open_petition):
    signer = open_petition.signatures.filter(state="validated", notify_by_email=True).first()
    signer.name = "=HYPERLINK(1)"
    signer.save()
    response = as_user("council-officer").get(f"/admin/petitions/{open_petition.pk}/signers.csv")
    assert "'=HYPERLINK(1)" in b"".join(response.streaming_content).decode()


def test_other_organisers_cannot_download_signers(as_user, open_petition):
    response = as_user("alliance-editor").get(f"/admin/petitions/{open_petition.pk}/signers.csv")
    assert response.status_code in (302, 403)
    assert not open_petition.downloads.exists()


def test_the_opened_email_gives_the_creator_their_download_link(
    sponsored, django_capture_on_commit_callbacks
):
    from townhall.petitions import services

    with django_capture_on_commit_callbacks(execute=True):
        services.approve(sponsored, None)
    opened = [m for m in mail.outbox if m.subject == "Your petition is open"][-1]
    assert f"/petitions/start/{sponsored.creator_token}/signers.csv" in opened.body


def test_the_creator_downloads_through_their_private_link(client, open_petition):
    response = client.get(f"/petitions/start/{open_petition.creator_token}/signers.csv")
    assert response.status_code == 200
    assert open_petition.downloads.get().by_creator
    assert client.get("/petitions/start/wrong/signers.csv").status_code == 404


def test_officers_are_told_of_moderation_and_of_tiers(
    new_petition, signer, django_capture_on_commit_callbacks
):
    from datetime import date

    from townhall.petitions import services

    with django_capture_on_commit_callbacks(execute=True):
        services.confirm_creator(new_petition)
        for number in range(5):
            sign_and_confirm(new_petition, signer(number))
        new_petition.refresh_from_db()
        services.approve(new_petition, None)
        services.add_paper_signatures(new_petition, None, 30, date(2026, 11, 1))
    to_officers = [(m.to[0], m.subject) for m in mail.outbox if "officer" in m.body]
    assert ("council-officer@example.org", "A petition is waiting for moderation") in to_officers
    assert ("council-officer@example.org", "A petition reached 25 signatures") in to_officers


def test_an_officer_flags_a_petition_for_a_colleague(as_user, sponsored):
    url = f"/admin/petitions/moderate/{sponsored.pk}/flag/"
    client = as_user("council-officer")
    assert client.get(url).status_code == 200
    assert client.post(url, {"note": "Check the sponsor list"}).status_code == 302
    sponsored.refresh_from_db()
    assert sponsored.state == Petition.State.FLAGGED
