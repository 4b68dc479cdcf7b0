from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from townhall.petitions.services import close_due


class Command(BaseCommand):
    help = gettext_noop(
        "Record tiers reached and close every open petition whose time is up. "
        "Run it every few minutes (a timer)."
    )

    def add_arguments(self, parser) -> None:
        # Translated here, when the help is shown: argparse cannot format a lazy string.
        parser.description = _(self.help)

    def handle(self, *args, **options) -> None:
        closed = close_due()
        self.stdout.write(
            ngettext("Closed %(count)s petition.", "Closed %(count)s petitions.", closed)
            % {"count": closed}
        )
