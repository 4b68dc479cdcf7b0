import pytest

from townhall.comments.models import Comment, CommentPolicy
from townhall.comments.moderation import Candidate
from townhall.news.models import NewsPostPage


@pytest.fixture
def post(alliance) -> NewsPostPage:
    return NewsPostPage.objects.descendant_of(alliance.home_page).live().first()


@pytest.fixture
def policy(alliance) -> CommentPolicy:
    return CommentPolicy.objects.get(organisation=alliance)


@pytest.fixture
def candidate(post):
    def make(**changes) -> Candidate:
        values = {
            "page_id": post.pk,
            "parent_id": None,
            "author_name": "Nadia",
            "author_email": "nadia@example.org",
            "author_url": "",
            "content": "A fair point.",
            "ip_address": "192.0.2.10",
            "user_agent": "Firefox",
        }
        return Candidate(**{**values, **changes})

    return make


@pytest.fixture
def approved_before(post):
    """Nadia has had a comment approved before, so WordPress would trust her."""
    return Comment.objects.create(
        page=post,
        author_name="Nadia",
        author_email="nadia@example.org",
        content="An earlier comment.",
        status=Comment.Status.APPROVED,
    )
