"""A published award shows at once in the list and the open data; an attachment's file goes
with its record (a replaced answer, a deleted application or account)."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from townhall.core import pagecache
from townhall.grants.models import ApplicationFile, Award


@receiver(post_save, sender=Award)
@receiver(post_delete, sender=Award)
def _award_changed(sender, instance, **kwargs) -> None:
    pagecache.invalidate("grants")


@receiver(post_delete, sender=ApplicationFile)
def _attachment_deleted(sender, instance, **kwargs) -> None:
    # Only once the deletion is committed: a rolled-back change keeps its file.
    storage, name = instance.file.storage, instance.file.name
    transaction.on_commit(lambda: storage.delete(name))
