from django.apps import AppConfig


class GrantsConfig(AppConfig):
    name = "townhall.grants"
    label = "grants"
    verbose_name = "Grant schemes"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from townhall.grants import signals  # noqa: F401 - connects the handlers
