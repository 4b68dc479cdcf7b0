"""Erasure is complete (issue 15): deleting a person's record also deletes the admin's
history of it, where Wagtail keeps their name as the entry's label (shown to every admin in
the site history report), and the task results that carried their address."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django_tasks_db.models import DBTaskResult
from wagtail.models import ModelLogEntry

from townhall.core.mail import send_email
from townhall.core.models import Organisation
from townhall.core.personal_data import registered
from townhall.core.services import email_delivery
from townhall.events.models import Rsvp
from townhall.people.models import Supporter

pytestmark = pytest.mark.django_db

NAME = "Perpetua Quincey-Erased"


@pytest.fixture
def supporter(alliance):
    return Supporter.objects.create(
        organisation=alliance, name=NAME, email="perpetua@example.org", consent_wording="-"
    )


def test_a_supporter_erased_in_the_admin_leaves_no_name_in_its_history(
    as_user, supporter, django_capture_on_commit_callbacks
):
    edited = as_user("admin").post(
        f"/admin/supporters/edit/{supporter.pk}/",
        {"name": NAME, "postcode": "N12 7NN", "consent_to_contact": "on"},
    )
    assert edited.status_code == 302
    entry = ModelLogEntry.objects.get(object_id=str(supporter.pk), action="wagtail.edit")
    assert entry.label == f"Supporter {supporter.pk}"  # the log never keeps the name
    with django_capture_on_commit_callbacks(execute=True):  # erasure on request
        as_user("alliance-editor").post(f"/admin/supporters/delete/{supporter.pk}/")
    assert not Supporter.objects.filter(pk=supporter.pk).exists()
    assert not ModelLogEntry.objects.filter(label__contains="Quincey").exists()
    report = as_user("admin").get("/admin/reports/site-history/").content.decode()
    assert "Quincey" not in report


def test_another_organisations_editor_finds_no_name_in_the_site_history(as_user, supporter):
    """Issue 15: Wagtail's site history report shows entries about every supporter to every
    editor holding a supporter permission, and the entries were labelled with the name."""
    as_user("admin").post(
        f"/admin/supporters/edit/{supporter.pk}/", {"name": NAME, "postcode": "", "x": ""}
    )
    assert ModelLogEntry.objects.filter(object_id=str(supporter.pk)).exists()
    report = as_user("library-editor").get("/admin/reports/site-history/").content.decode()
    assert "Quincey" not in report


def test_erasing_by_the_persons_own_link_removes_their_history_too(
    client, supporter, django_capture_on_commit_callbacks
):
    content_type = ContentType.objects.get_for_model(Supporter)
    ModelLogEntry.objects.create(
        content_type=content_type,
        object_id=str(supporter.pk),
        label=NAME,
        action="wagtail.edit",
        timestamp="2026-11-01T10:00:00Z",
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/supporters/unsubscribe/{supporter.token}/", {"erase": "1"})
    assert not ModelLogEntry.objects.filter(
        content_type=content_type, object_id=str(supporter.pk)
    ).exists()


def test_every_model_that_holds_a_persons_details_is_registered():
    names = {model.__name__ for model in registered()}
    assert {"Supporter", "Rsvp", "Signature", "StatementName", "Follower", "Application"} <= names
    assert Rsvp in registered()


def test_forgetting_an_address_deletes_old_task_results_that_carried_it(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    send_email.using(backend="default").enqueue("perpetua@example.org", "Hello", "A body")
    send_email.using(backend="default").enqueue("someone.else@example.org", "Hello", "B body")
    assert DBTaskResult.objects.filter(task_path=email_delivery.LEGACY_TASK).count() == 2
    email_delivery.forget("Perpetua@Example.org")
    left = DBTaskResult.objects.filter(task_path=email_delivery.LEGACY_TASK)
    assert [task.args_kwargs["args"][0] for task in left] == ["someone.else@example.org"]


def test_organisations_are_not_people():
    assert Organisation not in registered()
