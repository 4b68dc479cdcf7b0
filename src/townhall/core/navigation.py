"""The site's menus, filled by the apps that own the destinations: the main sections in
every page's header, the council's own links on every page of its section, and the links
every organisation's section gains from other apps (its petitions, its statements). Core
knows no app's URLs; each app registers its entries when it starts (its AppConfig.ready)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class Entry:
    label: str
    target: str  # a URL name, or a path starting with "/"
    order: int
    prefixes: tuple[str, ...] = ()  # paths inside the section, for "you are here"

    @property
    def url(self) -> str:
        return self.target if self.target.startswith("/") else reverse(self.target)


_main: dict[str, Entry] = {}
_council: dict[str, Entry] = {}
# label -> (order, a function from an organisation to its URL, or None when it has nothing)
_section: dict[str, tuple[int, Callable[[object], str | None]]] = {}


def add_main_section(label: str, target: str, order: int, *prefixes: str) -> None:
    _main[label] = Entry(label, target, order, prefixes)


def add_council_link(label: str, target: str, order: int) -> None:
    _council[label] = Entry(label, target, order)


def add_section_link(label: str, order: int, url_for: Callable[[object], str | None]) -> None:
    _section[label] = (order, url_for)


def section_links(organisation) -> list[tuple[str, str]]:
    """The links other apps add to an organisation's menu, where it has something there."""
    found = []
    for label, (_order, url_for) in sorted(_section.items(), key=lambda item: item[1][0]):
        url = url_for(organisation)
        if url:
            found.append((label, url))
    return found


def main_sections() -> list[Entry]:
    return sorted(_main.values(), key=lambda entry: entry.order)


def council_links() -> list[Entry]:
    return sorted(_council.values(), key=lambda entry: entry.order)


# Groups are core's own: the home page lists them.
add_main_section("Groups", "/#groups", 100)


def show_in_menus(app_label: str, model_name: str):
    """A data migration's step: tick "Show in menus" on every page of one kind."""

    def tick(apps, schema_editor) -> None:
        apps.get_model(app_label, model_name).objects.update(show_in_menus=True)

    return tick
