"""Published datasets in the sitemap."""

from townhall.core.sitemaps import RecordSitemap
from townhall.datasets.models import Dataset


class DatasetSitemap(RecordSitemap):
    def items(self):
        return Dataset.objects.public().order_by("pk")
