"""What WordPress sites commonly have comes across as it read there, and nothing leaks."""

import re
from datetime import UTC, datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.models import Page

from townhall.core.models import ContentPage, Organisation
from townhall.news.feeds import PostsFeed
from townhall.news.models import NewsPostPage
from townhall.wordpress.models import ImportedItem

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent / "fixtures"
SECTION = "library-campaign"


def run_import(name: str, *, media_dir: Path | None = None, dry_run: bool = False, path=None):
    out, err = StringIO(), StringIO()
    options = {"media_dir": media_dir} if media_dir else {}
    call_command(
        "import_wordpress",
        str(path or FIXTURES / name),
        organisation=SECTION,
        dry_run=dry_run,
        stdout=out,
        stderr=err,
        **options,
    )
    return out.getvalue()


@pytest.fixture
def uploads(tmp_path) -> Path:
    """A copy of the old site's wp-content/uploads, as an organiser would give it."""
    folder = tmp_path / "uploads" / "2017" / "07"
    folder.mkdir(parents=True)
    PillowImage.new("RGB", (40, 30), "teal").save(folder / "meeting.jpg")
    PillowImage.new("RGB", (60, 20), "orange").save(folder / "banner.png")
    return tmp_path / "uploads"


@pytest.fixture
def imported(uploads):
    return run_import("fidelity-export.xml", media_dir=uploads)


def evening() -> NewsPostPage:
    return NewsPostPage.objects.get(slug="evening-meeting")


def test_an_https_namespace_export_is_read(imported):
    assert "Imported: 3 posts, 4 pages" in imported


@pytest.mark.parametrize("version", ["1.0", "1.1", "1.2"])
@pytest.mark.parametrize("scheme", ["http", "https"])
def test_every_form_of_the_namespaces_is_read(tmp_path, version, scheme):
    data = (FIXTURES / "small-export.xml").read_text()
    data = data.replace(
        "http://wordpress.org/export/1.2/", f"{scheme}://wordpress.org/export/{version}/"
    )
    path = tmp_path / "export.xml"
    path.write_text(data)
    out = run_import("", path=path)
    post = NewsPostPage.objects.get(slug="childrens-committee")
    assert "Imported: 2 posts, 1 page, 2 comments" in out
    assert post.teaser == "A very long order paper, and questions on libraries."  # excerpt ns


def test_two_sites_post_1_are_two_posts_and_the_same_site_again_changes_nothing(tmp_path):
    run_import("small-export.xml")
    other = (
        (FIXTURES / "small-export.xml")
        .read_text()
        .replace("residents-blog.example", "another-blog.example")
    )
    path = tmp_path / "other.xml"
    path.write_text(other)
    out = run_import("", path=path)
    assert "Imported: 2 posts, 1 page, 2 comments" in out
    assert NewsPostPage.objects.filter(slug__startswith="childrens-committee").count() == 2
    assert "its old address /?p=101 already leads elsewhere" in out
    # the first site again, now over http with a www.: the same site, nothing new
    again = (
        (FIXTURES / "small-export.xml")
        .read_text()
        .replace("https://residents-blog.example", "http://www.residents-blog.example")
    )
    path.write_text(again)
    pages = Page.objects.count()
    out = run_import("", path=path)
    assert "Imported: nothing new" in out and Page.objects.count() == pages
    sites = set(ImportedItem.objects.values_list("site", flat=True))
    assert sites == {"residents-blog.example", "another-blog.example"}


def test_bad_and_hostile_items_are_set_aside_and_the_rest_imported():
    out = run_import("hostile-items.xml")
    assert "Imported: 2 posts" in out
    assert "item 2 ('Hijacked'): it has no <wp:post_id> in WordPress's namespace" in out
    assert "item 3 ('No number'): it has no <wp:post_id>" in out
    assert "item 4 ('Bad date'): wp:post_date_gmt: the date 'yesterday-ish' is not a date" in out
    assert "a comment on item 1 ('A good post')" in out and "'not-a-number'" in out
    assert not NewsPostPage.objects.filter(title="Hijacked").exists()
    assert NewsPostPage.objects.filter(title="Another good post").exists()


def test_an_export_missing_one_post_id_imports_the_rest():
    out = run_import("no-post-id.xml")
    assert "Imported: 1 post" in out
    assert "item 2 ('Just a feed item'): it has no <wp:post_id>" in out


