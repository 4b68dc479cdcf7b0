from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "townhall.events"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from townhall.events import signals  # noqa: F401 - connects the handlers
