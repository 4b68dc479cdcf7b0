from django.apps import AppConfig


class StatementsConfig(AppConfig):
    name = "townhall.statements"
    label = "statements"
    verbose_name = "Joint statements"
    default_auto_field = "django.db.models.BigAutoField"
