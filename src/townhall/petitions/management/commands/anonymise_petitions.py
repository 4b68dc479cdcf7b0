from django.core.management.base import BaseCommand

from townhall.petitions.fraud import anonymise_due


class Command(BaseCommand):
    help = (
        "Remove signers' names, emails, postcodes and IP addresses from petitions that "
        "closed longer ago than the scheme keeps them; ward counts stay. Run it daily."
    )

    def handle(self, *args, **options) -> None:
        done = anonymise_due()
        self.stdout.write(
            f"Anonymised the signatures of {done} petition{'s' if done != 1 else ''}."
        )
