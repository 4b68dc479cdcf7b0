"""Council democracy in a browser (issue 19): a resident finds their councillor by postcode
and writes to them (the message arrives in the outbox), sends a question to the next
meeting, an officer accepts it in the admin, it shows with the agenda, and the written
answer shows on the meeting's page."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import open_latest_email, sign_in, townhall_command
from tests.postcodes import SAMPLE

pytestmark = pytest.mark.browser

NO_POSTCODES = (
    "from townhall.core.models import Borough;"
    "from townhall.core.services.postcode_directory import remove_postcodes;"
    "[remove_postcodes(borough) for borough in Borough.objects.all()]"
)
RESIDENT = "grace-hopper@example.org"


@pytest.fixture
def a_postcode(server_env, tmp_path):
    """Some of Barnet's real postcodes, loaded as an operator loads the ONS directory."""
    directory = tmp_path / "postcodes.csv"
    directory.write_text(SAMPLE)
    townhall_command(server_env, "load_postcodes", str(directory), "--borough", "E09000003")
    yield
    townhall_command(server_env, "shell", "-c", NO_POSTCODES)  # other paths ask for wards


def write_to_the_councillor(site) -> None:
    site.goto(f"{site.server_url}/democracy/councillors/")
    expect(site.get_by_label("Or choose your ward")).to_have_count(0)  # the postcode will do
    site.get_by_label("Postcode").fill("nw11 0aa")
    site.get_by_role("button", name="Find").click()
    expect(
        site.get_by_role("heading", name="Your councillors in Golders Green ward")
    ).to_be_visible()
    site.locator("#yours-title ~ *").get_by_role("link", name="Reuben Thompstone").first.click()
    site.get_by_role("button", name="Write to Reuben Thompstone").click()
    for label, value in (
        ("Your name", "Grace Hopper"),
        ("Your email address", RESIDENT),
        ("Your address", "12 Example Road\nGolders Green"),
        ("Postcode", "NW11 0AA"),
        ("Subject", "Saturday library hours"),
        ("Your message", "Please keep Golders Green library staffed on Saturdays."),
    ):
        site.get_by_label(label).fill(value)
    site.get_by_role("button", name="Continue").click()
    expect(site.get_by_role("heading", name="Check your email")).to_be_visible()
    open_latest_email(site, site.server_url, RESIDENT, "Confirm your message to")
    site.locator("a[href*='/democracy/messages/']").first.click()
    site.get_by_role("button", name="Send my message").click()
    expect(site.get_by_role("heading", name="Your message has been sent")).to_be_visible()
    site.goto(f"{site.server_url}/outbox/")
    sent = site.get_by_role("row").filter(has_text="cllr.reuben-thompstone@")
    expect(sent.filter(has_text="Saturday library hours").first).to_be_visible()


def ask_a_question(site) -> str:
    site.goto(f"{site.server_url}/democracy/committees/children-education-libraries-safeguarding/")
    site.locator("main").get_by_role(
        "link", name=re.compile(r"^\w+day \d+ \w+ \d{4}")
    ).first.click()
    meeting_url = site.url
    site.get_by_role("link", name="Ask a question or ask to speak").click()
    site.get_by_label("A question for the meeting").check()
    site.get_by_label("Your name").fill("Grace Hopper")
    site.get_by_label("Your email address").fill(RESIDENT)
    site.get_by_label("Your question, or what you would like to speak about").fill(
        "Will Golders Green library keep staff on Saturday afternoons?"
    )
    site.get_by_role("button", name="Continue").click()
    expect(site.get_by_role("heading", name="Check your email")).to_be_visible()
    open_latest_email(site, site.server_url, RESIDENT, "Confirm your question")
    site.locator("a[href*='/democracy/questions/']").first.click()
    site.get_by_role("button", name="Send my question").click()
    expect(site.get_by_role("heading", name="Your question has been sent")).to_be_visible()
    return meeting_url


def officer_decides(officer, server_url: str, decision: str, answer: str = "") -> None:
    officer.goto(f"{server_url}/admin/publicquestion/")
    row = officer.locator("tbody tr", has_text="Grace Hopper")
    row.locator("a[href*='/admin/publicquestion/edit/']").first.click()
    expect(officer.get_by_label(decision)).to_be_visible()
    officer.get_by_label(decision).check()
    if answer:
        officer.get_by_role("textbox", name="Answer").fill(answer)
    officer.get_by_role("button", name="Save").click()
    expect(officer.get_by_text("The resident has been emailed")).to_be_visible()


def test_a_resident_writes_to_their_councillor_and_asks_a_question_that_is_answered(
    site, a_postcode, browser
):
    write_to_the_councillor(site)
    meeting_url = ask_a_question(site)
    question = "Will Golders Green library keep staff on Saturday afternoons?"
    site.goto(meeting_url)
    expect(site.get_by_text(question)).to_have_count(0)  # not before an officer accepts it

    officer = browser.new_context().new_page()  # the officer's own session
    sign_in(officer, site.server_url, "council-officer")
    officer_decides(officer, site.server_url, "Accept it: publish it with the agenda")
    site.goto(meeting_url)
    expect(site.get_by_role("heading", name="Question from Grace Hopper")).to_be_visible()
    expect(site.get_by_text(question)).to_be_visible()

    officer_decides(
        officer,
        site.server_url,
        "Publish the written answer",
        answer="Yes: Saturday afternoon staffing continues at Golders Green library.",
    )
    site.goto(meeting_url)
    ours = site.locator(".th-question", has_text="Question from Grace Hopper")
    expect(ours.get_by_text("Written answer:")).to_be_visible()
    expect(site.get_by_text("Saturday afternoon staffing continues")).to_be_visible()
    answer_email(site)
    expect(site.get_by_text("Saturday afternoon staffing continues")).to_be_visible()


def answer_email(site) -> None:
    """The worker sends the answer a moment after the officer saves it: look again."""
    for _ in range(20):
        site.goto(f"{site.server_url}/outbox/")
        row = site.get_by_role("row").filter(has_text=RESIDENT)
        if row.filter(has_text="The answer to your question").count():
            break
        site.wait_for_timeout(500)
    open_latest_email(site, site.server_url, RESIDENT, "The answer to your question")
