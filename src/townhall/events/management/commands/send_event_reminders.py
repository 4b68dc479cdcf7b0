from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from townhall.events.services import send_reminders


class Command(BaseCommand):
    help = gettext_noop(
        "Email everyone going to an event that starts tomorrow (local time), once each. "
        "Run it daily, or more often: nobody is reminded twice."
    )

    def add_arguments(self, parser) -> None:
        # Translated here, when the help is shown: argparse cannot format a lazy string.
        parser.description = _(self.help)

    def handle(self, *args, **options) -> None:
        sent = send_reminders()
        self.stdout.write(
            ngettext("Sent %(count)s reminder.", "Sent %(count)s reminders.", sent)
            % {"count": sent}
        )
