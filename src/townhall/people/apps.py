from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "townhall.people"
    label = "people"
    verbose_name = "Supporters"

    def ready(self) -> None:
        from townhall.core import attention as dashboard
        from townhall.core import people
        from townhall.people import attention, records, signals  # noqa: F401 - handlers

        dashboard.register(attention.waiting)
        # Other apps' actions reach each organisation's people through core.people.
        people.register(people.Recorder(records.record, records.withdraw, records.forget))
