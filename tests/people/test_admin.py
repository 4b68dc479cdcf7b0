"""Organisers see and export their own supporters, and no one else's."""

import pytest

from townhall.core.models import Organisation
from townhall.people.models import Supporter

pytestmark = pytest.mark.django_db


@pytest.fixture
def supporters(alliance, council):
    def make(organisation: Organisation, name: str) -> Supporter:
        return Supporter.objects.create(
            organisation=organisation,
            name=name,
            email=f"{name.lower()}@example.org",
            postcode="N12 7NN",
            consent_wording="w",
            status=Supporter.Status.CONFIRMED,
        )

    return make(alliance, "Ada"), make(council, "Bob")


@pytest.mark.parametrize("role", ["alliance-editor", "alliance-moderator"])
def test_alliance_organisers_see_only_alliance_supporters(as_user, supporters, role):
    response = as_user(role).get("/admin/supporters/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "ada@example.org" in html
    assert "bob@example.org" not in html


def test_csv_export_holds_only_own_supporters(as_user, supporters):
    response = as_user("alliance-editor").get("/admin/supporters/?export=csv")
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    assert body.splitlines()[0].startswith("Name,Email,Postcode")
    assert "ada@example.org" in body and "N12 7NN" in body
    assert "bob@example.org" not in body


def test_another_organisations_supporter_cannot_be_opened(as_user, supporters):
    _, bob = supporters
    response = as_user("alliance-editor").get(f"/admin/supporters/inspect/{bob.pk}/")
    assert response.status_code == 404


def test_admin_sees_everyone(as_user, supporters):
    html = as_user("admin").get("/admin/supporters/").content.decode()
    assert "ada@example.org" in html and "bob@example.org" in html


def test_a_user_without_a_role_cannot_list_supporters(django_user_model, client, supporters):
    client.force_login(django_user_model.objects.create_user("nobody", password="pw-for-tests"))
    response = client.get("/admin/supporters/")
    assert response.status_code in (302, 403)


def test_supporters_are_never_shown_on_public_pages(client, supporters, alliance):
    for path in ("/", alliance.home_page.url, "/search/?q=ada"):
        assert b"ada@example.org" not in client.get(path).content


def test_csv_export_does_not_carry_spreadsheet_formulas(as_user, alliance):
    Supporter.objects.create(
        organisation=alliance,
        name='=HYPERLINK("http://evil.example","Click")',
        email="f@example.org",
        consent_wording="w",
    )
    response = as_user("alliance-editor").get("/admin/supporters/?export=csv")
    body = b"".join(response.streaming_content).decode()
    assert "'=HYPERLINK" in body
    assert "\n=HYPERLINK" not in body and ",=HYPERLINK" not in body


def test_an_editor_erases_their_own_supporter_but_not_another_groups(as_user, supporters):
    ada, bob = supporters
    client = as_user("alliance-editor")
    assert client.post(f"/admin/supporters/delete/{bob.pk}/").status_code == 404
    assert Supporter.objects.filter(pk=bob.pk).exists()
    assert client.post(f"/admin/supporters/delete/{ada.pk}/").status_code == 302
    assert not Supporter.objects.filter(pk=ada.pk).exists()


def test_a_moderator_cannot_erase(as_user, supporters):
    ada, _ = supporters
    response = as_user("alliance-moderator").post(f"/admin/supporters/delete/{ada.pk}/")
    assert response.status_code in (302, 403)
    assert Supporter.objects.filter(pk=ada.pk).exists()


def test_csv_export_reads_yes_and_no_and_local_dates(as_user, supporters):
    response = as_user("alliance-editor").get("/admin/supporters/?export=csv")
    body = b"".join(response.streaming_content).decode()
    row = next(line for line in body.splitlines() if "ada@example.org" in line)
    assert ",yes," in row or ",no," in row
    assert "True" not in row and "False" not in row and "+00:00" not in row
