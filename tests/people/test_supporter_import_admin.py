"""The organisers' import and export pages (issue 28, point 3): upload, preview, confirm; who
may; the upload kept for its organiser only and not for ever; the export shapes."""

import csv
import io
from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from townhall.people.models import Person, Segment, SupporterUpload

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures"
IMPORT, PREVIEW = reverse("people:import"), reverse("people:import_preview")


def upload(client, organisation, name="nationbuilder-people.csv", shape=""):
    with (FIXTURES / name).open("rb") as file:
        return client.post(IMPORT, {"organisation": organisation.pk, "shape": shape, "file": file})


def test_an_organiser_previews_then_confirms(alliance, as_user):
    editor = as_user("alliance-editor")
    answer = upload(editor, alliance)
    assert answer.status_code == 302 and answer["Location"].startswith(PREVIEW + "?upload=")
    preview = editor.get(answer["Location"])
    assert preview.status_code == 200
    page = preview.content.decode()
    assert "read as a NationBuilder export: 3 rows" in page
    assert "ada.lovelace@example.org" in page and "Import 3 people" in page
    assert not Person.objects.filter(organisation=alliance, email="cy@example.org").exists()

    (waiting,) = SupporterUpload.objects.all()
    confirmed = editor.post(
        PREVIEW, {"upload": waiting.token, "fingerprint": preview.context["summary"].fingerprint}
    )
    assert confirmed.status_code == 302
    assert confirmed["Location"] == f"{reverse('people:index')}?organisation={alliance.pk}"
    assert Person.objects.filter(organisation=alliance, email="cy@example.org").exists()
    assert not SupporterUpload.objects.exists()  # gone once imported
    listing = editor.get(confirmed["Location"])
    assert "Imported into" in listing.content.decode() and "3 new" in listing.content.decode()


def test_a_confirmation_that_no_longer_matches_the_preview_stores_nothing(alliance, as_user):
    editor = as_user("alliance-editor")
    upload(editor, alliance)
    (waiting,) = SupporterUpload.objects.all()
    answer = editor.post(PREVIEW, {"upload": waiting.token, "fingerprint": "3:0:0:0:0:0"})
    assert answer.status_code == 200
    assert "changed since the preview" in answer.content.decode()
    assert not Person.objects.filter(organisation=alliance, email="cy@example.org").exists()
    assert SupporterUpload.objects.exists()


def test_a_confirmation_without_the_previews_fingerprint_stores_nothing(alliance, as_user):
    editor = as_user("alliance-editor")
    upload(editor, alliance)
    (waiting,) = SupporterUpload.objects.all()
    answer = editor.post(PREVIEW, {"upload": waiting.token})
    assert answer.status_code == 400
    assert "Confirm the import from its preview" in answer.content.decode()
    assert not Person.objects.filter(organisation=alliance, email="cy@example.org").exists()
    assert SupporterUpload.objects.exists()


def test_a_bad_file_is_explained_on_the_preview_and_not_kept(alliance, as_user, tmp_path):
    editor = as_user("alliance-editor")
    bad = tmp_path / "people.csv"
    bad.write_bytes(
        b"first_name,last_name,email,email_opt_in\n" + "Zoë,S,z@x.org,true\n".encode("latin-1")
    )
    with bad.open("rb") as file:
        answer = editor.post(IMPORT, {"organisation": alliance.pk, "file": file})
    preview = editor.get(answer["Location"])
    assert preview.status_code == 400
    assert "people.csv cannot be imported:" in preview.content.decode()
    assert "Row 2 is not UTF-8 text" in preview.content.decode()
    assert not SupporterUpload.objects.exists()


def test_an_upload_reaches_only_its_own_organiser(alliance, as_user, django_user_model):
    upload(as_user("alliance-editor"), alliance)
    (waiting,) = SupporterUpload.objects.all()
    admin = as_user("admin")
    answer = admin.get(f"{PREVIEW}?upload={waiting.token}")
    assert answer.status_code == 302 and answer["Location"] == IMPORT
    answer = admin.post(PREVIEW, {"upload": waiting.token, "fingerprint": "x"})
    assert not Person.objects.filter(organisation=alliance, email="cy@example.org").exists()


