from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """Running Townhall on a bad day: the worker, health, metrics, logs and deploy checks."""

    name = "townhall.operations"
    label = "operations"
    verbose_name = "Operations"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from townhall.operations import checks  # noqa: F401 - registers the deploy checks
