from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "townhall.consultations"
    label = "consultations"
    verbose_name = "Consultations and surveys"
    default_auto_field = "django.db.models.BigAutoField"
