"""Whose section a page is in, and that section's menu, for rendering pages: kept in each
process and rebuilt when something they show has changed, instead of queried on every page.

Both sat on every page's render path (the header's menu, the comment settings): the owner
lookup is a query over the page's ancestors, and a menu is four to six queries. They are
remembered (core.memo) under the page cache's version tags they depend on: any
publication, a petition or statement changing state, an organisation or site saved.

Permissions do not use this: `organisation_for_page` asks the database every time."""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext_lazy
from wagtail.models import Page

from townhall.core import navigation, pagecache, translations
from townhall.core.memo import Remembered
from townhall.core.models import Organisation

DEPENDS_ON = (pagecache.SITE_TAG, pagecache.PAGES_TAG, "petitions", "statements")


@dataclass
class _Sections:
    homes: list[tuple[str, int]]  # (home path, organisation pk), deepest first
    organisations: dict[int, Organisation]
    # (organisation pk, reader's language) -> menu: filled on use
    menus: dict[tuple[int, str], list[tuple[str, str]]] = field(default_factory=dict)


def _build() -> _Sections:
    organisations = list(Organisation.objects.select_related("home_page", "collection"))
    homes = sorted(((o.home_page.path, o.pk) for o in organisations), key=lambda h: -len(h[0]))
    return _Sections(homes, {o.pk: o for o in organisations})


_sections = Remembered(DEPENDS_ON, _build)


def section_owner(page: Page) -> Organisation | None:
    """The organisation whose section holds this page (the deepest home above it)."""
    sections = _sections.get()
    path = page.path
    pk = next((pk for home, pk in sections.homes if path.startswith(home)), None)
    return sections.organisations.get(pk)


def menu_links(organisation: Organisation) -> list[tuple[str, str]]:
    """An organisation's own menu as (label, URL): its home, the pages directly under it
    shown in menus (Wagtail's "Show in menus"), what other apps hold for it (its petitions,
    its statements), joining, and any links its home page adds (`section_menu_extra`)."""
    menus = _sections.get().menus
    key = (organisation.pk, translations.reader_language())  # titles and links in it
    links = menus.get(key)
    if links is None:
        links = menus[key] = _menu_links(organisation)
    return links


def _menu_links(organisation: Organisation) -> list[tuple[str, str]]:
    [home] = translations.in_reader_language([organisation.home_page.specific])
    children = translations.in_reader_language(home.get_children().live().public().in_menu())
    links = [(home.title, home.url)]
    links += [(child.title, child.url) for child in children]
    links += navigation.section_links(organisation)
    if organisation.kind == organisation.Kind.COUNCIL:
        # The council's record lives in its own registers, not in pages under its home.
        links += [(entry.label, entry.url) for entry in navigation.council_links()]
    else:
        # Lazy: menus are kept for every reader, each reads it in their own language.
        links.append((gettext_lazy("Join"), reverse("join", args=[organisation.slug])))
    links += list(getattr(home, "section_menu_extra", lambda: [])())
    return links