def test_a_password_protected_post_is_an_unpublished_draft_and_the_organiser_told(imported):
    post = NewsPostPage.objects.get(slug="strategy")
    assert not post.live and post.first_published_at is None
    assert (
        "post 12 (Members only: the strategy): it was password-protected in WordPress, so it "
        "is an unpublished draft here" in imported
    )
    client = Client()
    index = post.get_parent()
    assert client.get(post.url or f"{index.url}strategy/").status_code == 404
    assert "Secret plans" not in client.get(f"{index.url}feed/").content.decode()
    found = client.get("/search/", {"q": "Secret plans members"}).content.decode()
    assert "Members only" not in found
    api = client.get("/api/news", {"organisation": SECTION, "limit": 200})
    assert api.status_code == 200
    titles = [p["title"] for p in api.json()["items"]]
    assert "The evening meeting" in titles and "Members only: the strategy" not in titles


def test_shortcodes_become_images_captions_and_links_never_raw_text(imported):
    body = evening().body
    meeting = get_image_model().objects.get(title="Meeting photo")
    # [caption]: the image, then its caption
    assert (
        f'<embed embedtype="image" id="{meeting.pk}" format="fullwidth" '
        f'alt="Residents in the hall"/><p><i>The hall was full</i></p>' in body
    )
    # [gallery ids=...]: each image found, with the caption WordPress kept for it
    banner = get_image_model().objects.get(title="Banner")
    assert body.count(f'id="{meeting.pk}"') == 2 and f'id="{banner.pk}"' in body
    assert "<p><i>The main hall</i></p>" in body
    # videos: a plain link (the site's content policy allows no frames from elsewhere)
    assert (
        '<a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ">Watch the video on YouTube</a>'
        in body
    )
    assert '<a href="https://vimeo.com/76979871">Watch the video on Vimeo</a>' in body
    assert "speech.mp3</a>" in body and "march.mp4</a>" in body
    # unknown ones: left out, their words kept, and said in the report
    assert "Bring a friend." in body
    assert "contact-form-7" not in body and "su_box" not in body
    assert '[contact-form-7 id="12" title="Get in touch"]: Townhall has nothing' in imported
    # a writer's own brackets stay, and an escaped shortcode reads as WordPress showed it
    assert "As the minutes say [sic], and [gallery] is how" in body
    assert not re.search(r"\[(caption|embed|audio|video|su_box)", body)


def test_images_not_on_this_machine_are_listed(imported):
    assert "post 11 (The evening meeting): images not brought (not found in " in imported
    assert "lost.jpg" in imported
    assert "post 13 (A photo with no file): featured image not brought (not found in" in imported
    assert NewsPostPage.objects.get(slug="no-file").image is None


def test_the_featured_image_is_the_posts_image(imported):
    assert evening().image.title == "Banner"
    assert evening().image.file.read()[:4] == b"\x89PNG"


def test_without_a_media_dir_the_report_says_why():
    out = run_import("fidelity-export.xml")
    assert "featured image not brought (no --media-dir given)" in out
    assert evening().image is None


def test_child_pages_stay_children_of_their_parent(imported):
    about = ContentPage.objects.get(title="About the campaign")
    branches = ContentPage.objects.get(title="Branch libraries")
    assert branches.get_parent().pk == about.pk
    assert about.get_parent().pk == Organisation.objects.get(slug=SECTION).home_page_id


def test_the_time_of_day_and_the_modified_date_are_kept(imported):
    post = evening()
    assert post.first_published_at == datetime(2017, 7, 19, 18, 30, tzinfo=UTC)
    assert post.last_published_at == datetime(2017, 8, 2, 9, 15, tzinfo=UTC)
    assert str(post.date) == "2017-07-19"
    feed = PostsFeed(atom=False)
    assert timezone.localtime(feed.item_pubdate(post)).strftime("%H:%M") == "19:30"
    assert feed.item_updateddate(post) == post.last_published_at
    api = Client().get("/api/news", {"organisation": SECTION, "limit": 200}).json()["items"]
    [shown] = [p for p in api if p["title"] == "The evening meeting"]
    assert shown["last_published_at"].startswith("2017-08-02T09:15:00")


