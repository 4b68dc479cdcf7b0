"""Whose section a page is in, and that section's menu, for rendering pages: kept in each
process and rebuilt when something they show has changed, instead of queried on every page.

Both sat on every page's render path (the header's menu, the comment settings): the owner
lookup is a query over the page's ancestors, and a menu is four to six queries. They are
remembered under the page cache's version tags they depend on (any publication, a petition
or statement changing state, an organisation or site saved), which every process reads
from the shared cache, so a change shows on the next page in every process. While Redis is
away no invalidation arrives; what is remembered is then trusted for at most
`REMEMBER_SECONDS`.

Permissions do not use this: `organisation_for_page` asks the database every time."""

import threading
from dataclasses import dataclass, field

from django.urls import reverse
from wagtail.models import Page

from townhall.core import navigation, pagecache
from townhall.core.models import Organisation

DEPENDS_ON = (pagecache.SITE_TAG, pagecache.PAGES_TAG, "petitions", "statements")


@dataclass
class _Memo:
    versions: dict[str, int | str] | None = None
    homes: list[tuple[str, int]] = field(default_factory=list)  # (home path, pk), deepest first
    organisations: dict[int, Organisation] = field(default_factory=dict)
    menus: dict[int, list[tuple[str, str]]] = field(default_factory=dict)


_memo = _Memo()
_lock = threading.Lock()


def _current() -> _Memo:
    """What this process remembers, made afresh if a tag it depends on has changed."""
    global _memo
    versions = pagecache.current_versions(DEPENDS_ON)
    memo = _memo
    if memo.versions == versions:
        return memo
    with _lock:
        organisations = Organisation.objects.select_related("home_page", "collection")
        homes = sorted(
            ((o.home_page.path, o.pk) for o in organisations), key=lambda home: -len(home[0])
        )
        memo = _Memo(versions, homes, {o.pk: o for o in organisations})
        _memo = memo
    return memo


def section_owner(page: Page) -> Organisation | None:
    """The organisation whose section holds this page (the deepest home above it)."""
    memo = _current()
    path = page.path
    pk = next((pk for home, pk in memo.homes if path.startswith(home)), None)
    return memo.organisations.get(pk)


def menu_links(organisation: Organisation) -> list[tuple[str, str]]:
    """An organisation's own menu as (label, URL): its home, the pages directly under it
    shown in menus (Wagtail's "Show in menus"), what other apps hold for it (its petitions,
    its statements), joining, and any links its home page adds (`section_menu_extra`)."""
    memo = _current()
    links = memo.menus.get(organisation.pk)
    if links is None:
        links = _menu_links(organisation)
        memo.menus[organisation.pk] = links
    return links


def _menu_links(organisation: Organisation) -> list[tuple[str, str]]:
    home = organisation.home_page.specific
    links = [(home.title, home.url)]
    links += [(child.title, child.url) for child in home.get_children().live().public().in_menu()]
    links += navigation.section_links(organisation)
    if organisation.kind == organisation.Kind.COUNCIL:
        # The council's record lives in its own registers, not in pages under its home.
        links += [(entry.label, entry.url) for entry in navigation.council_links()]
    else:
        links.append(("Join", reverse("join", args=[organisation.slug])))
    links += list(getattr(home, "section_menu_extra", lambda: [])())
    return links
