from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilConfig(AppConfig):
    name = "townhall.council"
    label = "council"
    verbose_name = _("Council")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from townhall.core import navigation, sitemaps
        from townhall.council import signals  # noqa: F401 - connects the handlers
        from townhall.council import sitemaps as council_sitemaps
        from townhall.council.tags import COUNCIL_TAG

        sitemaps.register("councillors", council_sitemaps.CouncillorSitemap, COUNCIL_TAG)
        sitemaps.register("meetings", council_sitemaps.MeetingSitemap, COUNCIL_TAG)
        sitemaps.register("decisions", council_sitemaps.DecisionSitemap, COUNCIL_TAG)

        navigation.add_main_section(_("Council and democracy"), "committees", 50, "/democracy/")
        navigation.add_council_link(_("Councillors"), "councillors", 5)
        navigation.add_council_link(_("Committees and meetings"), "committees", 10)
        navigation.add_council_link(_("Decisions"), "decisions", 20)
        navigation.add_council_link(_("Forward plan"), "forward-plan", 25)
        navigation.add_council_link(_("Contracts"), "contracts", 30)
        navigation.add_council_link(_("Spending over £500"), "spending", 35)
        from townhall.core import agenda, digests, happenings, open_data
        from townhall.council import follow_sources, petition_agenda
        from townhall.council import open_data as council_registers

        open_data.register(council_registers.registers)
        from townhall.core import attention as dashboard
        from townhall.council import attention

        dashboard.register(attention.waiting)
        from townhall.council.happenings import meetings

        agenda.register_agenda(
            petition_agenda.propose, petition_agenda.find, petition_agenda.bodies
        )
        digests.register("committee", follow_sources.committee_name, follow_sources.committee_news)
        digests.register(
            "councillor", follow_sources.councillor_name, follow_sources.councillor_news
        )

        happenings.register(meetings)
        from townhall.core import sweeps
        from townhall.council.services import contact

        # Due work, found again every minute: nothing depends on a task kept for weeks.
        sweeps.register("councillor follow-ups", contact.send_follow_ups, routine=True)
        sweeps.register("councillor messages erased", contact.erase_due, routine=True)
        from townhall.council.moderngov.nightly import queue_nightly_sync

        sweeps.register("ModernGov sync", queue_nightly_sync)  # once a night, when switched on
        from townhall.core.search import sources
        from townhall.council import search_sources

        sources.register("councillors", _("Councillors"), 65, search_sources.councillors)
        sources.register("decisions", _("Decisions"), 70, search_sources.decisions)
        sources.register("meetings", _("Meetings"), 75, search_sources.meetings)
        sources.register("documents", _("Documents"), 80, search_sources.documents)
