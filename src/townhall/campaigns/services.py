"""Rules for aims pages: which publications become public versions."""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from wagtail.models import Revision

from townhall.campaigns.models import AimsPage, AimsVersion
from townhall.core.diff import text_blocks


def _same_text(version: AimsVersion, page: AimsPage) -> bool:
    """Equal titles and readable text: the editor re-saving the same words is no new version."""
    return version.title == page.title and text_blocks(version.body) == text_blocks(page.body)


@transaction.atomic
def record_version(page: AimsPage, revision: Revision | None = None) -> AimsVersion | None:
    """Keep the page as it was just published; None when the text did not change.

    Idempotent: publishing the same revision twice records it once.
    """
    if revision is not None and AimsVersion.objects.filter(revision=revision).exists():
        return None
    # Lock the page row so two simultaneous publishes cannot take the same number.
    AimsPage.objects.select_for_update().filter(pk=page.pk).first()
    latest = page.versions.order_by("-number").first()
    if latest is not None and _same_text(latest, page):
        return None
    number = (page.versions.aggregate(Max("number"))["number__max"] or 0) + 1
    return AimsVersion.objects.create(
        page=page,
        number=number,
        title=page.title,
        body=page.body,
        change_summary=page.change_summary,
        published_at=page.last_published_at or timezone.now(),
        revision=revision,
    )
