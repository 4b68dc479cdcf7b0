from django.core.management.base import BaseCommand

from townhall.follows.services import send_digests


class Command(BaseCommand):
    help = (
        "Email each follower whose daily or weekly digest is due what is new in what they "
        "follow. Run it daily (or hourly): nobody gets a digest twice for the same period."
    )

    def handle(self, *args, **options) -> None:
        sent = send_digests()
        self.stdout.write(f"Sent {sent} digest{'s' if sent != 1 else ''}.")
