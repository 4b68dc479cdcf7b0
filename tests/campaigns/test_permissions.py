"""Who may edit which page: every role against every page type, in two sections."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Page

from townhall.campaigns.models import AimsPage, OrganisationHomePage
from townhall.core import translations
from townhall.core.models import BoroughHomePage, ContentPage, Organisation
from townhall.news.models import NewsIndexPage, NewsPostPage

pytestmark = pytest.mark.django_db

PAGE_TYPES = [OrganisationHomePage, AimsPage, NewsIndexPage, NewsPostPage, ContentPage]
# role -> the sections whose pages it may edit and publish
MAY_EDIT = {
    "admin": {"council", "alliance", "borough"},
    "council-officer": {"council"},
    "alliance-editor": {"alliance"},
    "alliance-moderator": set(),
    "supporter": set(),
}


def page_of_type(section: str, page_type) -> Page:
    if section == "borough":
        return translations.originals(BoroughHomePage.objects).get()  # not its translations
    home = Organisation.objects.get(slug=section).home_page
    page = page_type.objects.descendant_of(home, inclusive=True).first()
    if page is None:  # the demo has no plain content page: add one to the section
        page = home.add_child(instance=ContentPage(title="About us", body="<p>About.</p>"))
    return page


@pytest.fixture
def supporter_user(db):
    return get_user_model().objects.create_user("supporter", "s@example.org", "pw-for-tests")


def user_for(role: str, supporter_user):
    if role == "supporter":
        return supporter_user
    return get_user_model().objects.get(username=role)


@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=lambda t: t.__name__)
@pytest.mark.parametrize("section", ["council", "alliance"])
@pytest.mark.parametrize("role", list(MAY_EDIT))
def test_edit_and_publish_rights_stop_at_the_section(role, section, page_type, supporter_user):
    page = page_of_type(section, page_type)
    permissions = page.permissions_for_user(user_for(role, supporter_user))
    allowed = section in MAY_EDIT[role]
    assert permissions.can_edit() is allowed
    assert permissions.can_publish() is allowed


@pytest.mark.parametrize("role", list(MAY_EDIT))
def test_only_admins_edit_the_borough_home_page(role, supporter_user):
    page = translations.originals(BoroughHomePage.objects).get()  # not its translations
    assert page.permissions_for_user(user_for(role, supporter_user)).can_edit() is (role == "admin")


@pytest.mark.parametrize("section", ["council", "alliance"])
@pytest.mark.parametrize("role", list(MAY_EDIT))
def test_admin_edit_screen_agrees_with_the_rules(client, role, section, supporter_user):
    page = page_of_type(section, AimsPage)
    client.force_login(user_for(role, supporter_user))
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert (response.status_code == 200) is (section in MAY_EDIT[role])


def test_anonymous_visitors_are_sent_to_sign_in(client, alliance):
    response = client.get(f"/admin/pages/{alliance.home_page.pk}/edit/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
