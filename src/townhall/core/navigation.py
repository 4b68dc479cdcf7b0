"""The site's menus, filled by the apps that own the destinations: the main sections in
every page's header, the council's own links on every page of its section, and the links
every organisation's section gains from other apps (its petitions, its statements). Core
knows no app's URLs; each app registers its entries when it starts (its AppConfig.ready)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from townhall.core import translations


@dataclass(frozen=True)
class Entry:
    label: str
    target: str  # a URL name, or a path starting with "/"
    order: int
    prefixes: tuple[str, ...] = ()  # paths inside the section, for "you are here"

    @property
    def url(self) -> str:
        if self.target.startswith("/"):  # a path on the page tree, in the reader's language
            return translations.path_in_reader_language(self.target)
        return reverse(self.target)


# Labels are lazy translations (gettext_lazy), shown in each reader's language: so entries
# are known by where they lead, never by their label (a lazy label's hash is its text in
# whichever language is active when it is asked).
_main: dict[str, Entry] = {}
_council: dict[str, Entry] = {}
# where -> (label, order, a function from an organisation to its URL, or None when it has
# nothing)
_section: dict[str, tuple[str, int, Callable[[object], str | None]]] = {}


def add_main_section(label: str, target: str, order: int, *prefixes: str) -> None:
    _main[target] = Entry(label, target, order, prefixes)


def add_council_link(label: str, target: str, order: int) -> None:
    _council[target] = Entry(label, target, order)


def add_section_link(label: str, order: int, url_for: Callable[[object], str | None]) -> None:
    where = f"{getattr(url_for, '__module__', '')}.{getattr(url_for, '__qualname__', url_for)}"
    _section[where] = (label, order, url_for)


def section_links(organisation) -> list[tuple[str, str]]:
    """The links other apps add to an organisation's menu, where it has something there."""
    found = []
    for label, _order, url_for in sorted(_section.values(), key=lambda item: item[1]):
        url = url_for(organisation)
        if url:
            found.append((label, url))
    return found


def main_sections() -> list[Entry]:
    return sorted(_main.values(), key=lambda entry: entry.order)


def council_links() -> list[Entry]:
    return sorted(_council.values(), key=lambda entry: entry.order)


# Groups are core's own: the home page lists them.
add_main_section(_("Groups"), "/#groups", 100)


def show_in_menus(app_label: str, model_name: str):
    """A data migration's step: tick "Show in menus" on every page of one kind."""

    def tick(apps, schema_editor) -> None:
        apps.get_model(app_label, model_name).objects.update(show_in_menus=True)

    return tick
