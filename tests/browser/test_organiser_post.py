"""An organiser writes a news post with a photo they upload from the image chooser, and
publishes it (issue 16): the chooser is theirs to upload into, and the post shows it."""

import re
import uuid

import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.browser.conftest import sign_in, townhall_command

pytestmark = pytest.mark.browser

NEWS_INDEX = (
    "from townhall.news.models import NewsIndexPage;"
    "print(NewsIndexPage.objects.get(url_path__endswith='/alliance/news/').pk)"
)


def test_an_organiser_uploads_an_image_from_the_chooser_and_publishes_a_post(
    site, server_env, tmp_path
):
    photo = tmp_path / "stall.png"
    Image.new("RGB", (120, 80), (20, 120, 60)).save(photo)
    title = f"Our stall at the market {uuid.uuid4().hex[:6]}"
    news = townhall_command(server_env, "shell", "-c", NEWS_INDEX).split()[-1]

    sign_in(site, site.server_url, "alliance-editor")
    site.goto(f"{site.server_url}/admin/pages/add/news/newspostpage/{news}/")
    site.get_by_role("textbox", name=re.compile("Title")).first.fill(title)
    site.locator(".Draftail-Editor [contenteditable=true]").first.click()
    site.keyboard.type("We met dozens of residents at the Saturday market.")
    site.get_by_role("button", name=re.compile("Choose an image")).click()
    chooser = site.get_by_role("dialog")
    chooser.get_by_role("tab", name="Upload").click()
    chooser.locator("input[type=file]").set_input_files(str(photo))
    chooser.get_by_role("textbox", name=re.compile("Title")).fill("Our market stall")
    chooser.get_by_role("button", name="Upload").click()
    expect(site.get_by_role("dialog")).to_be_hidden()
    site.get_by_role("button", name="More actions").click()
    site.get_by_role("button", name="Publish").click()
    expect(site.get_by_text(re.compile("created and published"))).to_be_visible()

    site.goto(f"{site.server_url}/alliance/news/")
    site.get_by_role("link", name=title).first.click()
    expect(site.locator("main img")).to_have_count(1)
    collection = townhall_command(
        server_env,
        "shell",
        "-c",
        "from wagtail.images.models import Image;"
        "print(Image.objects.filter(title='Our market stall').last().collection.name)",
    )
    assert collection.strip().splitlines()[-1] == "Barnet Alliance for Public Services"
