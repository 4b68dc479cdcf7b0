"""`townhall mailings --send-due`: start scheduled mailings whose time has come, for task
backends that cannot wait until a time themselves (the database worker can)."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from townhall.people import mailing_delivery


class Command(BaseCommand):
    help = gettext_noop("Start the scheduled mailings that are due.")

    def add_arguments(self, parser) -> None:
        # Translated here, when the help is shown: argparse cannot format a lazy string.
        parser.description = _(self.help)
        parser.add_argument("--send-due", action="store_true", help=_("queue the due mailings"))

    def handle(self, *args, send_due: bool = False, **options) -> None:
        if not send_due:
            self.stdout.write(_("Nothing to do: give --send-due."))
            return
        queued = mailing_delivery.due()
        self.stdout.write(
            ngettext("Queued %(count)s due mailing.", "Queued %(count)s due mailings.", queued)
            % {"count": queued}
        )
