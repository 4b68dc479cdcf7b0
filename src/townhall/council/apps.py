from django.apps import AppConfig


class CouncilConfig(AppConfig):
    name = "townhall.council"
    label = "council"
    verbose_name = "Council"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from townhall.council import signals  # noqa: F401 - connects the handlers
