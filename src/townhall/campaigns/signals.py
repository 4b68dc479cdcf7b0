from django.dispatch import receiver
from wagtail.signals import page_published

from townhall.campaigns.models import AimsPage
from townhall.campaigns.services import record_version


@receiver(page_published, sender=AimsPage)
def keep_published_aims(sender, instance: AimsPage, revision=None, **kwargs) -> None:
    record_version(instance, revision)
