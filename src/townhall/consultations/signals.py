"""Published results change when staff moderate an answer or erase a response: the cached
results page and the API's results are invalidated then."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from townhall.consultations.models import Moderation, Response, SurveySeries
from townhall.core import pagecache


@receiver(post_save, sender=SurveySeries)
@receiver(post_delete, sender=SurveySeries)
def _series_changed(sender, instance, **kwargs) -> None:
    pagecache.invalidate("consultations")  # the hub lists the series


@receiver(post_save, sender=Moderation)
@receiver(post_delete, sender=Moderation)
@receiver(post_delete, sender=Response)
def _published_results_changed(sender, instance, **kwargs) -> None:
    consultation_id = getattr(instance, "consultation_id", None)
    if consultation_id is None:
        consultation_id = (
            Response.objects.filter(pk=instance.response_id)
            .values_list("consultation_id", flat=True)
            .first()
        )
    if consultation_id is not None:
        pagecache.invalidate(pagecache.page_tag(consultation_id))
