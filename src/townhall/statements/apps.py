from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatementsConfig(AppConfig):
    name = "townhall.statements"
    label = "statements"
    verbose_name = _("Joint statements")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from townhall.core import navigation
        from townhall.statements import listing

        navigation.add_section_link(_("Statements"), 40, listing.organisation_statements_url)
        from townhall.core.search.pages import add_page_kind
        from townhall.statements.models import JointStatementPage

        add_page_kind(
            "statements", _("Joint statements"), 40, JointStatementPage, lambda s: s.statement_date
        )
        from townhall.core import attention as dashboard
        from townhall.statements import attention

        dashboard.register(attention.waiting)
