"""The application's workflow: each action is taken only by its role and only from its
statuses; a forged or replayed change is refused and changes nothing; every change is
recorded and the applicant told."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied

from townhall.grants import workflow
from townhall.grants.models import Application, ApplicationEvent, Award

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def people(being_assessed) -> dict:
    return {
        "applicant": being_assessed.applicant,
        "staff": User.objects.get(username="council-officer"),
        "approver": User.objects.get(username="grant-approver"),
        "assessor": User.objects.get(username="grant-assessor"),
        "stranger": User.objects.get(username="alliance-editor"),
    }


@pytest.fixture
def submitted(being_assessed) -> Application:
    Application.objects.filter(pk=being_assessed.pk).update(status="submitted")
    being_assessed.refresh_from_db()
    return being_assessed


# (action, status it starts from, the role allowed, the status it leads to)
TABLE = [
    ("submit", "draft", "applicant", "submitted"),
    ("withdraw", "submitted", "applicant", "withdrawn"),
    ("answer_info", "info_requested", "applicant", "submitted"),
    ("request_info", "submitted", "staff", "info_requested"),
    ("screen_in", "submitted", "staff", "in_assessment"),
    ("screen_out", "submitted", "staff", "ineligible"),
    ("approve", "in_assessment", "approver", "approved"),
    ("decline", "in_assessment", "approver", "declined"),
]


@pytest.mark.parametrize(("action", "start", "allowed", "target"), TABLE)
def test_each_action_belongs_to_one_role(being_assessed, people, action, start, allowed, target):
    Application.objects.filter(pk=being_assessed.pk).update(status=start)
    for role, user in people.items():
        if role == allowed:
            continue
        with pytest.raises(PermissionDenied):
            workflow.transition(being_assessed, action, user, note="x", amount=Decimal(4000))
    being_assessed.refresh_from_db()
    assert being_assessed.status == start  # nothing changed
    workflow.transition(being_assessed, action, people[allowed], note="x", amount=Decimal(4000))
    being_assessed.refresh_from_db()
    assert being_assessed.status == target
    event = ApplicationEvent.objects.filter(application=being_assessed).latest("pk")
    assert (event.action, event.from_status, event.to_status) == (action, start, target)
    assert event.actor == people[allowed]


def test_an_action_from_the_wrong_status_is_refused(being_assessed, people):
    with pytest.raises(workflow.Refused, match="is being assessed: it cannot be changed"):
        workflow.transition(being_assessed, "screen_out", people["staff"], note="late")
    with pytest.raises(workflow.Refused, match="not something that can be done"):
        workflow.transition(being_assessed, "approved", people["approver"])


def test_a_replayed_decision_changes_nothing(being_assessed, people):
    workflow.transition(being_assessed, "decline", people["approver"], note="Over budget")
    with pytest.raises(workflow.Refused):
        workflow.transition(
            being_assessed, "approve", people["approver"], note="Oops", amount=Decimal(4000)
        )
    being_assessed.refresh_from_db()
    assert (
        being_assessed.status == "declined"
        and not Award.objects.filter(application=being_assessed).exists()
    )


def test_reasons_are_required_where_the_applicant_is_told_why(submitted, people):
    with pytest.raises(workflow.Refused, match="Write the reason"):
        workflow.transition(submitted, "screen_out", people["staff"], note="  ")
    submitted.refresh_from_db()
    assert submitted.status == "submitted"


def test_more_information_goes_back_to_where_it_was(
    being_assessed, people, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        workflow.transition(
            being_assessed, "request_info", people["staff"], note="Who owns the land?"
        )
    assert "Who owns the land?" in mailoutbox[-1].body
    being_assessed.refresh_from_db()
    assert being_assessed.status == "info_requested"
    workflow.transition(being_assessed, "answer_info", people["applicant"], note="The council")
    being_assessed.refresh_from_db()
    assert being_assessed.status == "in_assessment"
    asked = being_assessed.information_requests.get()
    assert asked.answer == "The council" and asked.answered_at is not None


def test_the_applicant_answers_on_their_status_page(being_assessed, people, client):
    workflow.transition(being_assessed, "request_info", people["staff"], note="Who owns the land?")
    client.force_login(people["applicant"])
    page = client.get(f"/grants/applications/{being_assessed.pk}/").content.decode()
    assert "We need more information" in page and "Who owns the land?" in page
    client.post(f"/grants/applications/{being_assessed.pk}/answer/", {"note": "The council"})
    being_assessed.refresh_from_db()
    assert being_assessed.status == "in_assessment"


def test_approval_makes_an_award_with_payments_and_reports(
    being_assessed, people, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        workflow.transition(
            being_assessed, "approve", people["approver"], note="Well planned", amount=Decimal(4000)
        )
    award = Award.objects.get(application=being_assessed)
    assert award.amount == Decimal(4000) and award.recipient_type == "group"
    assert not award.published  # staff check it before it is open data
    assert [p.amount for p in award.payments.all()] == [Decimal(4000)]
    assert [r.title for r in award.reports.all()] == ["Final report"]
    assert mailoutbox[-1].subject == f"Grant application {being_assessed.reference}: approved"
    assert "£4,000.00" in mailoutbox[-1].body and "Well planned" in mailoutbox[-1].body


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        (Decimal(6000), "Approve between £500 and £5,000"),  # an informal group
        (Decimal(100), "Approve between £500 and £5,000"),
        (Decimal(4500), "no more than the £4,200.00 asked for"),
        (None, "Enter the amount approved"),
    ],
)
def test_approved_amounts_are_checked(being_assessed, people, amount, message):
    with pytest.raises(workflow.Refused, match=message):
        workflow.transition(being_assessed, "approve", people["approver"], note="ok", amount=amount)
    being_assessed.refresh_from_db()
    assert being_assessed.status == "in_assessment"
    assert not Award.objects.filter(application=being_assessed).exists()


def test_a_forged_status_change_in_the_admin_is_refused(being_assessed, as_user):
    staff = as_user("council-officer")  # staff, but not an approver
    answer = staff.post(
        f"/admin/grants/applications/{being_assessed.pk}/act/",
        {"action": "approve", "amount": "4000", "note": "forged"},
    )
    assert (answer.status_code, answer["Location"]) == (302, "/admin/")  # the admin's refusal
    made_up = staff.post(
        f"/admin/grants/applications/{being_assessed.pk}/act/", {"action": "status=approved"}
    )
    assert made_up.status_code == 302
    being_assessed.refresh_from_db()
    assert being_assessed.status == "in_assessment"
    messages = [str(m) for m in staff.get(made_up["Location"]).context["messages"]]
    assert any("not something that can be done" in m for m in messages)


def test_the_approver_decides_in_the_admin(being_assessed, as_user):
    approver = as_user("grant-approver")
    page = approver.get(f"/admin/grants/applications/{being_assessed.pk}/").content.decode()
    assert "Approve" in page and "Decline" in page and "Eligible: assess it" not in page
    approver.post(
        f"/admin/grants/applications/{being_assessed.pk}/act/",
        {"action": "approve", "amount": "£4,200", "note": "Well planned"},
    )
    being_assessed.refresh_from_db()
    assert being_assessed.status == "approved" and being_assessed.amount_approved == 4200


def test_other_organisations_editors_see_no_applications(being_assessed, as_user):
    editor = as_user("alliance-editor")
    for path in (f"applications/{being_assessed.pk}/", f"rounds/{being_assessed.round_id}/", ""):
        refused = editor.get(f"/admin/grants/{path}")
        assert (refused.status_code, refused["Location"]) == (302, "/admin/")


def test_applicants_never_see_the_admin_actions(being_assessed, client):
    client.force_login(being_assessed.applicant)
    answer = client.post(
        f"/admin/grants/applications/{being_assessed.pk}/act/", {"action": "screen_out"}
    )
    assert answer.status_code in (302, 403)  # the admin sends them to sign in, or refuses
    being_assessed.refresh_from_db()
    assert being_assessed.status == "in_assessment"


@pytest.mark.parametrize("amount", ["NaN", "Infinity", "lots", "1e400"])
def test_an_approval_amount_that_is_not_money_is_refused_with_a_message(
    being_assessed, as_user, amount
):
    approver = as_user("grant-approver")
    url = f"/admin/grants/applications/{being_assessed.pk}/act/"
    answer = approver.post(url, {"action": "approve", "amount": amount, "note": "ok"})
    assert answer.status_code == 302
    messages = [str(m) for m in approver.get(answer["Location"]).context["messages"]]
    assert any("Enter" in m for m in messages), messages
    being_assessed.refresh_from_db()
    assert being_assessed.status == "in_assessment"
    assert not Award.objects.filter(application=being_assessed).exists()


def test_screening_in_emails_the_applicant_as_the_admin_says_it_does(
    submitted, as_user, django_capture_on_commit_callbacks
):
    from django.core import mail

    staff = as_user("council-officer")
    with django_capture_on_commit_callbacks(execute=True):
        done = staff.post(
            f"/admin/grants/applications/{submitted.pk}/act/", {"action": "screen_in"}
        )
    messages = [str(m) for m in staff.get(done["Location"]).context["messages"]]
    assert messages == ["Done: the applicant has been emailed."]
    sent = [m for m in mail.outbox if m.to == [submitted.applicant.email]]
    assert sent and "eligible, now being assessed" in sent[-1].subject
    assert submitted.reference in sent[-1].body
