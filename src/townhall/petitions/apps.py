from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    name = "townhall.petitions"
    label = "petitions"
    verbose_name = _("Petitions")

    def ready(self) -> None:
        from townhall.core import citations, digests, metrics, navigation
        from townhall.petitions import counts, follow_sources, listing, signals  # noqa: F401

        metrics.register(
            "townhall_signatures_confirmed",
            "Confirmed online signatures, all petitions",
            counts.confirmed_total,
        )
        digests.register("petition", follow_sources.petition_name, follow_sources.petition_news)
        citations.register(follow_sources.petitions_citing)
        from townhall.core import agenda
        from townhall.petitions import debates

        agenda.register_listener(debates.announced)
        from townhall.core import open_data
        from townhall.petitions import open_data as petition_registers

        open_data.register(petition_registers.registers)
        navigation.add_main_section(_("Petitions"), "petitions", 10, "/petitions/")
        navigation.add_section_link(_("Petitions"), 30, listing.organisation_petitions_url)
        from townhall.core.search import sources
        from townhall.petitions import search_sources

        sources.register("petitions", _("Petitions"), 10, search_sources.petitions)
        from townhall.core import attention as dashboard
        from townhall.petitions import attention

        dashboard.register(attention.waiting)
        from townhall.core import organising
        from townhall.petitions import organising as figures

        organising.register(50, figures.petitions_section)
        from townhall.core import sitemaps
        from townhall.petitions.sitemaps import PetitionSitemap

        sitemaps.register("petitions", PetitionSitemap, "petitions")
