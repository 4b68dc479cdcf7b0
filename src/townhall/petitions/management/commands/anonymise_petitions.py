from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from townhall.petitions.fraud import anonymise_due, remove_unconfirmed


class Command(BaseCommand):
    help = gettext_noop(
        "Remove signers' names, emails, postcodes and IP addresses from petitions that "
        "closed longer ago than the scheme keeps them (ward counts stay), and signatures and "
        "new petitions never confirmed before their link expired. Run it daily."
    )

    def add_arguments(self, parser) -> None:
        # Translated here, when the help is shown: argparse cannot format a lazy string.
        parser.description = _(self.help)

    def handle(self, *args, **options) -> None:
        done = anonymise_due()
        self.stdout.write(
            ngettext(
                "Anonymised the signatures of %(count)s petition.",
                "Anonymised the signatures of %(count)s petitions.",
                done,
            )
            % {"count": done}
        )
        signatures, petitions = remove_unconfirmed()
        # Translators: the two counts fill "Removed %(signatures)s and %(petitions)s."
        unconfirmed_signatures = ngettext(
            "%(count)s unconfirmed signature", "%(count)s unconfirmed signatures", signatures
        ) % {"count": signatures}
        # Translators: the two counts fill "Removed %(signatures)s and %(petitions)s."
        unconfirmed_petitions = ngettext(
            "%(count)s unconfirmed petition", "%(count)s unconfirmed petitions", petitions
        ) % {"count": petitions}
        self.stdout.write(
            _("Removed %(signatures)s and %(petitions)s.")
            % {"signatures": unconfirmed_signatures, "petitions": unconfirmed_petitions}
        )
