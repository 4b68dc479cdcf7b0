import pytest
from django.urls import reverse  # noqa: F401

from townhall.campaigns.models import AimsPage, AimsVersion
from townhall.campaigns.services import record_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def aims(alliance) -> AimsPage:
    return AimsPage.objects.child_of(alliance.home_page).get()


def publish(page: AimsPage, body: str, summary: str = "") -> None:
    page.body, page.change_summary = body, summary
    page.save_revision().publish()


def test_each_publication_with_new_text_becomes_a_numbered_version(aims):
    before = aims.versions.count()
    publish(aims, "<p>A third version of our aims.</p>", "Shortened")
    latest = aims.versions.order_by("-number").first()
    assert latest.number == before + 1
    assert latest.body == "<p>A third version of our aims.</p>"
    assert latest.change_summary == "Shortened"


def test_publishing_unchanged_text_adds_no_version(aims):
    before = aims.versions.count()
    aims.save_revision().publish()
    assert aims.versions.count() == before


def test_recording_the_same_revision_twice_keeps_one_version(aims):
    aims.body = "<p>Changed once.</p>"
    revision = aims.save_revision()
    revision.publish()
    assert record_version(aims, revision) is None
    assert AimsVersion.objects.filter(revision=revision).count() == 1


def test_page_lists_every_version_with_its_date(client, aims):
    response = client.get(aims.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Earlier versions" in html
    assert "15 February 2011" in html and "22 May 2012" in html
    assert "Compare two versions" in html


def test_an_earlier_version_can_be_read_as_it_stood(client, aims):
    response = client.get(f"{aims.url}versions/1/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "This is an earlier version" in html
    assert "We oppose free schools" in html
    assert "version 1" in html.lower()


def test_unknown_version_is_not_found(client, aims):
    assert client.get(f"{aims.url}versions/99/").status_code == 404


def test_compare_marks_additions_and_removals_in_words_not_only_colour(client, aims):
    response = client.get(f"{aims.url}compare/", {"old": 1, "new": 2})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<del>" in html and "<ins>" in html
    assert "[added: " in html and "[removed: " in html
    assert "words added" in html


def test_compare_defaults_to_the_two_latest_versions(client, aims):
    response = client.get(f"{aims.url}compare/")
    assert response.status_code == 200
    assert "Changes from version 1" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        {"old": "x", "new": "2"},
        {"old": "1", "new": "99"},
        {"old": "2", "new": "2"},
        {"old": "1" * 5000, "new": "<script>"},
    ],
)
def test_bad_comparisons_get_an_error_summary_not_a_crash(client, aims, query):
    response = client.get(f"{aims.url}compare/", query)
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert "<script>" not in html.split("<main", 1)[1]


def test_reformatted_markup_with_the_same_words_is_no_new_version(aims):
    before = aims.versions.count()
    latest = aims.versions.order_by("-number").first()
    publish(aims, latest.body.replace("<li>", '<li data-block-key="x1">'), "Re-saved")
    assert aims.versions.count() == before
