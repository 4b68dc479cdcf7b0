"""A resident deletes their own account: their applications, attachments (on disk too) and
history go; awards already made, and assessors' scores and declarations, stay without the
name; staff accounts are closed by an administrator instead."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from townhall.grants import workflow
from townhall.grants.models import (
    Application,
    ApplicationEvent,
    ApplicationFile,
    Assessment,
    Award,
    ConflictDeclaration,
)

pytestmark = pytest.mark.django_db
User = get_user_model()


def test_the_page_says_what_goes_and_deletes_nothing_until_asked(client, resident):
    client.force_login(resident)
    page = client.get("/accounts/delete/").content.decode()
    assert "your grant applications, drafts included" in page and "Delete my account" in page
    assert User.objects.filter(pk=resident.pk).exists()
    listing = client.get("/grants/applications/").content.decode()
    assert 'href="/accounts/delete/"' in listing


def test_deleting_an_account_removes_its_applications_and_their_files(
    client, resident, open_round, django_capture_on_commit_callbacks
):
    client.force_login(resident)
    start = client.post(f"/grants/rounds/{open_round.pk}/apply/")
    draft = Application.objects.get(pk=start["Location"].rstrip("/").rsplit("/", 1)[1])
    upload = SimpleUploadedFile("constitution.pdf", b"%PDF-1.4 our rules")
    client.post(f"/grants/applications/{draft.pk}/s1/", {"governing-document": upload})
    stored = Path(ApplicationFile.objects.get(application=draft).file.path)
    assert stored.exists()
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post("/accounts/delete/")
    assert answer.status_code == 302 and answer["Location"] == "/"
    assert not User.objects.filter(pk=resident.pk).exists()
    assert not Application.objects.filter(pk=draft.pk).exists()
    assert not stored.exists()
    assert client.get("/grants/applications/").status_code == 302  # signed out


def test_an_award_outlives_its_recipients_account(client, being_assessed):
    approver = User.objects.get(username="grant-approver")
    workflow.transition(being_assessed, "approve", approver, note="Good", amount=Decimal(4200))
    award = Award.objects.get(application=being_assessed)
    client.force_login(being_assessed.applicant)
    client.post("/accounts/delete/")
    award.refresh_from_db()
    assert award.application is None and award.amount == Decimal(4200)
    assert not ApplicationEvent.objects.filter(application_id=being_assessed.pk).exists()


def test_an_assessors_scores_and_declarations_stay_unnamed(client, being_assessed, as_user):
    assessor = User.objects.get(username="grant-assessor")
    scored = Assessment.objects.filter(application=being_assessed, assessor=assessor)
    assert scored.exists()
    declared = ConflictDeclaration.objects.get(application=being_assessed, assessor=assessor)
    client.force_login(assessor)
    client.post("/accounts/delete/")
    assert Assessment.objects.filter(application=being_assessed, assessor=None).count() == 1
    declared.refresh_from_db()
    assert declared.assessor is None and declared.has_conflict is False
    page = as_user("council-officer").get(f"/admin/grants/applications/{being_assessed.pk}/")
    assert "An assessor whose account was deleted" in page.content.decode()


@pytest.mark.parametrize("username", ["council-officer", "grant-approver", "admin"])
def test_staff_accounts_are_closed_by_an_administrator(as_user, username):
    staff = as_user(username)
    assert staff.get("/accounts/delete/").status_code == 403
    refused = staff.post("/accounts/delete/")
    assert refused.status_code == 403 and b"Ask an administrator" in refused.content
    assert User.objects.filter(username=username).exists()


def test_deleting_needs_a_signed_in_post_with_its_csrf_token(resident):
    from django.test import Client

    anonymous = Client()
    assert anonymous.post("/accounts/delete/").status_code == 302  # to sign in
    forged = Client(enforce_csrf_checks=True)
    forged.force_login(resident)
    assert forged.post("/accounts/delete/").status_code == 403
    assert User.objects.filter(pk=resident.pk).exists()