def test_a_page_named_like_the_sections_own_is_renamed_and_reported(imported):
    own = Page.objects.get(slug="aims", depth__gt=2, title="What we campaign for")
    renamed = ContentPage.objects.get(title="What we campaign for (from WordPress)")
    assert renamed.get_parent().pk == own.get_parent().pk
    slug_clash = ContentPage.objects.get(title="Aims (from WordPress)")
    assert slug_clash.slug == "aims-from-wordpress"
    assert (
        "page 33 (What we campaign for): the section has its own page 'What we campaign for', "
        "so this one is called 'What we campaign for (from WordPress)'" in imported
    )
    html = Client().get(own.get_parent().url).content.decode()
    menu = html[html.index('class="th-section-nav"') :]
    menu = menu[: menu.index("</nav>")]
    assert menu.count(">What we campaign for</a>") == 1


def test_paragraphs_are_made_as_wordpress_makes_them(imported):
    body = evening().body.replace("\n", "")
    assert body.startswith(
        "<p>First paragraph of the evening.<br>Its second line.</p>"
        "<p>A paragraph the editor wrote in HTML.</p><p>A plain paragraph after it.</p>"
    )


def test_a_link_with_an_unsafe_address_is_unwrapped_to_its_words(imported):
    body = evening().body
    assert "Do not click this, nor that; " in body
    assert '<a href="https://council.example/">this</a> is fine.' in body
    assert "javascript" not in body and "data:" not in body


def test_a_dry_run_reports_and_stores_nothing(uploads):
    pages, images = Page.objects.count(), get_image_model().objects.count()
    files = {p for p in Path(get_media_root()).rglob("*") if p.is_file()}
    out = run_import("fidelity-export.xml", media_dir=uploads, dry_run=True)
    assert "Dry run" in out and "Nothing was stored" in out
    assert "Imported: 3 posts, 4 pages" in out
    assert (Page.objects.count(), get_image_model().objects.count()) == (pages, images)
    assert not ImportedItem.objects.exists()
    assert {p for p in Path(get_media_root()).rglob("*") if p.is_file()} == files


def test_a_failure_part_way_leaves_no_image_files(uploads, monkeypatch):
    from django.db import OperationalError

    from townhall.wordpress import importer

    def fail(self, item):
        raise OperationalError("the database went away")

    monkeypatch.setattr(importer.Importer, "_page", fail)
    files = {p for p in Path(get_media_root()).rglob("*") if p.is_file()}
    with pytest.raises(OperationalError):
        run_import("fidelity-export.xml", media_dir=uploads)
    assert {p for p in Path(get_media_root()).rglob("*") if p.is_file()} == files
    assert not NewsPostPage.objects.filter(slug="evening-meeting").exists()


def test_importing_again_makes_no_second_image(uploads):
    run_import("fidelity-export.xml", media_dir=uploads)
    images = get_image_model().objects.count()
    out = run_import("fidelity-export.xml", media_dir=uploads)
    assert "Imported: nothing new" in out
    assert get_image_model().objects.count() == images


def test_a_file_address_outside_the_media_dir_is_not_read(tmp_path, uploads):
    secret = tmp_path / "secret.png"
    PillowImage.new("RGB", (5, 5)).save(secret)
    data = (
        (FIXTURES / "fidelity-export.xml")
        .read_text()
        .replace(
            "https://libraries.example/wp-content/uploads/2017/07/banner.png", f"file://{secret}"
        )
    )
    path = tmp_path / "export.xml"
    path.write_text(data)
    out = run_import("", path=path, media_dir=uploads)
    assert evening().image is None
    assert f"featured image not brought (not found in {uploads.resolve()}): file://{secret}" in out


def get_media_root() -> str:
    from django.conf import settings

    return settings.MEDIA_ROOT


def test_the_post_was_last_changed_when_wordpress_last_changed_it(imported):
    post = evening()
    changed = datetime(2017, 8, 2, 9, 15, tzinfo=UTC)
    assert post.latest_revision_created_at == changed
    assert post.latest_revision.created_at == changed


def test_a_password_protected_post_imported_live_before_is_unpublished_on_reimport(tmp_path):
    """Imports before password-protected items were drafts published them: importing the
    export again takes such an item down, and says so."""
    data = (FIXTURES / "fidelity-export.xml").read_text()
    path = tmp_path / "export.xml"
    path.write_text(data.replace("<![CDATA[members2017]]>", "<![CDATA[]]>"))
    run_import("", path=path)
    assert NewsPostPage.objects.get(slug="strategy").live
    out = run_import("fidelity-export.xml")
    post = NewsPostPage.objects.get(slug="strategy")
    assert not post.live
    assert (
        "post 12 (Members only: the strategy): it is password-protected in WordPress but was "
        "public here, so it has been unpublished" in out
    )
    assert Client().get(f"{post.get_parent().url}strategy/").status_code == 404
