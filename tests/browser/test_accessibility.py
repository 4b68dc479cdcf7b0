"""An axe scan of every public page type: WCAG 2.2 A and AA rules, and axe's best practices."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import code_from_outbox, sign_in_by_code, townhall_command

pytestmark = pytest.mark.browser

AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}

PAGES = {
    "borough home": "/",
    "organisation home": "/alliance/",
    "aims": "/alliance/aims/",
    "donation page": "/alliance/donate/",
    "councillors": "/democracy/councillors/",
    "councillors, a postcode not found": "/democracy/councillors/?postcode=SW1A+1AA",
    "a councillor": "/democracy/councillors/reuben-thompstone/",
    "writing to a councillor": "/democracy/councillors/reuben-thompstone/write/",
    "a register of interests, compared": "/democracy/councillors/reuben-thompstone/interests/",
    "a register of interests, an earlier version": "/democracy/councillors/reuben-thompstone/"
    "interests/1/",
    "forward plan": "/democracy/forward-plan/",
    "open data catalogue": "/data/",
    "a dataset, bars by place with a limit": "/data/no2-at-schools/",
    "a dataset, a line over time": "/data/trust-in-the-council/",
    "spending over £500": "/democracy/spending/",
    "spending, a filter with errors": "/democracy/spending/?month=April",
    "meeting to come, with questions": "/democracy/meetings/6/",
    "asking a question": "/democracy/meetings/6/ask/",
    "meeting with a recorded vote": "/democracy/meetings/1/",
    "aims, earlier version": "/alliance/aims/versions/1/",
    "aims, comparison": "/alliance/aims/compare/?old=1&new=2",
    "aims, comparison with errors": "/alliance/aims/compare/?old=1&new=1",
    "news index": "/alliance/news/",
    "news post with comments": "/alliance/news/notes-from-the-childrens-and-libraries-committee/",
    "news post, replying": "/alliance/news/notes-from-the-childrens-and-libraries-committee/"
    "?replytocom=1#respond",
    "news, monthly archive": "/alliance/news/2017/07/",
    "news, category": "/alliance/news/category/libraries/",
    "news, tag": "/alliance/news/tag/ofsted/",
    "content page": "/about/",
    "join form": "/join/alliance/",
    "check your email": "/join/alliance/check-your-email/",
    "link not valid": "/supporters/confirm/not-a-token/",
    "search results": "/search/?q=library",
    "search, nothing found": "/search/?q=zzzzqqq",
    "report a problem": "/feedback/problem/?path=/",
    "outbox": "/outbox/",
    "petitions list": "/petitions/",
    "petition with map and response": "/petitions/1/",
    "petition, signing form": "/petitions/1/sign/",
    "petitions, how they work": "/petitions/help/",
    "petitions, check for similar": "/petitions/check/?action=glyphosate",
    "petitions, start": "/petitions/new/",
    "page not found": "/no-such-page/",
    "committees": "/democracy/committees/",
    "committee": "/democracy/committees/children-education-libraries-safeguarding/",
    "decisions register": "/democracy/decisions/",
    "decisions register, filters with errors": "/democracy/decisions/?decided_from=2017-01-01"
    "&decided_to=2016-01-01",
    "decision": "/democracy/decisions/1/",
    "meeting with agenda and papers": "/democracy/meetings/1/",
    "programme with its promise tracker chart": "/council/one-barnet/",
    "project": "/council/one-barnet/new-support-and-customer-service-organisation/",
    "contracts register": "/democracy/contracts/",
    "contract": "/democracy/contracts/1/",
    "search inside papers": "/democracy/search/?q=independent+benchmarking",
    "decision with the pages that match a search": "/democracy/decisions/2/?q=benchmarking",
    "consultations hub": "/consultations/",
    "open consultation": "/council/libraries-consultation/",
    "Easy Read version": "/council/libraries-consultation-easy-read/",
    "concluded survey wave": "/council/perception-autumn-2016/",
    "survey series trend chart": "/consultations/series/1/",
    "grant schemes": "/grants/",
    "grant scheme": "/council/innovation-bank/",
    "grants awarded": "/grants/awards/",
    "petitions, filtered and sorted": "/petitions/?topic=environment&sort=newest",
    "joint statements": "/statements/?organisation=alliance",
    "events, with council meetings": "/events/",
    "events, month calendar": "/events/calendar/",
    "search, one kind": "/search/?q=library&kind=documents",
    "search, by organisation": "/search/?q=library&organisation=alliance",
    "sign in": "/accounts/login/code/",
    "create an account": "/accounts/signup/",
}


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_page_type_has_no_accessibility_violations(site, axe, path):
    site.goto(f"{site.server_url}{path}")
    results = axe.run(site, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()


def test_consultation_question_page_results_and_errors_have_no_violations(site, axe):
    site.goto(f"{site.server_url}/council/libraries-consultation/")
    site.get_by_role("button", name=re.compile("Start now")).click()
    site.get_by_role("heading", name="About you").wait_for()
    results = axe.run(site, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()
    site.get_by_role("button", name="Save and continue").click()
    site.get_by_role("heading", name="There is a problem").wait_for()
    results = axe.run(site, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()
    site.goto(f"{site.server_url}/council/perception-autumn-2016/")
    site.get_by_role("link", name=re.compile("See what people said")).click()
    site.get_by_role("heading", name="What people said").wait_for()
    results = axe.run(site, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()


def test_grant_eligibility_check_and_its_errors_have_no_violations(site, axe):
    site.goto(f"{site.server_url}/council/innovation-bank/")
    site.get_by_role("link", name="Check if you can apply").click()
    site.get_by_role("heading", name="Check if you can apply").wait_for()
    results = axe.run(site, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()
    site.get_by_role("button", name="Check").click()
    site.get_by_role("heading", name="There is a problem").wait_for()
    results = axe.run(site, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()


def test_join_form_with_errors_has_no_violations(site, axe):
    site.goto(f"{site.server_url}/join/alliance/")
    site.get_by_role("button", name="Join the campaign").click()
    site.get_by_role("heading", name="There is a problem").wait_for()
    results = axe.run(site, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()


def test_open_problem_form_and_outbox_message_have_no_violations(site, axe):
    site.goto(f"{site.server_url}/alliance/")
    site.get_by_text("Report a problem with this page").click()
    results = axe.run(site, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()
    site.goto(f"{site.server_url}/join/alliance/")
    site.get_by_label("Your name").fill("Axe Tester")
    site.get_by_label("Email address").fill("axe@example.org")
    site.get_by_role("button", name="Join the campaign").click()
    site.goto(f"{site.server_url}/outbox/")
    site.get_by_role("link", name="Confirm that you want to join").first.click()
    results = axe.run(site, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()


def test_the_scan_does_catch_a_violation(site, axe):
    """Guards the harness itself: a page with an unlabelled field and image must fail."""
    site.goto(f"{site.server_url}/about/")
    site.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend',"
        ' \'<img src="x.png"><input type="text">\')'
    )
    results = axe.run(site, options=AXE_OPTIONS)
    assert results.violations_count >= 2


EXPIRED_LINK = """
from datetime import timedelta
from django.utils import timezone
from townhall.petitions import services
from townhall.petitions.models import Petition, Signature
petition = Petition.objects.filter(state="open").first()
signature = services.sign(petition, services.Signer("Late Reader", "late-axe@example.org",
                                                    "EN5 4BW", None, False))
