from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "townhall.people"
    label = "people"
    verbose_name = "Supporters"

    def ready(self) -> None:
        from townhall.core import attention as dashboard
        from townhall.people import attention

        dashboard.register(attention.waiting)
