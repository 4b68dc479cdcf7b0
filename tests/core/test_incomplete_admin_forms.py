"""A page edit posted without the fields the editor's JavaScript adds (a StreamField's counts,
an inline panel's management form) is a form error, not a 500, and saves nothing (issue 30:
`MultiValueDictKeyError: 'figures-count'`). Every page type whose form has such fields is
posted to as an editor who may edit it."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.blocks.base import BlockField
from wagtail.models import Page, get_page_models

from tests.conftest import client_for
from townhall.core.admin_forms import AdminPageForm
from townhall.core.models import ContentPage, Organisation

pytestmark = pytest.mark.django_db

EDITORS = ["alliance-editor", "council-officer", "library-editor", "branch-editor", "admin"]
INCOMPLETE = "The form was incomplete: reload the page and try again"


def _has_fields_javascript_adds(page_type) -> bool:
    form_class = page_type.get_edit_handler().get_form_class()
    streams = [f for f in form_class.base_fields.values() if isinstance(f, BlockField)]
    # Wagtail drops the comments formset from a post without its management form (an edit
    # through its API), so a page type with only that one takes a post without it.
    formsets = [name for name in form_class.formsets if name != "comments"]
    return bool(streams or formsets)


PAGE_TYPES = [t for t in get_page_models() if t is not Page and _has_fields_javascript_adds(t)]


def _page_and_editor(page_type):
    """A page of the type and the first editor who may edit it; the admin for the pages only
    an admin edits (the borough's home page). The demo has no plain content page: one is
    added to a section, as an editor would."""
    if page_type is ContentPage and not ContentPage.objects.exists():
        home = Organisation.objects.get(slug="alliance").home_page
        home.add_child(instance=ContentPage(title="About us", body="<p>About.</p>"))
    users = get_user_model().objects.filter(username__in=EDITORS)
    users = sorted(users, key=lambda u: EDITORS.index(u.username))
    for user in users:
        for page in page_type.objects.order_by("pk"):
            if page.permissions_for_user(user).can_edit():
                return page, user.username
    raise AssertionError(f"the demo has no {page_type.__name__} to edit")


def test_every_page_types_form_checks_for_the_javascripts_fields():
    """A page type given a form of its own must build it on AdminPageForm."""
    plain = [
        t.__name__
        for t in get_page_models()
        if t is not Page and not issubclass(t.get_edit_handler().get_form_class(), AdminPageForm)
    ]
    assert plain == []


def test_the_page_in_the_issue_is_among_those_posted():
    from townhall.campaigns.models import OrganisationHomePage

    assert {ContentPage, OrganisationHomePage} <= set(PAGE_TYPES)


@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=lambda t: t.__name__)
def test_an_edit_without_the_javascripts_fields_is_refused_with_a_clear_error(page_type):
    page, editor = _page_and_editor(page_type)
    revisions = page.revisions.count()
    client = client_for(editor)
    client.raise_request_exception = False
    response = client.post(
        f"/admin/pages/{page.pk}/edit/", {"title": "Changed by a bare post", "slug": page.slug}
    )
    assert response.status_code == 200, response.status_code
    assert INCOMPLETE in response.content.decode()
    page.refresh_from_db()
    assert page.title != "Changed by a bare post"
    assert page.revisions.count() == revisions
