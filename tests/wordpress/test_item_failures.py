"""One item that cannot be converted, whatever the reason, is set aside with a line naming it,
nothing of it is left behind (pages, records, image files), and the rest of the file imports."""

from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from PIL import Image as PillowImage
from wagtail.images import get_image_model

from townhall.news.models import NewsPostPage
from townhall.wordpress.models import ImportedItem

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent / "fixtures"
SECTION = "library-campaign"
POST = """
	<item>
		<title>{title}</title>
		<link>https://nested.example/{slug}/</link>
		<content:encoded><![CDATA[{content}]]></content:encoded>
		<wp:post_id>{number}</wp:post_id>
		<wp:post_date_gmt>2019-05-01 10:00:00</wp:post_date_gmt>
		<wp:post_name>{slug}</wp:post_name>
		<wp:status>publish</wp:status>
		<wp:post_type>post</wp:post_type>
	</item>"""


def export(*posts: tuple[int, str, str]) -> str:
    items = "".join(
        POST.format(number=n, title=t, slug=t.lower().replace(" ", "-"), content=c)
        for n, t, c in posts
    )
    return f"""<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
	<title>Nested</title>
	<link>https://nested.example</link>
	<wp:wxr_version>1.2</wp:wxr_version>
	<wp:base_blog_url>https://nested.example</wp:base_blog_url>{items}
</channel>
</rss>
"""


def run_import(path: Path, media_dir: Path | None = None) -> str:
    out = StringIO()
    options = {"media_dir": media_dir} if media_dir else {}
    call_command(
        "import_wordpress",
        str(path),
        organisation=SECTION,
        stdout=out,
        stderr=StringIO(),
        **options,
    )
    return out.getvalue()


def media_files() -> set[Path]:
    return {p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()}


def test_shortcodes_nested_beyond_reason_cost_only_their_post(tmp_path):
    depth = 1200
    nested = "".join(f"[a{i} x=1]" for i in range(depth)) + "hi"
    nested += "".join(f"[/a{i}]" for i in reversed(range(depth)))
    path = tmp_path / "export.xml"
    path.write_text(
        export(
            (1, "Before", "First."),
            (2, "Nested", nested),
            (3, "After", "Last."),
        )
    )
    out = run_import(path)
    assert "Imported: 2 posts" in out
    assert "post 2 (Nested): its shortcodes are nested more than" in out
    assert set(NewsPostPage.objects.values_list("title", flat=True)) >= {"Before", "After"}
    assert not NewsPostPage.objects.filter(title="Nested").exists()


def test_shortcodes_nested_a_few_deep_keep_their_words(tmp_path):
    nested = "[row x=1][column x=1][text x=1]Kept words[/text][/column][/row]"
    path = tmp_path / "export.xml"
    path.write_text(export((1, "Builder", nested)))
    run_import(path)
    body = str(NewsPostPage.objects.get(title="Builder").body)
    assert "Kept words" in body and "[" not in body


@pytest.fixture
def uploads(tmp_path) -> Path:
    folder = tmp_path / "uploads" / "2017" / "07"
    folder.mkdir(parents=True)
    PillowImage.new("RGB", (40, 30), "teal").save(folder / "meeting.jpg")
    PillowImage.new("RGB", (60, 20), "orange").save(folder / "banner.png")
    return tmp_path / "uploads"


def test_any_error_in_one_item_sets_it_aside_with_nothing_of_it_left(uploads, monkeypatch):
    """The evening meeting's featured image is written before its comments fail: the image's
    file and record go with the post, and the other items come across."""
    from townhall.wordpress import importer

    comments = importer.Importer._comments

    def fail_for_the_evening_meeting(self, item, page):
        if item.slug == "evening-meeting":
            raise RuntimeError("a fault no one foresaw")
        return comments(self, item, page)

    monkeypatch.setattr(importer.Importer, "_comments", fail_for_the_evening_meeting)
    files, images = media_files(), get_image_model().objects.count()
    out = run_import(FIXTURES / "fidelity-export.xml", media_dir=uploads)
    assert "Imported: 2 posts, 4 pages" in out
    assert (
        "post 11 (The evening meeting): it could not be imported (RuntimeError: a fault no one "
        "foresaw)" in out
    )
    assert not NewsPostPage.objects.filter(slug="evening-meeting").exists()
    assert not ImportedItem.objects.filter(wordpress_id__in=[11, 202]).exists()
    assert "post 11" not in out.split("To check")[-1]  # its notes went with it
    assert NewsPostPage.objects.filter(slug="no-file").exists()
    made = get_image_model().objects.count() - images
    assert len(media_files() - files) == made  # no file of the image left behind


def test_an_image_set_aside_with_its_item_is_made_again_by_the_next(uploads, monkeypatch):
    """Two items showing one image: the first fails after making it, the second still gets
    an image that exists."""
    from townhall.wordpress import importer

    post = importer.Importer._post
    failed = []

    def fail_once(self, item):
        page = post(self, item)
        if not failed:
            failed.append(item.id)
            raise RuntimeError("once")
        return page

    monkeypatch.setattr(importer.Importer, "_post", fail_once)
    path = uploads.parent / "export.xml"
    image = '<img src="https://nested.example/wp-content/uploads/2017/07/meeting.jpg" alt="Hall">'
    path.write_text(export((1, "First", image), (2, "Second", image)))
    before = set(get_image_model().objects.values_list("pk", flat=True))  # the demo's own
    out = run_import(path, media_dir=uploads)
    assert "post 1 (First): it could not be imported (RuntimeError: once)" in out
    second = NewsPostPage.objects.get(title="Second")
    embedded = get_image_model().objects.exclude(pk__in=before).get()
    assert f'id="{embedded.pk}"' in str(second.body)
    assert Path(embedded.file.path).is_file()


def test_an_item_whose_number_is_not_a_number_is_set_aside_when_read(tmp_path):
    path = tmp_path / "export.xml"
    path.write_text(
        export((1, "Fine", "Fine."), (2, "Odd", "Odd.")).replace(
            "<wp:post_id>2</wp:post_id>", "<wp:post_id>\u00b2</wp:post_id>"
        )
    )
    out = run_import(path)
    assert "Imported: 1 post" in out
    assert "item 2 ('Odd'): wp:post_id: expected a number, found '\u00b2'" in out
