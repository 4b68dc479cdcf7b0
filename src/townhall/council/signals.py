"""An officer's edit to any council record shows at once on the public pages, and every
uploaded PDF has its text read once, in the background."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.documents import get_document_model

from townhall.core import pagecache
from townhall.council.tags import COUNCIL_TAG

# Thousands per paper: read_text invalidates once instead. Residents' messages and questions
# are written by the public, so each would empty the cache; a question invalidates when an
# officer publishes it (services.questions).
QUIET_MODELS = {"paperpage", "councillormessage", "publicquestion"}


@receiver(post_save)
@receiver(post_delete)
@receiver(m2m_changed)
def _council_record_changed(sender, **kwargs) -> None:
    model = kwargs.get("instance").__class__ if kwargs.get("instance") is not None else sender
    if model._meta.app_label == "council" and model._meta.model_name not in QUIET_MODELS:
        pagecache.invalidate(COUNCIL_TAG)


@receiver(post_save, sender=get_document_model())
def _document_uploaded(sender, instance, **kwargs) -> None:
    from townhall.council.services.papers import queue_reading

    if not kwargs.get("raw"):
        queue_reading(instance)
