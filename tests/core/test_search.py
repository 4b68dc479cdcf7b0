"""One search for everything public (issue 16): every kind of thing, a snippet with the
words marked, the kind of each result, filters by kind and organisation, and the pages of
a PDF that hold the words."""

import re

import pytest
from wagtail.models import Collection, PageViewRestriction

from townhall.core.search.snippets import snippet
from townhall.petitions.models import Petition

pytestmark = pytest.mark.django_db


def _search(client, **query) -> str:
    response = client.get("/search/", query)
    assert response.status_code == 200
    return response.content.decode()


def _kinds(html: str) -> list[str]:
    return re.findall(r'<h2 class="th-heading-m" id="kind-([a-z]+)">', html)


def test_a_petition_is_found_by_its_words_and_by_the_word_petition(client):
    for words in ("glyphosate", "petition"):
        html = _search(client, q=words)
        assert "petitions" in _kinds(html)
        assert "Stop using glyphosate weedkiller" in html


def test_an_event_and_a_decision_and_a_meeting_are_found(client):
    html = _search(client, q="library")
    assert {"petitions", "events", "consultations", "decisions", "meetings"} <= set(_kinds(html))
    assert '<p class="th-results__meta">Events · Barnet Alliance for Public Services' in html


def test_a_word_inside_a_pdf_is_found_with_the_pages_it_is_on(client):
    html = _search(client, q="savings")
    assert "documents" in _kinds(html)
    assert "One Barnet programme: financial benefits" in html
    # The snippet comes from the best page for the words, which each database ranks its way.
    assert re.search(r"<mark>[Ss]avings</mark>", html)
    pages = re.findall(r'href="(/documents/\d+/[^"#]+\.pdf#page=(\d+))"', html)
    assert pages and {number for _href, number in pages} <= {"1", "2", "3"}
    assert "PDF, " in html


def test_choosing_a_kind_lists_only_that_kind_and_keeps_the_counts_of_the_others(client):
    everything = _search(client, q="library")
    only = _search(client, q="library", kind="events")
    assert 'th-results__meta">Petitions' not in only and "Friern Barnet Library open" not in only
    assert re.search(r'aria-current="true">Events \(\d+\)', only)
    counts = re.findall(r">(Petitions|Events) \((\d+)\)<", everything)
    assert counts == re.findall(r">(Petitions|Events) \((\d+)\)<", only)


def test_the_organisation_filter_keeps_its_own_things_and_the_councils_register_apart(
    client, alliance
):
    html = _search(client, q="library", organisation="alliance")
    assert set(_kinds(html)) <= {"news", "events", "statements", "pages", "documents"}
    assert "Friern Barnet Library open" not in html  # a petition started by nobody
    assert "Library strategy agreed" not in html  # the council's decision
    council = _search(client, q="library", organisation="council")
    assert "decisions" in _kinds(council)


def test_the_snippet_marks_the_words_and_escapes_everything_else():
    text = "Intro " * 80 + "<p>The <b>Library</b> &amp; its &lt;library&gt;</p>" + "tail " * 80
    shown = snippet(text, "library")
    assert shown.startswith("… ") and shown.endswith(" …")
    assert "The <mark>Library</mark> &amp; its &lt;<mark>library</mark>&gt;" in shown
    assert len(shown) < 400


@pytest.mark.parametrize(
    "query",
    [
        {"q": '"unbalanced'},
        {"q": "NEAR(a b)"},
        {"q": "a" * 5000},
        {"q": "library", "kind": "secrets"},
        {"q": "library", "organisation": "<x>"},
        {"q": "library", "kind": "events", "page": "99999"},
        {"q": ""},
        {"q": "   "},
    ],
)
def test_odd_searches_answer_normally(client, query):
    _search(client, **query)


def test_nothing_private_or_unpublished_is_found(client, alliance, council):
    Petition.objects.filter(action__startswith="Stop using glyphosate").update(state="flagged")
    assert "Stop using glyphosate weedkiller" not in _search(client, q="glyphosate")
    from townhall.news.models import NewsPostPage

    post = NewsPostPage.objects.descendant_of(alliance.home_page).live().first()
    word = post.title.split()[-1]
    PageViewRestriction.objects.create(page=post, restriction_type="login")
    assert f'href="{post.url}"' not in _search(client, q=word)
    collection = Collection.objects.get(pk=council.collection_id)
    collection.view_restrictions.create(restriction_type="login")
    assert "financial benefits" not in _search(client, q="savings")


def test_paragraphs_stay_apart_in_a_snippet():
    assert snippet("<p>First ends.</p><p>Second library.</p>", "library") == (
        "First ends. Second <mark>library</mark>."
    )


def test_each_result_names_the_organisation_whose_section_holds_it(client, alliance):
    from townhall.core.models import Organisation
    from townhall.core.services.organisations import owners_of
    from townhall.news.models import NewsPostPage

    post = NewsPostPage.objects.descendant_of(alliance.home_page).first()
    organisations = list(Organisation.objects.select_related("home_page"))
    assert owners_of([post, alliance.home_page.get_parent()], organisations) == {
        post.pk: alliance,
        alliance.home_page.get_parent().pk: None,  # the borough's home: nobody's section
    }


def test_a_councillor_is_found_by_name_and_by_ward(client):
    for words in ("thompstone", "golders green"):
        html = _search(client, q=words)
        assert "councillors" in _kinds(html)
        assert 'href="/democracy/councillors/reuben-thompstone/"' in html
    assert "councillors" not in _kinds(_search(client, q="thompstone nowhere"))
