"""Applying: start once, fill in each section with its rules, check, submit, withdraw; and
the refusals (amounts, budgets, word limits, attachments, closed rounds, other people's
applications) with nothing half-saved."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from townhall.core.models import Ward
from townhall.grants import applying
from townhall.grants.models import Application, ApplicationEvent

pytestmark = pytest.mark.django_db

ABOUT = {"applicant_type": "group", "applicant_name": "Mill Hill Makers", "organisation_id": ""}
PROJECT = {
    "project_title": "Tool library",
    "project_summary": "Lend tools to neighbours.",
    "amount_requested": "3000",
    "starts_on": "2027-03-01",
    "ends_on": "2027-12-31",
}
ANSWERS = {
    "innovation": "Nothing like it nearby.",
    "power": "Residents run the lending.",
    "true-and-complete": "on",
    "open-data": "on",
}


@pytest.fixture
def signed_in(client, resident):
    client.force_login(resident)
    return client


@pytest.fixture
def draft(signed_in, open_round) -> Application:
    answer = signed_in.post(f"/grants/rounds/{open_round.pk}/apply/")
    return Application.objects.get(pk=answer["Location"].rstrip("/").rsplit("/", 1)[1])


def _fill(client, application: Application) -> None:
    ward = Ward.objects.get(name="Mill Hill")
    url = f"/grants/applications/{application.pk}"
    assert client.post(f"{url}/about/", {**ABOUT, "ward": ward.pk}).status_code == 302
    assert client.post(f"{url}/project/", PROJECT).status_code == 302
    budget = {"item_0": "Tools", "cost_0": "2500", "item_1": "Shelving", "cost_1": "500"}
    assert client.post(f"{url}/budget/", budget).status_code == 302
    assert client.post(f"{url}/s0/", ANSWERS).status_code == 302
    assert client.post(f"{url}/s2/", ANSWERS).status_code == 302


def test_starting_twice_opens_the_same_draft(signed_in, open_round, draft):
    again = signed_in.post(f"/grants/rounds/{open_round.pk}/apply/")
    assert again["Location"] == f"/grants/applications/{draft.pk}/"
    assert Application.objects.filter(round=open_round, applicant=draft.applicant).count() == 1


def test_the_task_list_shows_each_section_state(signed_in, draft):
    html = signed_in.get(f"/grants/applications/{draft.pk}/").content.decode()
    assert html.count("Not started") == 6  # three fixed sections and the scheme's three
    assert "Who is applying" in html and "Declarations" in html


def test_a_complete_application_is_submitted_once_with_a_receipt(
    signed_in, draft, mailoutbox, django_capture_on_commit_callbacks
):
    _fill(signed_in, draft)
    check = signed_in.get(f"/grants/applications/{draft.pk}/check/")
    assert b"Submit application" in check.content and b"Not ready" not in check.content
    with django_capture_on_commit_callbacks(execute=True):
        signed_in.post(f"/grants/applications/{draft.pk}/check/")
        signed_in.post(f"/grants/applications/{draft.pk}/check/")  # a double click
    draft.refresh_from_db()
    assert draft.status == "submitted" and draft.submitted_at is not None
    assert draft.budget_total == Decimal(3000)
    assert ApplicationEvent.objects.filter(application=draft, action="submit").count() == 1
    assert [m.subject for m in mailoutbox] == [f"We have your grant application {draft.reference}"]
    assert "£3,000.00" in mailoutbox[0].body


def test_every_section_on_the_check_page_has_a_change_link(signed_in, draft):
    _fill(signed_in, draft)
    check = signed_in.get(f"/grants/applications/{draft.pk}/check/").content.decode()
    for key in ["about", "project", "budget", "s0", "s1", "s2"]:
        assert f'href="/grants/applications/{draft.pk}/{key}/">Change<' in check
    assert "Mill Hill Makers" in check and "Nothing like it nearby." in check


def test_a_signed_in_resident_finds_their_applications_and_signs_out(signed_in, client):
    page = signed_in.get("/grants/").content.decode()
    assert 'href="/grants/applications/">Your applications</a>' in page
    assert 'href="/accounts/logout/">Sign out</a>' in page
    signed_in.post("/accounts/logout/")
    assert "Sign out" not in client.get("/grants/").content.decode()


def test_an_incomplete_application_lists_what_is_missing_and_is_not_submitted(signed_in, draft):
    check = signed_in.get(f"/grants/applications/{draft.pk}/check/").content.decode()
    assert "Not ready to submit yet" in check and "Submit application" not in check
    answer = signed_in.post(f"/grants/applications/{draft.pk}/check/")
    assert answer.status_code == 400 and b"Say who is applying" in answer.content
    draft.refresh_from_db()
    assert draft.status == "draft"


@pytest.mark.parametrize(
    ("kind", "amount", "message"),
    [
        ("group", "6000", "Ask for between £500 and £5,000: that is what this scheme gives for"),
        ("organisation", "60000", "Ask for between £500 and £50,000"),
        ("organisation", "499.99", "Ask for between £500 and £50,000"),
    ],
)
def test_amounts_outside_the_limits_are_refused(signed_in, draft, kind, amount, message):
    url = f"/grants/applications/{draft.pk}"
    ward = Ward.objects.get(name="Mill Hill")
    signed_in.post(f"{url}/about/", {**ABOUT, "applicant_type": kind, "ward": ward.pk})
    answer = signed_in.post(f"{url}/project/", {**PROJECT, "amount_requested": amount})
    assert answer.status_code == 400 and message in answer.content.decode()
    draft.refresh_from_db()
    assert draft.project_title == ""  # nothing of the section was saved


def test_changing_to_an_informal_group_later_is_caught_before_submitting(signed_in, draft):
    _fill(signed_in, draft)
    url = f"/grants/applications/{draft.pk}"
    ward = Ward.objects.get(name="Mill Hill")
    signed_in.post(f"{url}/about/", {**ABOUT, "applicant_type": "organisation", "ward": ward.pk})
    signed_in.post(f"{url}/project/", {**PROJECT, "amount_requested": "8000"})
    signed_in.post(f"{url}/budget/", {"item_0": "Tools", "cost_0": "8000"})
    signed_in.post(f"{url}/about/", {**ABOUT, "ward": ward.pk})  # now an informal group
    draft.refresh_from_db()
    assert applying.problems(draft)[0][1].startswith("Ask for between £500 and £5,000")


def test_a_budget_must_add_up_to_the_amount(signed_in, draft):
    _fill(signed_in, draft)
    url = f"/grants/applications/{draft.pk}"
    signed_in.post(f"{url}/budget/", {"item_0": "Tools", "cost_0": "2000"})
    draft.refresh_from_db()
    assert applying.problems(draft) == [
        (
            "budget",
            "Your budget adds up to £2,000.00: it must equal the amount you ask for (£3,000.00)",
        )
    ]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ({"item_0": "Tools"}, "Enter the cost of “Tools”"),
        ({"cost_0": "20"}, "Say what the £20.00 on row 1 is for"),
        ({"item_0": "Tools", "cost_0": "lots"}, "Enter an amount in pounds"),
        ({}, "Enter at least one item and its cost"),
    ],
)
def test_budget_rows_are_checked(signed_in, draft, rows, message):
    answer = signed_in.post(f"/grants/applications/{draft.pk}/budget/", rows)
    assert answer.status_code == 400 and message in answer.content.decode()
    draft.refresh_from_db()
    assert draft.budget == []


def test_word_limits_are_enforced(signed_in, draft):
    answer = signed_in.post(
        f"/grants/applications/{draft.pk}/s0/", {**ANSWERS, "innovation": "word " * 301}
    )
    assert answer.status_code == 400
    assert "Your answer is 301 words: make it 300 words or fewer" in answer.content.decode()


def test_declarations_must_be_ticked(signed_in, draft):
    answer = signed_in.post(f"/grants/applications/{draft.pk}/s2/", {})
    assert answer.status_code == 400 and "Tick the box to continue" in answer.content.decode()


@pytest.mark.parametrize(
    ("name", "size", "message"),
    [
        ("constitution.exe", 10, "The file must be one of these types: docx, odt, pdf"),
        ("constitution.pdf", 5 * 1024 * 1024 + 1, "The file must be smaller than 5 MB"),
    ],
)
def test_wrong_attachments_are_refused(signed_in, draft, name, size, message):
    upload = SimpleUploadedFile(name, b"x" * size)
    answer = signed_in.post(f"/grants/applications/{draft.pk}/s1/", {"governing-document": upload})
    assert answer.status_code == 400 and message in answer.content.decode()
    assert not draft.files.exists()


def test_an_attachment_is_private_to_its_applicant_and_staff(signed_in, draft, client, as_user):
    upload = SimpleUploadedFile("constitution.pdf", b"%PDF-1.4 constitution")
    signed_in.post(f"/grants/applications/{draft.pk}/s1/", {"governing-document": upload})
    stored = draft.files.get()
    mine = signed_in.get(f"/grants/applications/{draft.pk}/files/{stored.pk}/")
    assert b"".join(mine.streaming_content) == b"%PDF-1.4 constitution"
    other = as_user("alliance-editor").get(f"/grants/applications/{draft.pk}/files/{stored.pk}/")
    assert other.status_code == 404
    staff = as_user("council-officer").get(
        f"/admin/grants/applications/{draft.pk}/files/{stored.pk}/"
    )
    assert staff.status_code == 200
    assert "/media/" not in stored.file.path


def test_someone_elses_application_is_not_found(draft, as_user):
    other = as_user("alliance-editor")
    for path in ("", "about/", "check/", "withdraw/"):
        assert other.get(f"/grants/applications/{draft.pk}/{path}").status_code == 404


def test_nothing_can_be_saved_or_submitted_after_the_round_closes(
    signed_in, draft, open_round, close_round
):
    _fill(signed_in, draft)
    close_round(open_round)
    answer = signed_in.post(f"/grants/applications/{draft.pk}/check/")
    assert answer.status_code == 400 and "closed on" in answer.content.decode()
    edit = signed_in.post(f"/grants/applications/{draft.pk}/project/", PROJECT)
    assert edit.status_code == 400
    draft.refresh_from_db()
    assert draft.status == "draft"
    assert signed_in.post(f"/grants/rounds/{open_round.pk}/apply/").status_code == 302  # theirs


def test_a_closed_round_takes_no_new_applications(signed_in, closed_round):
    answer = signed_in.post(f"/grants/rounds/{closed_round.pk}/apply/")
    assert answer.status_code == 400
    assert "not open for applications" in answer.content.decode()
    assert not Application.objects.filter(applicant__username="resident").exists()


def test_withdrawing_ends_it_and_allows_a_fresh_start(signed_in, draft, open_round):
    signed_in.post(f"/grants/applications/{draft.pk}/withdraw/")
    draft.refresh_from_db()
    assert draft.status == "withdrawn"
    fresh = signed_in.post(f"/grants/rounds/{open_round.pk}/apply/")
    assert fresh["Location"] != f"/grants/applications/{draft.pk}/"


def test_dates_must_be_in_order(signed_in, draft):
    answer = signed_in.post(
        f"/grants/applications/{draft.pk}/project/", {**PROJECT, "ends_on": "2027-01-01"}
    )
    assert "The end date must be on or after the start date" in answer.content.decode()


def test_the_schedule_pays_small_grants_at_once_and_larger_ones_in_halves():
    from townhall.grants.awarding import schedule

    payments, reports = schedule(Decimal(800), date(2027, 1, 1), None, date(2027, 6, 30))
    assert [p["amount"] for p in payments] == [Decimal(800)]
    assert [r["title"] for r in reports] == ["Final report"]
    payments, reports = schedule(
        Decimal("12000.01"), date(2027, 1, 1), date(2027, 1, 1), date(2027, 12, 31)
    )
    assert sum(p["amount"] for p in payments) == Decimal("12000.01")
    assert [r["title"] for r in reports] == ["Interim report", "Final report"]
    assert reports[0]["due_on"] == date(2027, 7, 2)
