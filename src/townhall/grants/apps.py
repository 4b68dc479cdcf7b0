from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    name = "townhall.grants"
    label = "grants"
    verbose_name = _("Grant schemes")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from townhall.core import navigation
        from townhall.grants import signals  # noqa: F401 - connects the handlers

        navigation.add_main_section(_("Grants"), "grant-schemes", 40, "/grants/")
        from townhall.core.search.pages import add_page_kind
        from townhall.grants.models import GrantSchemePage

        add_page_kind("grants", _("Grant schemes"), 60, GrantSchemePage)
        navigation.add_council_link(_("Grants"), "grant-schemes", 60)
        from townhall.core import attention as dashboard
        from townhall.grants import attention

        dashboard.register(attention.waiting)
        from townhall.core import open_data
        from townhall.grants.open_data import catalogue_entries

        open_data.register(catalogue_entries)
