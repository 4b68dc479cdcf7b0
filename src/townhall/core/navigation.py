"""The site's menus, filled by the apps that own the destinations: the main sections in
every page's header, and the council's own links on every page of its section. Core knows
no app's URLs; each app registers its entries when it starts (its AppConfig.ready)."""

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


def add_main_section(label: str, target: str, order: int, *prefixes: str) -> None:
    _main[label] = Entry(label, target, order, prefixes)


def add_council_link(label: str, target: str, order: int) -> None:
    _council[label] = Entry(label, target, order)


def main_sections() -> list[Entry]:
    return sorted(_main.values(), key=lambda entry: entry.order)


def council_links() -> list[Entry]:
    return sorted(_council.values(), key=lambda entry: entry.order)


# Groups are core's own: the home page lists them.
add_main_section("Groups", "/#groups", 100)
