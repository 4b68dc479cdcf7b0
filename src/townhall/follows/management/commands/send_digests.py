from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from townhall.follows.services import send_digests


class Command(BaseCommand):
    help = gettext_noop(
        "Email each follower whose daily or weekly digest is due what is new in what they "
        "follow. Run it daily (or hourly): nobody gets a digest twice for the same period."
    )

    def add_arguments(self, parser) -> None:
        # Translated here, when the help is shown: argparse cannot format a lazy string.
        parser.description = _(self.help)

    def handle(self, *args, **options) -> None:
        sent = send_digests()
        self.stdout.write(
            ngettext("Sent %(count)s digest.", "Sent %(count)s digests.", sent) % {"count": sent}
        )
