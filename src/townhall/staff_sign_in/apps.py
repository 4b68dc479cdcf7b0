from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffSignInConfig(AppConfig):
    name = "townhall.staff_sign_in"
    verbose_name = _("Staff sign-in")

    def ready(self) -> None:
        # Imported for what they register: signal receivers and a system check.
        from townhall.staff_sign_in import checks, signals  # noqa: F401
