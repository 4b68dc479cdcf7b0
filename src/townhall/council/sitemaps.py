"""The council's record in the sitemap: every councillor still in office, every meeting and
decision (all public, from ModernGov)."""

from townhall.core.sitemaps import RecordSitemap
from townhall.council.models import Councillor, Decision, Meeting


class CouncillorSitemap(RecordSitemap):
    def items(self):
        return Councillor.objects.in_office().order_by("pk")


class MeetingSitemap(RecordSitemap):
    def items(self):
        return Meeting.objects.order_by("pk")


class DecisionSitemap(RecordSitemap):
    def items(self):
        return Decision.objects.order_by("pk")
