from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "townhall.consultations"
    label = "consultations"
    verbose_name = "Consultations and surveys"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from townhall.consultations import signals  # noqa: F401 - connects the handlers
        from townhall.consultations.citations import consultations_citing
        from townhall.core import citations, navigation

        citations.register(consultations_citing)
        from townhall.consultations.models import ConsultationPage
        from townhall.core.search.pages import add_page_kind

        add_page_kind("consultations", "Consultations", 50, ConsultationPage)
        navigation.add_main_section("Have your say", "consultations", 30, "/consultations/")
        navigation.add_council_link("Consultations", "consultations", 50)
        from townhall.consultations import attention
        from townhall.core import attention as dashboard

        dashboard.register(attention.waiting)
        from townhall.consultations import open_data as consultation_registers
        from townhall.core import open_data

        open_data.register(consultation_registers.registers)
