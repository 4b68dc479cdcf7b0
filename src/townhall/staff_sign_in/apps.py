from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffSignInConfig(AppConfig):
    name = "townhall.staff_sign_in"
    verbose_name = _("Staff sign-in")

    def ready(self) -> None:
        from townhall.staff_sign_in import signals  # noqa: F401 - connects the receivers
