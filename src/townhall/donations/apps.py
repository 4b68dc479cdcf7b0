from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Organisers see their own organisation's donations and export its Gift Aid claims; nobody
# edits a donation (its record is what the payment provider said). Granted to groups made
# before this by migration 0002.
EDITOR_PERMISSIONS = ["donations.view_donation", "donations.claim_gift_aid"]
MODERATOR_PERMISSIONS = ["donations.view_donation"]


class DonationsConfig(AppConfig):
    name = "townhall.donations"
    label = "donations"
    verbose_name = _("Donations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from townhall.core import organising, people
        from townhall.core.services.organisations import ROLE_MODEL_PERMISSIONS
        from townhall.donations import organising as figures
        from townhall.donations import records

        ROLE_MODEL_PERMISSIONS["editors"] += EDITOR_PERMISSIONS
        ROLE_MODEL_PERMISSIONS["moderators"] += MODERATOR_PERMISSIONS
        # Erasing a person with an organisation anonymises their donations to it too.
        people.register(people.Recorder(records.ignore, records.ignore, records.forget))
        organising.register(30, figures.donations_section)
