"""Following an organisation: what its section has published since a time."""

from datetime import datetime

from django.conf import settings
from wagtail.models import Page

from townhall.core import translations
from townhall.core.digests import DigestItem
from townhall.core.models import Organisation


def organisation_name(target_id: int) -> str | None:
    return Organisation.objects.filter(pk=target_id).values_list("name", flat=True).first()


def organisation_news(target_id: int, since: datetime) -> list[DigestItem]:
    organisation = Organisation.objects.filter(pk=target_id).select_related("home_page").first()
    if organisation is None or organisation.home_page is None:
        return []
    pages = (
        translations.originals(Page.objects.live().public())  # each page once, not per language
        .descendant_of(organisation.home_page)
        .filter(first_published_at__gt=since)
        .order_by("first_published_at")
        .specific()
    )
    return [
        DigestItem(
            page.digest_label,
            page.title,
            settings.TOWNHALL_BASE_URL + page.url,
            page.first_published_at,
        )
        for page in pages[:50]
        if getattr(page, "digest_label", "")
    ]
