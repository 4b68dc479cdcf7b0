"""Every single-record admin view of a scoped view set answers only for the user's own
organisations: edit, history, usage and inspect as well as the listing (issue 15)."""

import pytest

from townhall.comments.models import CommentPolicy
from townhall.core.models import Organisation
from townhall.people.models import Supporter

pytestmark = pytest.mark.django_db


def refused(response) -> bool:
    # A record outside the user's scope is not found; Wagtail may turn that into a redirect.
    return response.status_code in (403, 404) or response.get("Location") == "/admin/"


@pytest.fixture
def branch_policy():
    branch = Organisation.objects.get(slug="workers-branch")
    return CommentPolicy.objects.get_or_create(organisation=branch)[0]


@pytest.fixture
def branch_supporter():
    return Supporter.objects.create(
        organisation=Organisation.objects.get(slug="workers-branch"),
        name="Private Person",
        email="private.person@example.org",
        consent_wording="We will email you.",
    )


@pytest.mark.parametrize("view", ["edit", "history", "usage"])
def test_another_organisations_comment_settings_are_not_found(as_user, branch_policy, view):
    client = as_user("alliance-editor")
    assert refused(client.get(f"/admin/comment_settings/{view}/{branch_policy.pk}/"))


def test_another_organisations_comment_settings_cannot_be_changed(as_user, branch_policy):
    before = branch_policy.max_links
    as_user("alliance-editor").post(
        f"/admin/comment_settings/edit/{branch_policy.pk}/",
        {"manual_moderation": "on", "max_links": before + 5, "close_after_days": 0},
    )
    branch_policy.refresh_from_db()
    assert branch_policy.max_links == before


def test_the_organisations_own_editor_opens_its_settings(as_user, branch_policy):
    response = as_user("branch-editor").get(f"/admin/comment_settings/edit/{branch_policy.pk}/")
    assert response.status_code == 200


@pytest.mark.parametrize("view", ["history", "inspect", "usage"])
def test_another_organisations_supporter_is_not_shown(as_user, branch_supporter, view):
    response = as_user("alliance-editor").get(f"/admin/supporters/{view}/{branch_supporter.pk}/")
    assert refused(response)
    assert "Private Person" not in response.content.decode()


def test_the_supporters_own_organisation_sees_their_history(as_user, branch_supporter):
    response = as_user("branch-editor").get(f"/admin/supporters/history/{branch_supporter.pk}/")
    assert response.status_code == 200