def test_an_upload_waits_an_hour_at_most(alliance, as_user):
    from townhall.people.import_admin import sweep_uploads

    editor = as_user("alliance-editor")
    upload(editor, alliance)
    SupporterUpload.objects.update(created_at=timezone.now() - timedelta(minutes=61))
    (waiting,) = SupporterUpload.objects.all()
    assert editor.get(f"{PREVIEW}?upload={waiting.token}")["Location"] == IMPORT
    assert sweep_uploads() == 1 and not SupporterUpload.objects.exists()


def test_a_new_upload_replaces_the_organisers_last(alliance, as_user):
    editor = as_user("alliance-editor")
    upload(editor, alliance)
    upload(editor, alliance, "actionnetwork-activists.csv")
    (waiting,) = SupporterUpload.objects.all()
    assert waiting.filename == "actionnetwork-activists.csv"


def test_an_editor_imports_only_into_their_own_group(alliance, as_user):
    branch_editor = as_user("branch-editor")
    answer = upload(branch_editor, alliance)
    assert answer.status_code == 400  # not one of the choices
    assert not SupporterUpload.objects.exists()


@pytest.mark.parametrize("path", [IMPORT, PREVIEW, reverse("people:export_as")])
def test_moderators_neither_import_nor_export(as_user, path):
    refused = as_user("alliance-moderator").get(path)  # Wagtail's answer to PermissionDenied
    assert refused.status_code == 302 and refused["Location"] == "/admin/"


def test_the_people_listing_offers_import_and_export_to_editors_only(alliance, as_user):
    page = as_user("alliance-editor").get(reverse("people:index")).content.decode()
    assert "Import supporters" in page and "Export for NationBuilder" in page
    page = as_user("alliance-moderator").get(reverse("people:index")).content.decode()
    assert "Import supporters" not in page and "Export for Action Network" not in page


def _download(answer) -> list[dict]:
    text = b"".join(answer.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


def test_the_people_download_in_nationbuilder_columns(alliance, as_user):
    upload_and_import(alliance, as_user)
    answer = as_user("alliance-editor").get(
        reverse("people:export_as"), {"organisation": alliance.pk, "shape": "nationbuilder"}
    )
    name = f"{slugify(alliance.name)}-nationbuilder.csv"
    assert answer["Content-Disposition"] == f'attachment; filename="{name}"'
    rows = {row["email"]: row for row in _download(answer)}
    ada = rows["ada.lovelace@example.org"]
    assert (ada["first_name"], ada["last_name"], ada["email_opt_in"]) == ("Ada", "Lovelace", "true")
    assert ada["phone_number"] == "'+44 7700 900001"  # as a spreadsheet will not run it
    assert rows["bo@example.org"]["email_opt_in"] == "false"
    assert ada["tag_list"] == "leaflets, volunteer"


def test_another_groups_editor_downloads_only_their_own(alliance, as_user):
    upload_and_import(alliance, as_user)
    answer = as_user("branch-editor").get(
        reverse("people:export_as"), {"organisation": alliance.pk, "shape": "actionnetwork"}
    )
    emails = {row["email"] for row in _download(answer)}
    assert "ada.lovelace@example.org" not in emails


def test_a_segment_downloads_in_action_network_columns(alliance, as_user):
    upload_and_import(alliance, as_user)
    segment = Segment.objects.create(organisation=alliance, name="Everyone, exported")
    answer = as_user("alliance-editor").get(
        reverse("segments:export", args=[segment.pk]), {"shape": "actionnetwork"}
    )
    rows = {row["email"]: row for row in _download(answer)}
    assert rows["cy@example.org"]["can2_subscription_status"] == "subscribed"
    assert rows["bo@example.org"]["can2_subscription_status"] == "unsubscribed"


def upload_and_import(alliance, as_user) -> None:
    from townhall.people import supporter_import

    data = (FIXTURES / "nationbuilder-people.csv").read_bytes()
    assert supporter_import.import_people(alliance, data).ok
