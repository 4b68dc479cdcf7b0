from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

EDITOR_PERMISSIONS = [
    *(f"datasets.{action}_dataset" for action in ("view", "add", "change", "delete")),
    *(f"datasets.{action}_observation" for action in ("view", "add", "change", "delete")),
    "datasets.import_observations",
]
MODERATOR_PERMISSIONS = ["datasets.view_dataset", "datasets.view_observation"]


class DatasetsConfig(AppConfig):
    name = "townhall.datasets"
    label = "datasets"
    verbose_name = _("Datasets")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from townhall.core import indicators, navigation
        from townhall.datasets.presenting import dataset_choices, render_indicator

        indicators.register(dataset_choices, render_indicator)
        from townhall.core.services.organisations import ROLE_MODEL_PERMISSIONS
        from townhall.datasets import rules  # noqa: F401 - declares who may do what

        navigation.add_council_link(_("Open data"), "data-catalogue", 70)
        from townhall.core.search import sources
        from townhall.datasets.search_sources import datasets

        sources.register("datasets", _("Open data"), 85, datasets)
        from townhall.core import sitemaps
        from townhall.datasets.sitemaps import DatasetSitemap
        from townhall.datasets.views import TAG

        sitemaps.register("datasets", DatasetSitemap, TAG)
        ROLE_MODEL_PERMISSIONS["editors"] += EDITOR_PERMISSIONS
        ROLE_MODEL_PERMISSIONS["moderators"] += MODERATOR_PERMISSIONS
