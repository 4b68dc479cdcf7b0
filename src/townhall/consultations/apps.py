from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "townhall.consultations"
    label = "consultations"
    verbose_name = _("Consultations and surveys")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from townhall.consultations import signals  # noqa: F401 - connects the handlers
        from townhall.consultations.citations import consultations_citing
        from townhall.core import citations, navigation

        citations.register(consultations_citing)
        from townhall.consultations.models import ConsultationPage
        from townhall.core.search.pages import add_page_kind

        add_page_kind("consultations", _("Consultations"), 50, ConsultationPage)
        navigation.add_main_section(_("Have your say"), "consultations", 30, "/consultations/")
        navigation.add_council_link(_("Consultations"), "consultations", 50)
        from townhall.consultations import attention
        from townhall.core import attention as dashboard

        dashboard.register(attention.waiting)
        from townhall.consultations import open_data as consultation_registers
        from townhall.core import open_data

        open_data.register(consultation_registers.registers)
