from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    """Running Townhall on a bad day: the worker, health, metrics, logs and deploy checks."""

    name = "townhall.operations"
    label = "operations"
    verbose_name = _("Operations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from townhall.operations import checks  # noqa: F401 - registers the deploy checks
