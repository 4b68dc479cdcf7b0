from django.apps import AppConfig


class GrantsConfig(AppConfig):
    name = "townhall.grants"
    label = "grants"
    verbose_name = "Grant schemes"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from townhall.core import navigation
        from townhall.grants import signals  # noqa: F401 - connects the handlers

        navigation.add_main_section("Grants", "grant-schemes", 40, "/grants/")
        from townhall.core.search.pages import add_page_kind
        from townhall.grants.models import GrantSchemePage

        add_page_kind("grants", "Grant schemes", 60, GrantSchemePage)
        navigation.add_council_link("Grants", "grant-schemes", 60)
        from townhall.core import attention as dashboard
        from townhall.grants import attention

        dashboard.register(attention.waiting)
        from townhall.core import open_data
        from townhall.grants.open_data import catalogue_entries

        open_data.register(catalogue_entries)