Signature.objects.filter(pk=signature.pk).update(link_sent_at=timezone.now() - timedelta(days=30))
print(signature.token)
"""


def test_an_expired_confirmation_link_has_no_violations(site, axe, server_env):
    token = townhall_command(server_env, "shell", "-c", EXPIRED_LINK).split()[-1]
    site.goto(f"{site.server_url}/petitions/signatures/{token}/")
    site.get_by_role("heading", name="This link has expired").wait_for()
    results = axe.run(site, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()


def test_accounts_and_the_application_form_have_no_violations(site, axe):
    """Sign-up, the code page, the task list, a section with errors, the budget, the check
    page, the applicant's list, deleting an account and an assessor's declaration."""

    def scan() -> None:
        results = axe.run(site, options=AXE_OPTIONS)
        assert results.violations_count == 0, f"{site.url}\n{results.generate_report()}"

    url = site.server_url
    site.goto(f"{url}/accounts/login/")
    scan()
    site.get_by_role("link", name="Create an account").click()
    site.get_by_role("button", name="Continue").click()
    site.get_by_role("heading", name="There is a problem").wait_for()
    scan()
    site.get_by_label("Email address").fill("axe.applicant@example.org")
    site.get_by_role("button", name="Continue").click()
    site.get_by_role("heading", name="Check your email").wait_for()
    scan()
    site.get_by_label("Code").fill(
        code_from_outbox(site, url, "axe.applicant@example.org", "Confirm your email")
    )
    site.get_by_role("button", name="Continue").click()
    site.goto(f"{url}/grants/rounds/2/apply/")
    scan()
    site.get_by_role("button", name="Start now").click()
    site.get_by_role("heading", name="Your application").wait_for()
    scan()
    site.get_by_role("link", name="Who is applying").click()
    site.get_by_role("button", name=re.compile("Save")).click()
    site.get_by_role("heading", name="There is a problem").wait_for()
    scan()
    site.goto(site.url.replace("/about/", "/budget/"))
    scan()
    site.goto(site.url.replace("/budget/", "/s1/"))
    scan()
    site.goto(site.url.replace("/s1/", "/check/"))
    scan()
    site.goto(f"{url}/grants/applications/")
    scan()
    site.goto(f"{url}/accounts/delete/")
    site.get_by_role("button", name="Delete my account").wait_for()
    scan()
    site.context.clear_cookies()  # sign out: the assessor is someone else
    sign_in_by_code(site, url, "grant-assessor@example.org", "/grants/assess/")
    site.get_by_role("heading", name="Applications to assess").wait_for()
    scan()
    site.get_by_role("row").nth(1).get_by_role("link").click()
    site.get_by_role("button", name="Save assessment").wait_for()
    scan()


A_MAILING_COPY = """
from townhall.core.models import Organisation
from townhall.people.models import Mailing, Recipient
alliance = Organisation.objects.get(slug="alliance")
mailing = Mailing.objects.create(organisation=alliance, subject="Axe", body="<p>Hi</p>")
print(Recipient.objects.create(mailing=mailing, email="axe@example.org").token)
"""


def test_a_mailings_unsubscribe_page_and_its_answer_have_no_violations(site, axe, server_env):
    token = townhall_command(server_env, "shell", "-c", A_MAILING_COPY).split()[-1]
    site.goto(f"{site.server_url}/mail/{token}/stop/")
    for heading in ("Stop emails from", "You have unsubscribed"):
        site.get_by_role("heading", name=heading).wait_for()
        results = axe.run(site, options=AXE_OPTIONS)
        assert results.violations_count == 0, results.generate_report()
        if heading.startswith("Stop"):
            site.get_by_role("button", name="Stop emails from").click()


def test_giving_its_errors_the_test_payment_page_and_thanks_have_no_violations(site, axe):
    site.goto(f"{site.server_url}/alliance/donate/")
    site.get_by_label("Yes, add Gift Aid").check()
    site.get_by_role("button", name="Continue to payment").click()
    site.get_by_role("heading", name="There is a problem").wait_for()
    for step in ("errors", "test payment page", "thanks"):
        results = axe.run(site, options=AXE_OPTIONS)
        assert results.violations_count == 0, f"{step}: {results.generate_report()}"
        if step == "errors":
            site.get_by_label("£10").check()
            site.get_by_label("Yes, add Gift Aid").uncheck()
            site.get_by_label("Your name").fill("Axe Test")
            site.get_by_label("Email address").fill("axe-giver@example.org")
            site.get_by_role("button", name="Continue to payment").click()
            site.get_by_text("Test payment page").wait_for()
        elif step == "test payment page":
            site.get_by_role("button", name="Pay £10.00 (test)").click()
            site.get_by_role("heading", name="Thank you").wait_for()


A_FOLLOW_UP = """
from django.utils import timezone
from townhall.council.models import Councillor, CouncillorMessage
message = CouncillorMessage.objects.create(
    councillor=Councillor.objects.get(slug="reuben-thompstone"), name="Axe", subject="Axe",
    body="Axe", state="sent", sent_at=timezone.now())
