from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "townhall.people"
    label = "people"
    verbose_name = _("Supporters")

    def ready(self) -> None:
        from townhall.core import attention as dashboard
        from townhall.core import organising, people, sweeps
        from townhall.people import (
            attention,
            import_admin,
            mailing_delivery,
            records,
            signals,  # noqa: F401 - connects the handlers
        )
        from townhall.people import organising as figures

        dashboard.register(attention.waiting)
        organising.register(10, figures.people_section)
        organising.register(20, figures.mailings_section)
        sweeps.register("mailings", mailing_delivery.sweep)
        sweeps.register(
            "supporter uploads past their hour", import_admin.sweep_uploads, routine=True
        )
        # Other apps' actions reach each organisation's people through core.people.
        people.register(people.Recorder(records.record, records.withdraw, records.forget))
