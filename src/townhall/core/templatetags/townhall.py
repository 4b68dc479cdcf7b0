"""Template helpers shared by every app's templates."""

from pathlib import PurePath

from django import template
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Page

from townhall.core import navigation, sharing, translations
from townhall.core.services import sections
from townhall.core.services.feedback import like_count as _like_count

register = template.Library()

FILE_TYPE_NAMES = {
    "pdf": "PDF",
    "csv": "CSV",
    "docx": gettext_lazy("Word document"),
    "odt": gettext_lazy("OpenDocument text"),
    "ods": gettext_lazy("OpenDocument spreadsheet"),
    "xlsx": gettext_lazy("Excel spreadsheet"),
    "pptx": gettext_lazy("PowerPoint presentation"),
    "rtf": gettext_lazy("Rich text"),
    "txt": gettext_lazy("Plain text"),
    "zip": gettext_lazy("ZIP archive"),
}


@register.simple_tag
def like_count(page_id: int) -> int:
    return _like_count(page_id)


@register.filter
def file_type(document) -> str:
    extension = PurePath(document.file.name).suffix.lstrip(".").lower()
    return str(FILE_TYPE_NAMES.get(extension, extension.upper() or _("File")))


@register.filter
def file_size(document) -> str:
    size = document.get_file_size()
    return filesizeformat(size) if size is not None else _("size unknown")


@register.filter
def page_links(page) -> list:
    """The page numbers to link to: two each side of this one and one at each end, with
    Paginator.ELLIPSIS between (the links and their cost stay the same for any length)."""
    return list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))


@register.filter
def or_more(count: int, more) -> str:
    """A count of search hits, "100+" when the search stopped there: `more` is True or False,
    or the most a search returns (a count that reaches it gets the "+")."""
    if not isinstance(more, bool):
        more = count >= more
    return f"{count}+" if more else str(count)


@register.filter
def names_list(names) -> str:
    """People's names joined with commas, each isolated in <bdi>, so a right-to-left name
    (or a direction override typed into one) cannot reorder the names after it."""
    return format_html_join(", ", "<bdi>{}</bdi>", ((name,) for name in names))


@register.simple_tag
def main_sections(path: str) -> list[dict]:
    """The header's links (core.navigation), the one the reader is in marked as current."""
    path = translations.path_in_default_language(path)  # sections' prefixes are unprefixed
    return [
        {
            "label": entry.label,
            "url": entry.url,
            "current": any(path.startswith(prefix) for prefix in entry.prefixes),
        }
        for entry in navigation.main_sections()
    ]


@register.inclusion_tag("core/includes/section_nav.html")
def section_menu(page) -> dict:
    """An organisation's own menu, on every page of its section (sections.menu_links)."""
    organisation = sections.section_owner(page) if isinstance(page, Page) else None
    if organisation is None:
        return {"links": []}
    links = sections.menu_links(organisation)
    return {
        "organisation": organisation,
        "links": [
            {"label": label, "url": url, "current": url == getattr(page, "url", None)}
            for label, url in links
        ],
    }


@register.inclusion_tag("core/includes/share.html")
def share(title: str, path: str, heading: str = "", share_id: str = "") -> dict:
    """Plain share links (email, WhatsApp, Facebook, X, Bluesky) for a page on this site."""
    return {
        "links": sharing.share_links(title, path),
        "heading": heading or _("Share"),
        "share_id": share_id or "title",
    }


IN_PLACE = {"feedback", "like"}  # messages shown beside their button (core.views.feedback)


@register.simple_tag(takes_context=True)
def page_messages(context) -> list:
    """The messages for the banner at the top: all but those shown in place."""
    return [m for m in context.get("messages", []) if not set(m.extra_tags.split()) & IN_PLACE]


@register.simple_tag(takes_context=True)
def messages_at(context, place: str) -> list:
    """The messages to show beside one button ("feedback", "like")."""
    return [m for m in context.get("messages", []) if place in m.extra_tags.split()]


@register.inclusion_tag("core/includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, *steps) -> dict:
    """A trail for a view that is not a page: pairs of title and URL name or path."""
    pairs = zip(steps[::2], steps[1::2], strict=True)
    return {
        "site_name": context.get("site_name"),
        "trail": [
            (title, target if str(target).startswith("/") else reverse(target))
            for title, target in pairs
        ],
    }
