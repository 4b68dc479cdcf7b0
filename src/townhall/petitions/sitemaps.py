"""Public petitions in the sitemap: never one waiting for its creator, supporters or
moderation, nor one hidden."""

from django.urls import reverse

from townhall.core.sitemaps import RecordSitemap
from townhall.petitions.models import Petition


class PetitionSitemap(RecordSitemap):
    def items(self):
        return Petition.objects.public().order_by("pk")

    def location(self, petition: Petition) -> str:
        return reverse("petition", args=[petition.pk])

    def lastmod(self, petition: Petition):
        return petition.closed_at or petition.rejected_at or petition.opened_at
