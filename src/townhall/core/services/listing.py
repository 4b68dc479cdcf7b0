"""What a section's home page lists: its newest items of any app that opts in."""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, get_page_models

from townhall.core import translations


def latest_items(section: Page, limit: int = 5) -> list[Page]:
    """The newest live pages below `section` whose type sets `show_in_latest = True`: each
    page once (its original), in the reader's language where it has a translation."""
    listed = [model for model in get_page_models() if getattr(model, "show_in_latest", False)]
    content_types = ContentType.objects.get_for_models(*listed).values()
    section = translations.original_of(section)  # a translation's tree holds only translations
    found = (
        translations.originals(Page.objects.live().public())
        .descendant_of(section)
        .filter(content_type__in=content_types)
        .order_by("-first_published_at")
        .specific()[:limit]
    )
    return translations.in_reader_language(found)
