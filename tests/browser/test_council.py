"""The council's record in a browser: a resident finds a phrase inside a PDF paper and opens
the paper at its page; the promise tracker's chart and table agree; an officer imports figures."""

import io

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser

PHRASE = "independent benchmarking"  # only on page 3 of the demo's NSCSO business case


def test_a_resident_finds_a_phrase_inside_a_pdf_and_opens_the_paper_at_its_page(site):
    site.goto(f"{site.server_url}/democracy/decisions/")
    site.get_by_role("link", name="Search the words of decisions and papers").click()
    site.get_by_label("Words to find").fill(PHRASE)
    site.get_by_role("button", name="Search", exact=True).last.click()

    result = site.locator(".th-paper-hit", has_text="NSCSO business case")
    expect(result).to_contain_text("Found on page 3")
    result.get_by_role("link", name="Business case for outsourcing").click()

    expect(site.get_by_role("heading", level=1)).to_contain_text("Business case for outsourcing")
    page_link = site.get_by_role("link", name="NSCSO business case, page 3")
    href = page_link.get_attribute("href")
    assert href.endswith("#page=3")
    # Opening the link fetches the paper; its third page is where the words are.
    paper = site.request.get(f"{site.server_url}{href.split('#')[0]}")
    assert paper.headers["content-type"] == "application/pdf"
    pages = PdfReader(io.BytesIO(paper.body())).pages
    assert PHRASE in pages[2].extract_text().lower()
    assert PHRASE not in pages[1].extract_text().lower()


def _chart_and_table(site) -> tuple[list, list]:
    points = site.eval_on_selector_all(
        ".th-chart__point",
        "els => els.map(e => [e.dataset.series, e.dataset.date, e.dataset.value,"
        " e.querySelector('title').textContent])",
    )
    rows = site.eval_on_selector_all(
        ".th-chart-table tbody tr",
        "els => els.map(e => [e.dataset.series, e.dataset.date, e.dataset.value,"
        " e.cells[2].textContent.trim()])",
    )
    return points, rows


def test_the_chart_and_its_table_hold_the_same_numbers(site):
    site.goto(f"{site.server_url}/council/one-barnet/")
    points, rows = _chart_and_table(site)
    assert len(points) == 3
    assert sorted(p[:3] for p in points) == sorted(r[:3] for r in rows)
    for series, day, value, title in points:
        shown = next(r[3] for r in rows if r[:3] == [series, day, value])
        assert title.endswith(f": {shown}")  # the tooltip says what the table says
    expect(site.locator(".th-tracker-summary")).to_contain_text("£165m")


def test_an_officer_imports_figures_fixing_a_bad_row_first(site, tmp_path):
    sign_in(site, site.server_url, "council-officer")
    site.goto(f"{site.server_url}/admin/figure-import/")
    site.get_by_label("Programme or project").select_option(label="One Barnet programme")
    bad = tmp_path / "figures.csv"
    bad.write_text(
        "measure,date,value,unit,source\n"
        "Savings delivered,2013-03-31,8200000,£,One Barnet programme: financial benefits\n"
        "Savings delivered,2014-03-31,-5,£,One Barnet programme: financial benefits\n"
    )
    site.get_by_label("CSV file").set_input_files(str(bad))
    site.get_by_role("button", name="Check and import").click()
    errors = site.locator("#import-errors")
    expect(errors).to_contain_text("Nothing was imported: 1 row to fix")
    expect(errors).to_contain_text("-5 is negative")

    good = tmp_path / "fixed.csv"
    good.write_text(bad.read_text().replace(",-5,", ",11000000,"))
    site.get_by_label("Programme or project").select_option(label="One Barnet programme")
    site.get_by_label("CSV file").set_input_files(str(good))
    site.get_by_role("button", name="Check and import").click()
    expect(site.get_by_text("2 added, 0 updated")).to_be_visible()

    site.goto(f"{site.server_url}/council/one-barnet/")
    expect(site.locator(".th-tracker-summary")).to_contain_text("£11m")
    points, rows = _chart_and_table(site)
    assert len(points) == len(rows) == 5
