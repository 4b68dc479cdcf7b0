"""After approval: the applicant's agreement, payments and reports (overdue ones flagged);
staff mark payments and accept reports; a published award is open data."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from townhall.grants import awarding, open_data, workflow
from townhall.grants.models import Application, Award, MonitoringReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(being_assessed) -> Application:
    approver = get_user_model().objects.get(username="grant-approver")
    workflow.transition(
        being_assessed, "approve", approver, note="Well planned", amount=Decimal(4200)
    )
    being_assessed.refresh_from_db()
    return being_assessed


@pytest.fixture
def recipient(client, approved):
    client.force_login(approved.applicant)
    return client


def test_the_recipient_sees_the_grant_agreement_payments_and_reports(recipient, approved):
    status = recipient.get(f"/grants/applications/{approved.pk}/").content.decode()
    assert "Your grant: £4,200.00" in status and "Final report" in status
    agreement = recipient.get(f"/grants/applications/{approved.pk}/agreement/").content.decode()
    assert "Grant agreement" in agreement and "West Hendon Growers (demo)" in agreement
    assert "Timber and soil for twelve beds" in agreement  # the budget it is bound to


def test_nobody_else_sees_the_agreement(approved, as_user):
    assert (
        as_user("alliance-editor").get(f"/grants/applications/{approved.pk}/agreement/").status_code
        == 404
    )


def test_a_report_is_sent_once_and_checked(recipient, approved):
    report = MonitoringReport.objects.get(award__application=approved)
    url = f"/grants/applications/{approved.pk}/reports/{report.pk}/"
    too_much = recipient.post(url, {"progress": "Beds built", "spent": "9000"})
    assert (
        too_much.status_code == 400 and "between £0 and the £4,200.00" in too_much.content.decode()
    )
    missing = recipient.post(url, {"spent": "10"})
    assert missing.status_code == 400 and b"Say what the project has done" in missing.content
    recipient.post(url, {"progress": "Beds built", "spent": "3900"})
    recipient.post(url, {"progress": "Changed my mind", "spent": "1"})  # a replay
    report.refresh_from_db()
    assert (report.progress, report.spent) == ("Beds built", Decimal(3900))


def test_overdue_reports_are_flagged_to_the_recipient_and_staff(recipient, approved, as_user):
    MonitoringReport.objects.filter(award__application=approved).update(
        due_on=timezone.localdate() - timedelta(days=1)
    )
    assert "Overdue" in recipient.get(f"/grants/applications/{approved.pk}/").content.decode()
    assert approved.award.reports.get() in awarding.overdue_reports()
    staff_list = as_user("council-officer").get("/admin/grants/").content.decode()
    assert "Overdue monitoring reports" in staff_list and "Estate food garden" in staff_list


def test_staff_mark_payments_paid_and_accept_reports_once_with_a_record(
    approved, as_user, recipient
):
    staff = as_user("council-officer")
    base = f"/admin/grants/applications/{approved.pk}"
    payment = approved.award.payments.get()
    staff.post(f"{base}/payments/{payment.pk}/paid/")
    staff.post(f"{base}/payments/{payment.pk}/paid/")  # a second click
    payment.refresh_from_db()
    assert payment.paid_on == timezone.localdate()
    report = approved.award.reports.get()
    staff.post(f"{base}/reports/{report.pk}/accept/")
    report.refresh_from_db()
    assert report.accepted_at is None  # nothing sent yet, so nothing to accept
    recipient.post(
        f"/grants/applications/{approved.pk}/reports/{report.pk}/",
        {"progress": "Beds built", "spent": "4000"},
    )
    staff.post(f"{base}/reports/{report.pk}/accept/")
    report.refresh_from_db()
    assert report.accepted_at is not None
    steps = list(approved.events.values_list("action", "actor__username", "note"))
    assert steps[-3:] == [
        ("payment_paid", "council-officer", "£4,200.00"),
        ("report_sent", approved.applicant.username, "Final report"),
        ("report_accepted", "council-officer", "Final report"),
    ]
    history = staff.get(f"{base}/").content.decode()
    assert "Marked a payment paid by council-officer" in history
    assert "Approved by grant-approver (Being assessed → Approved)" in history
    approver = as_user("grant-approver")  # approvers decide; they do not pay
    refused = approver.post(f"{base}/payments/{payment.pk}/paid/")
    assert refused.status_code == 302 and refused["Location"] == "/admin/"


def test_a_published_award_from_an_application_is_open_data(approved, client):
    award = Award.objects.get(application=approved)
    assert award.pk not in [a.pk for a in open_data.published()]
    award.published = True
    award.save()
    grants = client.get("/grants/awards.json").json()["grants"]
    ours = next(g for g in grants if g["title"] == "Estate food garden")
    assert ours["amountAwarded"] == 4200
    assert ours["recipientOrganization"][0]["name"] == "West Hendon Growers (demo)"
    assert ours["beneficiaryLocation"][0]["geoCodeType"] == "WD"
