from django.apps import AppConfig


class GrantsConfig(AppConfig):
    name = "townhall.grants"
    label = "grants"
    verbose_name = "Grant schemes"
    default_auto_field = "django.db.models.BigAutoField"
