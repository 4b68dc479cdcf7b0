from django.apps import AppConfig


class FollowsConfig(AppConfig):
    name = "townhall.follows"
    label = "follows"
    verbose_name = "Following"
    default_auto_field = "django.db.models.BigAutoField"
