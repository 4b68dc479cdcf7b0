from django.core.management.base import BaseCommand

from townhall.petitions.services import close_due


class Command(BaseCommand):
    help = (
        "Record tiers reached and close every open petition whose time is up. "
        "Run it every few minutes (a timer)."
    )

    def handle(self, *args, **options) -> None:
        closed = close_due()
        self.stdout.write(f"Closed {closed} petition{'s' if closed != 1 else ''}.")
