"""An import run as a command while the site is up: readers see the posts at once."""

import urllib.request
from pathlib import Path

import pytest

from tests.browser.conftest import townhall_command

pytestmark = pytest.mark.browser
EXPORT = Path(__file__).parents[1] / "wordpress" / "fixtures" / "small-export.xml"


def read(url: str) -> str:
    with urllib.request.urlopen(url, timeout=20) as response:  # noqa: S310 - local server
        return response.read().decode()


def test_imported_posts_show_on_the_cached_index_and_old_links_redirect(site, server_env):
    index = f"{site.server_url}/workers-branch/news/"
    read(index), read(index)  # now in the page cache
    assert "What we saw at the children" not in read(index)
    output = townhall_command(
        server_env, "import-wordpress", str(EXPORT), "--organisation", "workers-branch"
    )
    assert "Imported: 2 posts, 1 page, 2 comments" in output
    assert "What we saw at the children" in read(index)
    site.goto(f"{site.server_url}/2017/07/childrens-committee/")
    assert site.url == f"{site.server_url}/workers-branch/news/childrens-committee/"
    assert site.get_by_text("Thank you for going so we did not have to.").is_visible()
