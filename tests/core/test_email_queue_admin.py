"""The email queue in the admin: officers see it masked and resend; others may not."""

import pytest
from django.test import override_settings

from townhall.core.mail import queue_email
from townhall.core.models import Email

pytestmark = pytest.mark.django_db
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def failed():
    with override_settings(TASKS=DB_TASKS):
        email = queue_email(
            "jane.resident@example.org", "Confirm your signature", "https://x/SECRETTOKEN"
        )
    Email.objects.filter(pk=email.pk).update(status="failed", last_error="TimeoutError")
    return email


def test_officers_see_the_queue_with_recipients_masked(as_user, failed):
    client = as_user("council-officer")
    page = client.get("/admin/emails/?status=failed").content.decode()
    assert "Confirm your signature" in page and "j•••@example.org" in page
    assert "jane.resident@example.org" not in page
    detail = client.get(f"/admin/emails/{failed.pk}/").content.decode()
    assert "jane.resident" not in detail and "SECRETTOKEN" not in detail


def test_admins_see_the_address(as_user, failed):
    assert "jane.resident@example.org" in as_user("admin").get("/admin/emails/").content.decode()


@pytest.mark.parametrize("username", ["alliance-editor", "alliance-moderator"])
def test_organisers_cannot_see_or_resend(as_user, failed, username):
    client = as_user(username)
    for response in (
        client.get("/admin/emails/"),
        client.get(f"/admin/emails/{failed.pk}/"),
        client.post("/admin/emails/resend/", {"email": str(failed.pk)}),
    ):
        # Wagtail turns a refusal in the admin into a redirect to the dashboard with a message.
        assert (response.status_code, response.get("Location")) == (302, "/admin/")
    assert Email.objects.get(pk=failed.pk).status == "failed"


@override_settings(TASKS=DB_TASKS)
def test_an_officer_resends_a_failed_email(as_user, failed):
    response = as_user("council-officer").post(
        "/admin/emails/resend/", {"email": [str(failed.pk), "not-a-uuid"]}
    )
    assert response.status_code == 302
    assert Email.objects.get(pk=failed.pk).status == "queued"


def test_resending_needs_a_post(as_user):
    assert as_user("council-officer").get("/admin/emails/resend/").status_code == 405
