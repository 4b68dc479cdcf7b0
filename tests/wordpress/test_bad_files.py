"""A file that cannot be imported gets one line naming the file and where it goes wrong, the
command exits 1, and nothing at all is stored."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page

from townhall.wordpress.models import ImportedItem

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent / "fixtures"
GOOD = (FIXTURES / "small-export.xml").read_bytes()


def refusal(path: Path, **options) -> str:
    pages = Page.objects.count()
    with pytest.raises(CommandError) as error:
        call_command(
            "import_wordpress",
            str(path),
            organisation="library-campaign",
            stdout=StringIO(),
            stderr=StringIO(),
            **options,
        )
    message = str(error.value)
    assert error.value.returncode == 1
    assert "\n" not in message and message.startswith(f"{path}: ")
    assert message.endswith("Nothing was imported.")
    assert Page.objects.count() == pages and not ImportedItem.objects.exists()
    return message


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (GOOD[: len(GOOD) // 2], "the file ends early, at line"),
        (GOOD.replace(b"</title>", b"</titel>", 1), "not well-formed XML (line 10, column"),
        (b"", "the file is empty"),
        (b"  \n\n", "the file is empty"),
        (b"post_id,title\n1,Hello\n", "this is not XML: it begins 'post_id,title"),
        (b"PK\x03\x04rest-of-a-zip", "this is a ZIP archive"),
        (b"\x1f\x8b\x08rest-of-a-gzip", "this is a gzip archive"),
        (GOOD.replace(b"children's", "children\u2019s".encode("cp1252")), "not UTF-8 as it"),
        (b"<html><body>Log in</body></html>", "it has no <rss><channel>"),
    ],
    ids=[
        "truncated",
        "mismatched-tag",
        "empty",
        "blank",
        "csv",
        "zip",
        "gzip",
        "windows-1252",
        "html",
    ],
)
def test_a_bad_file_is_refused_in_one_line(tmp_path, content, says):
    path = tmp_path / "export.xml"
    path.write_bytes(content)
    assert says in refusal(path)


def test_a_file_in_the_wrong_encoding_names_the_line_and_byte(tmp_path):
    path = tmp_path / "export.xml"
    path.write_bytes(GOOD.replace(b"children's", "children\u2019s".encode("cp1252")))
    assert "(line 21, column 37, byte 0x92)" in refusal(path)


def test_a_file_beyond_the_limit_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "export.xml"
    path.write_bytes(GOOD)
    message = refusal(path, max_megabytes=0.001)
    assert "the file is larger than 1 KB, the most the import reads" in message


def test_a_missing_file_and_a_missing_media_dir_are_named(tmp_path):
    with pytest.raises(CommandError, match=r"Cannot read .*nope\.xml"):
        call_command(
            "import_wordpress", str(tmp_path / "nope.xml"), organisation="library-campaign"
        )
    with pytest.raises(CommandError, match=r"--media-dir .* is not a folder"):
        call_command(
            "import_wordpress",
            str(FIXTURES / "small-export.xml"),
            organisation="library-campaign",
            media_dir=tmp_path / "nowhere",
        )
