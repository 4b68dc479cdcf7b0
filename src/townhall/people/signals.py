"""A supporter deleted by any route (their own erasure link, an organiser in the admin)
takes their record and history with that organisation with them."""

from django.db.models.signals import post_delete
from django.dispatch import receiver

from townhall.people import records
from townhall.people.models import Supporter


@receiver(post_delete, sender=Supporter)
def _supporter_deleted(sender, instance: Supporter, **kwargs) -> None:
    records.forget(instance.organisation_id, instance.email)
