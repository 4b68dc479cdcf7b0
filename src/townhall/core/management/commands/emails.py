"""`townhall emails`: the email queue from a shell, as officers see it in the admin."""

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count, Min
from django.utils import timezone

from townhall.core.models import Email
from townhall.core.services import email_delivery


class Command(BaseCommand):
    help = (
        "Show queued, retrying and failed emails (recipients masked); resend failed ones, "
        "or send every email that is due now from this process."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--status", choices=Email.Status.values, help="List only these.")
        parser.add_argument("--resend", nargs="+", metavar="ID", help="Resend these emails.")
        parser.add_argument("--resend-failed", action="store_true", help="Resend every failed one.")
        parser.add_argument("--send-due", action="store_true", help="Send what is due, here.")

    def handle(self, *, status, resend, resend_failed, send_due, **options) -> None:
        if resend or resend_failed:
            emails = Email.objects.filter(status=Email.Status.FAILED)
            if resend:
                bad = [value for value in resend if not email_delivery.is_email_id(value)]
                if bad:
                    raise CommandError(f"Not an email id: {', '.join(bad)} (see `townhall emails`)")
                emails = Email.objects.filter(pk__in=resend)
            self.stdout.write(f"Queued {email_delivery.resend(emails)} emails to send again.")
            return
        if send_due:
            self.stdout.write(f"Sent {email_delivery.retry_due()} emails.")
            return
        self._summary()
        listed = Email.objects.exclude(status=Email.Status.SENT)
        if status:
            listed = Email.objects.filter(status=status)
        for email in listed.order_by("created_at")[:200]:
            self.stdout.write(
                f"{email.pk}  {email.status:<8}  tries {email.attempts:<2}  "
                f"{email.created_at:%Y-%m-%d %H:%M}  {email.masked_to}  {email.subject[:50]}"
                + (f"\n    {email.last_error}" if email.last_error else "")
            )

    def _summary(self) -> None:
        rows = Email.objects.values("status").annotate(n=Count("pk"), oldest=Min("created_at"))
        for row in rows.order_by("status"):
            age = (timezone.now() - row["oldest"]).total_seconds()
            self.stdout.write(f"{row['status']:<8} {row['n']:>7}  oldest {age:,.0f} s ago")
