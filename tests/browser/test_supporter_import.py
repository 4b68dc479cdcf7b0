"""An organiser brings their group's supporters across from NationBuilder: they upload the
export from the People listing, read the preview (who is new, who is refused and why), and
confirm; the same file again changes nothing."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser

EXPORT = Path(__file__).parents[1] / "people" / "fixtures" / "nationbuilder-people.csv"


def test_an_organiser_imports_a_nationbuilder_export_after_its_preview(site, tmp_path):
    export = tmp_path / "nationbuilder-export.csv"
    formula = '"=HYPERLINK(""http://x.example"")"'
    cells = ["104", formula, "", "X", "x@example.org", "true", *[""] * 8, "2022-01-01"]
    export.write_bytes(EXPORT.read_bytes() + (",".join(cells) + "\n").encode())
    sign_in(site, site.server_url, "alliance-editor")
    site.goto(f"{site.server_url}/admin/people/")
    site.get_by_role("link", name="Import supporters").click()
    expect(site.get_by_role("heading", name="Import supporters")).to_be_visible()
    site.get_by_label("A NationBuilder people export").check()
    site.get_by_label("CSV file").set_input_files(str(export))
    site.get_by_role("button", name="Upload and preview").click()

    expect(site.get_by_role("heading", name="Preview the import")).to_be_visible()
    expect(site.get_by_text("read as a NationBuilder export: 4 rows")).to_be_visible()
    new_people = site.locator("table").filter(has_text="ada.lovelace@example.org")
    expect(new_people.get_by_role("row")).to_have_count(4)  # a heading and three people
    refused = site.get_by_role("row").filter(has_text="x@example.org")
    expect(refused).to_contain_text("5")
    expect(refused).to_contain_text("as a spreadsheet formula does")
    site.goto(f"{site.server_url}/admin/people/?q=ada.lovelace")
    expect(site.get_by_text("ada.lovelace@example.org")).to_have_count(0)  # not yet stored

    site.go_back()
    site.get_by_role("button", name="Import 3 people").click()
    expect(site.get_by_text("3 new")).to_be_visible()
    expect(site.get_by_text("ada.lovelace@example.org")).to_be_visible()

    site.get_by_role("link", name="Import supporters").click()
    site.get_by_label("CSV file").set_input_files(str(export))
    site.get_by_role("button", name="Upload and preview").click()
    expect(site.get_by_role("button", name="Import 0 people")).to_be_visible()
    unchanged = site.locator("dl")
    expect(unchanged).to_contain_text("Already here, nothing to add")
