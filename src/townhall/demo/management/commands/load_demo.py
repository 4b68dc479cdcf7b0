from django.core.management.base import BaseCommand

from townhall.demo.loader import DEMO_PASSWORD, load_demo
from townhall.demo.people import load_people


class Command(BaseCommand):
    help = "Load the demo borough (Barnet). Safe to run again: it only adds what is missing."

    def handle(self, *args, **options) -> None:
        result = load_demo()
        load_people()
        self.stdout.write(
            f"Demo borough ready: {result['wards']} wards, {result['organisations']} organisations."
        )
        if result["new_users"]:
            self.stdout.write(
                f"Sign-in accounts created (password {DEMO_PASSWORD!r}): "
                + ", ".join(result["new_users"])
            )
