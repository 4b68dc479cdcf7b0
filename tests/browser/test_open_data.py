"""Open data in a browser (issue 20): the indicator block on a campaign's front page shows
the same numbers in its chart and its map as in its table, with the limit drawn, and a
resident finds the dataset in the catalogue and downloads its CSV."""

import csv
import io
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_an_indicator_on_a_campaign_page_and_the_catalogue_download(site):
    site.goto(f"{site.server_url}/alliance/")
    block = site.locator(".th-indicator-block", has_text="Air at our schools")
    expect(block).to_be_visible()
    pairs = "els => els.map(e => [e.dataset.label, e.dataset.value])"
    bars = block.locator(".th-chart__bar").evaluate_all(pairs)
    rows = block.locator(".th-chart-table tbody tr").evaluate_all(pairs)
    assert len(bars) == 15 and sorted(bars) == sorted(rows)
    expect(block.locator(".th-chart__limit")).to_have_attribute("data-limit", "40.0000")
    expect(block.get_by_text("Illustrative values")).to_be_visible()
    # The map beside the chart: each shaded ward holds the value of the school in it.
    wards = block.locator(".th-figure-map path[data-value]").evaluate_all(
        "els => els.map(e => e.dataset.value)"
    )
    assert sorted(wards) == sorted(value for _label, value in rows)
    expect(block.locator(".th-figure-map")).to_be_visible()

    site.goto(f"{site.server_url}/data/")
    site.get_by_role("link", name="Nitrogen dioxide at Barnet schools").first.click()
    expect(site.get_by_role("heading", level=1)).to_have_text("Nitrogen dioxide at Barnet schools")
    with site.expect_download() as download:
        site.get_by_role("link", name="CSV").click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    table = list(csv.DictReader(io.StringIO(text)))
    assert len(table) == 15 and {row["unit"] for row in table} == {"µg/m³"}
    assert "Wentworth Tutorial College" in {row["place"] for row in table}
