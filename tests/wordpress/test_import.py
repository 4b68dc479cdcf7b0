"""Importing a WordPress export: everything published arrives, nothing twice, nothing half."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from wagtail.models import Page

from townhall.comments.models import Comment
from townhall.core.models import ContentPage
from townhall.news.models import NewsPostPage
from townhall.wordpress.wxr import read_export

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent / "fixtures"


def run_import(name: str = "small-export.xml", organisation: str = "library-campaign"):
    out, err = StringIO(), StringIO()
    call_command(
        "import_wordpress", str(FIXTURES / name), organisation=organisation, stdout=out, stderr=err
    )
    return out.getvalue(), err.getvalue()


@pytest.fixture
def imported(db):
    return run_import()


def test_published_posts_keep_dates_authors_categories_and_tags(imported):
    post = NewsPostPage.objects.get(title="What we saw at the children's committee")
    assert post.live and str(post.date) == "2017-07-19"
    assert post.author_name == "Keith Martin"
    assert [c.name for c in post.categories.all()] == ["Council meetings"]
    assert sorted(t.name for t in post.tags.all()) == ["Ofsted", "libraries"]
    assert post.teaser == "A very long order paper, and questions on libraries."
    assert post.get_parent().get_parent().slug == "library-campaign"
    closed = NewsPostPage.objects.get(title__startswith="Right to ride")
    assert closed.comments_open is False


def test_content_is_made_into_paragraphs_and_sanitised(imported):
    body = NewsPostPage.objects.get(title__startswith="What we saw").body
    assert body.startswith("<p>The order paper ran to 260 pages.</p>")
    assert "<strong>libraries</strong>" in body
    assert "<script" not in body and "iframe" not in body and "onclick" not in body
    assert '<a href="https://council.example/papers">papers</a>' in body


def test_pages_are_imported_as_content_pages(imported):
    about = ContentPage.objects.get(title="About us")
    assert about.live and "write about how Barnet is run" in about.body


def test_approved_comments_keep_their_threads_and_dates(imported):
    post = NewsPostPage.objects.get(title__startswith="What we saw")
    jean, keith = Comment.objects.filter(page=post).order_by("created_at")
    assert (jean.author_name, jean.status, jean.depth) == ("Jean", "approved", 1)
    assert jean.created_at.isoformat().startswith("2017-07-19T10:00")
    assert jean.ip_address == "192.0.2.44" and jean.author_url == "https://jean.example"
    assert (keith.parent_id, keith.depth, keith.ip_address) == (jean.pk, 2, None)
    assert "<em>Next one</em>" in keith.content_html


def test_old_addresses_redirect_to_the_new_pages(imported):
    post = NewsPostPage.objects.get(title__startswith="What we saw")
    client = Client()
    for old in ("/2017/07/childrens-committee/", "/?p=101"):
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"].endswith(post.url)


def test_the_summary_says_what_was_imported_and_why_things_were_skipped(imported):
    out, err = imported
    assert "Imported: 2 posts, 1 page, 2 comments" in out
    assert "post 103 (Unfinished thoughts): draft: only published items are imported" in out
    assert (
        "attachment 104 (committee-photo): uploaded files come across only as the images posts "
        "and pages show" in out
    )
    assert "nav_menu_item 105 (Home): navigation menus are not imported" in out
    assert "comment 503 on post 101: marked as spam" in out
    assert "comment 504 on post 101: pingbacks are not imported" in out
    assert "comment 505 on post 101: not approved" in out
    assert "[##############################] 6/6 items" in err


def test_importing_again_creates_no_duplicates(imported):
    counts = (Page.objects.count(), Comment.objects.count())
    out, _ = run_import()
    assert (Page.objects.count(), Comment.objects.count()) == counts
    assert "Imported: nothing new" in out
    assert "Already imported before: 2 posts, 1 page, 2 comments" in out


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("broken.xml", "not well-formed XML (line 8, column"),
        ("news-feed.xml", "this is not a WordPress export: it has no <wp:wxr_version>"),
        ("entity-bomb.xml", "refused for safety"),
        ("missing.xml", "Cannot read"),
    ],
)
def test_a_bad_file_gets_a_clear_error_and_imports_nothing(name, message):
    pages = Page.objects.count()
    with pytest.raises(CommandError) as error:
        run_import(name)
    assert message in str(error.value)
    assert Page.objects.count() == pages


def test_an_unknown_organisation_is_named(db):
    with pytest.raises(CommandError, match=r"No organisation 'nope'\. Known: "):
        run_import(organisation="nope")


def test_a_database_failure_part_way_rolls_everything_back(monkeypatch):
    from django.db import OperationalError

    from townhall.wordpress import importer

    def fail(self, item, page):
        raise OperationalError("the database went away")

    monkeypatch.setattr(importer.Importer, "_comments", fail)
    pages = Page.objects.count()
    with pytest.raises(OperationalError):
        run_import()
    assert Page.objects.count() == pages
    assert not NewsPostPage.objects.filter(title__startswith="What we saw").exists()


def test_a_failure_in_every_item_stores_none_of_them(monkeypatch):
    from townhall.wordpress import importer

    def fail(self, item, page):
        raise RuntimeError("disk full")

    monkeypatch.setattr(importer.Importer, "_comments", fail)
    pages = Page.objects.count()
    out, _err = run_import()
    assert "Imported: nothing new" in out
    assert "it could not be imported (RuntimeError: disk full)" in out
    assert Page.objects.count() == pages


def test_the_reader_understands_older_export_versions():
    data = (
        (FIXTURES / "small-export.xml")
        .read_bytes()
        .replace(b"http://wordpress.org/export/1.2/", b"http://wordpress.org/export/1.1/")
    )
    from io import BytesIO

    export = read_export(BytesIO(data))
    assert len(export.items) == 6 and export.items[0].comments[0].author == "Jean"


def test_a_bad_date_is_named_and_costs_only_its_item():
    from io import BytesIO

    data = (
        (FIXTURES / "small-export.xml")
        .read_bytes()
        .replace(b"2017-07-18 17:00:00", b"yesterday-ish")
    )
    export = read_export(BytesIO(data))
    [(what, why)] = export.problems
    assert what.startswith("item 2 ('Right to ride") and "'yesterday-ish' is not a date" in why
    assert [i.id for i in export.items] == [101, 103, 2, 104, 105]


def test_the_words_arrive_as_they_read_in_wordpress(db):
    """WordPress keeps titles, names, categories and tags with HTML entities in them; they
    are decoded once, not shown as "&amp;" or "&#8211;", and excerpts not escaped twice."""
    run_import("words-export.xml")
    post = NewsPostPage.objects.get(slug="cuts-and-closures")
    assert post.title == "Cuts & closures \u2013 what's next"
    assert post.author_name == "Jo & Sam O'Neill"
    assert post.teaser == "Sponsored by AT&T \u2013 no, not really."
    assert [c.name for c in post.categories.all()] == ["News & views"]
    assert [t.name for t in post.tags.all()] == ["Barnet's libraries"]
    assert Comment.objects.get(author_name="Ann & Bob")
    html = Client().get(post.url).content.decode()
    assert "Cuts &amp; closures \u2013 what&#x27;s next" in html and "&amp;amp;" not in html
    assert "AT&amp;amp;T" not in html
    page = ContentPage.objects.get(slug="about-us")
    assert page.title == "About us \u2013 who we are"


def test_a_reply_dated_before_its_parent_is_imported_on_the_first_run(db):
    out, _err = run_import("words-export.xml")
    post = NewsPostPage.objects.get(slug="cuts-and-closures")
    comments = {c.author_name: c for c in Comment.objects.filter(page=post)}
    assert set(comments) == {"Ann & Bob", "Reply before parent", "Reply to the reply"}
    assert comments["Reply before parent"].parent == comments["Ann & Bob"]
    assert comments["Reply to the reply"].parent == comments["Reply before parent"]
    assert "3 comments" in out


def test_a_title_too_long_is_named_and_only_its_post_is_left_out(db):
    out, _err = run_import("long-title.xml")
    assert "post 803 (" in out and "at most 255 fit: shorten it in WordPress" in out
    assert not NewsPostPage.objects.filter(slug="long").exists()


def test_imported_pages_are_in_the_sections_menu(db):
    run_import("words-export.xml")
    page = ContentPage.objects.get(slug="about-us")
    html = Client().get(page.get_parent().url).content.decode()
    menu = html[html.index('class="th-section-nav"') :]
    assert f'href="{page.url}">About us \u2013 who we are</a>' in menu[: menu.index("</nav>")]