print(message.follow_up_token)
"""


def test_writing_to_a_councillor_step_by_step_has_no_violations(site, axe, server_env):
    site.goto(f"{site.server_url}/democracy/councillors/reuben-thompstone/write/")
    site.get_by_role("button", name="Continue").click()
    site.get_by_role("heading", name="There is a problem").wait_for()
    steps = ("errors", "check your email", "send it", "sent", "did they reply", "answered")
    for step in steps:
        results = axe.run(site, options=AXE_OPTIONS)
        assert results.violations_count == 0, f"{step}: {results.generate_report()}"
        if step == "errors":
            for label, value in (
                ("Your name", "Axe Writer"),
                ("Your email address", "axe-writer@example.org"),
                ("Your address", "1 Test Street"),
                ("Postcode", "NW11 7AA"),
                ("Subject", "An accessible council"),
                ("Your message", "Please keep the website accessible to everyone."),
            ):
                site.get_by_label(label).fill(value)
            site.get_by_role("button", name="Continue").click()
            site.get_by_role("heading", name="Check your email").wait_for()
        elif step == "check your email":
            site.goto(f"{site.server_url}/outbox/")
            site.get_by_role("link", name="Confirm your message to").first.click()
            site.locator("a[href*='/democracy/messages/']").first.click()
        elif step == "send it":
            site.get_by_role("button", name="Send my message").click()
            site.get_by_role("heading", name="Your message has been sent").wait_for()
        elif step == "sent":
            token = townhall_command(server_env, "shell", "-c", A_FOLLOW_UP).split()[-1]
            site.goto(f"{site.server_url}/democracy/messages/{token}/reply/")
        elif step == "did they reply":
            site.get_by_label("Yes").check()
            site.get_by_role("button", name="Send answer").click()
            site.get_by_role("heading", name="Thank you").wait_for()
