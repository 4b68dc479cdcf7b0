from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "townhall.core"
    label = "core"
    verbose_name = "Townhall core"

    def ready(self) -> None:
        from townhall.core import digests, follow_sources, signals  # noqa: F401
        from townhall.core.search import pages, sources

        sources.register("pages", "Other pages", 90, pages.other_pages)

        from townhall.core import sweeps
        from townhall.core.services import email_delivery

        sweeps.register("emails", email_delivery.sweep)

        digests.register(
            "organisation", follow_sources.organisation_name, follow_sources.organisation_news
        )
