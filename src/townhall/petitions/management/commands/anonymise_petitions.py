from django.core.management.base import BaseCommand

from townhall.petitions.fraud import anonymise_due, remove_unconfirmed


class Command(BaseCommand):
    help = (
        "Remove signers' names, emails, postcodes and IP addresses from petitions that "
        "closed longer ago than the scheme keeps them (ward counts stay), and signatures and "
        "new petitions never confirmed before their link expired. Run it daily."
    )

    def handle(self, *args, **options) -> None:
        done = anonymise_due()
        self.stdout.write(
            f"Anonymised the signatures of {done} petition{'s' if done != 1 else ''}."
        )
        signatures, petitions = remove_unconfirmed()
        self.stdout.write(
            f"Removed {signatures} unconfirmed signature{'s' if signatures != 1 else ''} and "
            f"{petitions} unconfirmed petition{'s' if petitions != 1 else ''}."
        )
