import pytest
from wagtail.documents import get_document_model
from wagtail.models import Page, Site

from townhall.campaigns.models import AimsPage, OrganisationHomePage
from townhall.core.models import Organisation, Ward
from townhall.demo.loader import load_demo
from townhall.news.models import NewsPostPage

pytestmark = pytest.mark.django_db


def test_demo_borough_has_wards_council_and_three_campaign_groups():
    assert Ward.objects.count() == 24
    assert Ward.objects.filter(name="Totteridge & Woodside").exists()
    kinds = sorted(Organisation.objects.values_list("kind", flat=True))
    assert kinds == ["campaign", "council", "residents", "union"]


@pytest.mark.parametrize("slug", ["council", "alliance", "library-campaign", "workers-branch"])
def test_each_organisation_has_home_aims_news_contact_and_document(slug):
    organisation = Organisation.objects.get(slug=slug)
    home = organisation.home_page.specific
    assert isinstance(home, OrganisationHomePage) and home.live
    assert home.contact is not None
    aims = AimsPage.objects.child_of(home).get()
    assert aims.versions.count() >= 2
    assert NewsPostPage.objects.descendant_of(home).live().exists()
    assert get_document_model().objects.filter(collection=organisation.collection).exists()


def test_loading_again_changes_nothing():
    counts = (Page.objects.count(), Organisation.objects.count(), Ward.objects.count())
    result = load_demo()
    assert (Page.objects.count(), Organisation.objects.count(), Ward.objects.count()) == counts
    assert result["new_users"] == []


def test_default_site_serves_the_borough_home_page(client):
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific_class.__name__ == "BoroughHomePage"
    response = client.get("/")
    assert response.status_code == 200
    assert b"Barnet Alliance for Public Services" in response.content


def test_every_demo_post_is_written_out_and_no_post_is_a_placeholder(db):
    from townhall.news.models import NewsPostPage

    posts = list(NewsPostPage.objects.live())
    assert len(posts) >= 10
    for post in posts:
        assert "placeholder" not in post.body.lower(), post.title
        assert len(post.body) > 300, post.title


def test_every_held_demo_meeting_has_minutes_to_read(db):
    from townhall.council.models import Meeting, MeetingPaper

    for meeting in Meeting.objects.filter(status=Meeting.Status.HELD):
        assert meeting.papers.filter(kind=MeetingPaper.Kind.MINUTES).exists(), meeting
