"""A petition saved or deleted outside the services (an officer in the admin, a command)
shows at once on its page, in the lists and in its group's menu."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from townhall.core import pagecache
from townhall.core.services import machine_translation
from townhall.petitions import translation as translated_fields
from townhall.petitions.models import Petition


@receiver(post_save, sender=Petition)
@receiver(post_delete, sender=Petition)
def _petition_changed(sender, instance: Petition, **kwargs) -> None:
    tags = (f"petition:{instance.pk}", "petitions")
    pagecache.invalidate(*tags)
    # Again once committed: a page rendered in between may have read the old row.
    transaction.on_commit(lambda: pagecache.invalidate(*tags))


# A petition's machine translations go with it, and with any words it no longer has.
machine_translation.translatable(Petition, *translated_fields.FIELDS)
