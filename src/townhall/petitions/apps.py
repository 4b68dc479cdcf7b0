from django.apps import AppConfig


class PetitionsConfig(AppConfig):
    name = "townhall.petitions"
    label = "petitions"
    verbose_name = "Petitions"

    def ready(self) -> None:
        from townhall.core import citations, digests
        from townhall.petitions import follow_sources

        digests.register("petition", follow_sources.petition_name, follow_sources.petition_news)
        citations.register(follow_sources.petitions_citing)
