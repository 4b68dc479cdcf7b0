"""An observation deleted (in the admin, or with its dataset's others) changes its dataset:
what is kept of the dataset's shape is looked at anew."""

from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone

from townhall.datasets.models import Dataset, Observation


@receiver(post_delete, sender=Observation)
def _observation_deleted(sender, instance: Observation, **kwargs) -> None:
    Dataset.objects.filter(pk=instance.dataset_id).update(updated_at=timezone.now())
