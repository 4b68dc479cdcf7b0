"""`townhall remove_second_factors USERNAME`: for someone who lost both their second factor
and their recovery codes. They set a new one up at their next sign-in."""

from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Remove a person's second factors and recovery codes, so they set up new ones."

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")

    def handle(self, *args, username: str, **options) -> None:
        try:
            user = get_user_model().objects.get_by_natural_key(username)
        except get_user_model().DoesNotExist as error:
            raise CommandError(f"No account is named {username!r}.") from error
        removed, _ = Authenticator.objects.filter(user=user).delete()
        self.stdout.write(f"Removed {removed} second factor(s) of {username}.")
