from django.core.management.base import BaseCommand

from townhall.events.services import send_reminders


class Command(BaseCommand):
    help = (
        "Email everyone going to an event that starts tomorrow (local time), once each. "
        "Run it daily, or more often: nobody is reminded twice."
    )

    def handle(self, *args, **options) -> None:
        sent = send_reminders()
        self.stdout.write(f"Sent {sent} reminder{'s' if sent != 1 else ''}.")
