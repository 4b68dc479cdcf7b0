"""An officer's edit to any council record shows at once on the public pages."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from townhall.core import pagecache

COUNCIL_TAG = "council"  # every public council page carries it (council.views)


@receiver(post_save)
@receiver(post_delete)
@receiver(m2m_changed)
def _council_record_changed(sender, **kwargs) -> None:
    model = kwargs.get("instance").__class__ if kwargs.get("instance") is not None else sender
    if model._meta.app_label == "council":
        pagecache.invalidate(COUNCIL_TAG)
