"""`townhall mailings --send-due`: start scheduled mailings whose time has come, for task
backends that cannot wait until a time themselves (the database worker can)."""

from django.core.management.base import BaseCommand

from townhall.people import mailing_delivery


class Command(BaseCommand):
    help = "Start the scheduled mailings that are due."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--send-due", action="store_true", help="queue the due mailings")

    def handle(self, *args, send_due: bool = False, **options) -> None:
        if not send_due:
            self.stdout.write("Nothing to do: give --send-due.")
            return
        self.stdout.write(f"Queued {mailing_delivery.due()} due mailings.")
