"""A published award shows at once in the list and the open data."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from townhall.core import pagecache
from townhall.grants.models import Award


@receiver(post_save, sender=Award)
@receiver(post_delete, sender=Award)
def _award_changed(sender, instance, **kwargs) -> None:
    pagecache.invalidate("grants")
