"""An admin adds a campaign group by adding its home page in the page tree."""

import pytest
from django.contrib.auth.models import Group
from wagtail.test.utils.form_data import rich_text

from townhall.campaigns.models import OrganisationHomePage
from townhall.core import translations
from townhall.core.models import BoroughHomePage, Organisation

pytestmark = pytest.mark.django_db


def test_adding_an_organisation_home_page_sets_up_the_organisation(as_user):
    home = translations.originals(BoroughHomePage.objects).get()  # not its translations
    response = as_user("admin").post(
        f"/admin/pages/add/campaigns/organisationhomepage/{home.pk}/",
        {
            "title": "Mill Hill Residents",
            "slug": "mill-hill",
            "intro": rich_text("<p>Hi</p>"),
            "figures-count": "0",  # the indicators StreamField, empty
            "donate_url": "",
            "action-publish": "publish",
        },
    )
    assert response.status_code == 302
    page = OrganisationHomePage.objects.get(slug="mill-hill")
    organisation = Organisation.objects.get(home_page=page)
    assert organisation.name == "Mill Hill Residents" and organisation.collection.name
    assert Group.objects.filter(name="Mill Hill Residents editors").exists()


def test_organisations_cannot_be_added_or_deleted_in_the_organisations_listing(as_user, alliance):
    client = as_user("admin")
    assert client.get("/admin/organisations/").status_code == 200
    assert client.get("/admin/organisations/new/").status_code in (302, 403)
    assert client.get(f"/admin/organisations/delete/{alliance.pk}/").status_code in (302, 403)
    assert client.get(f"/admin/organisations/edit/{alliance.pk}/").status_code == 200
