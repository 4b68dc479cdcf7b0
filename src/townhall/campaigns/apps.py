from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "townhall.campaigns"
    label = "campaigns"
    verbose_name = "Campaigns"

    def ready(self) -> None:
        from townhall.campaigns import signals  # noqa: F401
