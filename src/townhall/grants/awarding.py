"""From an approved application to an award: the amount's limits, the payment schedule, the
reports due from the recipient, and those reports when they come in."""

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from townhall.core.errors import Refused
from townhall.grants.history import record
from townhall.grants.models import Application, Award, MonitoringReport, Payment

# Up to this much is paid at once with one final report; more is paid in two halves, the
# second after an interim report (common practice among UK funders for small grants).
SINGLE_PAYMENT_UP_TO = Decimal(5_000)
REPORT_AFTER_END = timedelta(days=30)
# Kept in English on the payment and report rows; the pages translate them when shown.
FINAL_REPORT = gettext_noop("Final report")
INTERIM_REPORT = gettext_noop("Interim report")
AFTER_INTERIM = gettext_noop("Paid once the interim report is in")


def check_amount(application: Application, amount: Decimal | None) -> None:
    scheme = application.round.scheme
    if amount is None:
        raise Refused(_("Enter the amount approved"))
    top = scheme.ceiling_for(application.applicant_type)
    if not scheme.minimum_amount <= amount <= top:
        raise Refused(
            _("Approve between £%(low)s and £%(high)s")
            % {"low": f"{scheme.minimum_amount:,.0f}", "high": f"{top:,.0f}"}
        )
    if application.amount_requested is not None and amount > application.amount_requested:
        raise Refused(
            _("Approve no more than the £%(asked)s asked for")
            % {"asked": f"{application.amount_requested:,.2f}"}
        )


def schedule(amount: Decimal, decided: date, starts: date | None, ends: date | None):
    """(payments, reports) as lists of dicts, for an award of `amount` decided on `decided`."""
    ends = ends if ends and ends > decided else decided + timedelta(days=365)
    starts = starts if starts and starts < ends else decided
    final = {"title": FINAL_REPORT, "due_on": ends + REPORT_AFTER_END}
    if amount <= SINGLE_PAYMENT_UP_TO:
        return [{"amount": amount, "due_on": decided, "condition": ""}], [final]
    first = (amount / 2).quantize(Decimal("0.01"))
    interim_due = starts + (ends - starts) / 2
    return (
        [
            {"amount": first, "due_on": decided, "condition": ""},
            {
                "amount": amount - first,
                "due_on": interim_due + timedelta(days=14),
                "condition": AFTER_INTERIM,
            },
        ],
        [{"title": INTERIM_REPORT, "due_on": interim_due}, final],
    )


def create_award(application: Application) -> Award:
    """The award for an approved application (unpublished until staff check and publish it),
    with its payments and reports. Called inside the approval's transaction."""
    decided = timezone.localdate(application.decided_at)
    award = Award.objects.create(
        scheme=application.round.scheme,
        round=application.round,
        application=application,
        title=application.project_title,
        description=application.project_summary,
        recipient_type=application.applicant_type,
        recipient_name=application.applicant_name,
        recipient_org_id=application.organisation_id,
        amount=application.amount_approved,
        awarded_on=decided,
        ward=application.ward,
    )
    payments, reports = schedule(award.amount, decided, application.starts_on, application.ends_on)
    Payment.objects.bulk_create(Payment(award=award, **p) for p in payments)
    MonitoringReport.objects.bulk_create(MonitoringReport(award=award, **r) for r in reports)
    return award


def overdue_reports():
    return MonitoringReport.objects.filter(
        submitted_at__isnull=True, due_on__lt=timezone.localdate()
    ).select_related("award")


@transaction.atomic
def submit_report(report: MonitoringReport, user, progress: str, spent: Decimal) -> None:
    """The recipient's report: once only (a replayed form changes nothing)."""
    # Lock the report alone: PostgreSQL cannot lock the outer join to a nullable application.
    locked = (
        MonitoringReport.objects.select_for_update(of=("self",))
        .select_related("award__application")
        .get(pk=report.pk)
    )
    application = locked.award.application
    if application is None or application.applicant_id != user.pk:
        raise Refused(_("Only the applicant can send this report."))
    if locked.submitted_at is not None:
        return
    if spent < 0 or spent > locked.award.amount:
        raise Refused(
            _("Spent must be between £0 and the £%(awarded)s awarded")
            % {"awarded": f"{locked.award.amount:,.2f}"}
        )
    locked.progress, locked.spent, locked.submitted_at = progress, spent, timezone.now()
    locked.save()
    record(application, user, "report_sent", locked.title)


@transaction.atomic
def mark_paid(application: Application, payment_id: int, user) -> bool:
    """Staff mark a payment paid today; a second click (or a replay) changes nothing."""
    unpaid = Payment.objects.filter(
        pk=payment_id, award__application=application, paid_on__isnull=True
    )
    if not unpaid.update(paid_on=timezone.localdate()):
        return False
    record(application, user, "payment_paid", f"£{Payment.objects.get(pk=payment_id).amount:,.2f}")
    return True


@transaction.atomic
def accept_report(application: Application, report_id: int, user) -> bool:
    """Staff accept a report the recipient sent; once only."""
    waiting = MonitoringReport.objects.filter(
        pk=report_id,
        award__application=application,
        submitted_at__isnull=False,
        accepted_at__isnull=True,
    )
    if not waiting.update(accepted_at=timezone.now()):
        return False
    record(application, user, "report_accepted", MonitoringReport.objects.get(pk=report_id).title)
    return True
