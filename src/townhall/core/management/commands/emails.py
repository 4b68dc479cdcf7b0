"""`townhall emails`: the email queue from a shell, as officers see it in the admin."""

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count, Min
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from townhall.core.models import Email
from townhall.core.services import email_delivery


class Command(BaseCommand):
    help = gettext_noop(
        "Show queued, retrying and failed emails (recipients masked); resend failed ones, "
        "or send every email that is due now from this process."
    )

    def add_arguments(self, parser) -> None:
        # Translated here, when the help is shown: argparse cannot format a lazy string.
        parser.description = _(self.help)
        parser.add_argument("--status", choices=Email.Status.values, help=_("List only these."))
        parser.add_argument("--resend", nargs="+", metavar="ID", help=_("Resend these emails."))
        parser.add_argument(
            "--resend-failed", action="store_true", help=_("Resend every failed one.")
        )
        parser.add_argument("--send-due", action="store_true", help=_("Send what is due, here."))

    def handle(self, *, status, resend, resend_failed, send_due, **options) -> None:
        if resend or resend_failed:
            emails = Email.objects.filter(status=Email.Status.FAILED)
            if resend:
                bad = [value for value in resend if not email_delivery.is_email_id(value)]
                if bad:
                    raise CommandError(
                        _("Not an email id: %(ids)s (see `townhall emails`)")
                        % {"ids": ", ".join(bad)}
                    )
                emails = Email.objects.filter(pk__in=resend)
            count = email_delivery.resend(emails)
            self.stdout.write(
                ngettext(
                    "Queued %(count)s email to send again.",
                    "Queued %(count)s emails to send again.",
                    count,
                )
                % {"count": count}
            )
            return
        if send_due:
            count = email_delivery.retry_due()
            self.stdout.write(
                ngettext("Sent %(count)s email.", "Sent %(count)s emails.", count)
                % {"count": count}
            )
            return
        self._summary()
        listed = Email.objects.exclude(status=Email.Status.SENT)
        if status:
            listed = Email.objects.filter(status=status)
        for email in listed.order_by("created_at")[:200]:
            tries = _("tries %(count)s") % {"count": f"{email.attempts:<2}"}
            self.stdout.write(
                f"{email.pk}  {email.status:<8}  {tries}  "
                f"{email.created_at:%Y-%m-%d %H:%M}  {email.masked_to}  {email.subject[:50]}"
                + (f"\n    {email.last_error}" if email.last_error else "")
            )

    def _summary(self) -> None:
        rows = Email.objects.values("status").annotate(n=Count("pk"), oldest=Min("created_at"))
        for row in rows.order_by("status"):
            age = (timezone.now() - row["oldest"]).total_seconds()
            oldest = _("oldest %(seconds)s s ago") % {"seconds": f"{age:,.0f}"}
            self.stdout.write(f"{row['status']:<8} {row['n']:>7}  {oldest}")
