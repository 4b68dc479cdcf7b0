"""What the site search looks in: each app registers the kinds of things it owns.

A source takes the query's words and an organisation (or None) and returns its best hits.
Pages are searched by kind: an app registers a page type with `pages.add_page_kind`, and
every page type no app names is searched as "Pages".
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.utils.safestring import SafeString

from townhall.core.search import snippets


@dataclass
class Hit:
    title: str
    url: str
    text: str  # the text the words were found in; the page shows a snippet of it
    terms: str
    organisation: str = ""
    when: date | None = None
    detail: str = ""  # "PDF, 1.6 KB"
    pages: list[int] = field(default_factory=list)  # a PDF's pages with the words
    page_url: Callable[[int], str] | None = None  # a link to one of those pages
    related: list[tuple[str, str]] = field(default_factory=list)  # (label, url): its decisions

    @property
    def page_links(self) -> list[tuple[int, str]]:
        return [(number, self.page_url(number)) for number in self.pages] if self.page_url else []

    @property
    def snippet(self) -> SafeString:
        """Escaped text around the match, the words in <mark>: made only for hits shown."""
        return snippets.snippet(self.text, self.terms)


@dataclass(frozen=True)
class Query:
    terms: str  # the query's words (fulltext.search_terms)
    organisation: object | None  # core.Organisation, or None for everyone's
    limit: int
    sections: tuple = ()  # every organisation with its home page, loaded once per search


@dataclass(frozen=True)
class Source:
    key: str  # in the URL: ?kind=petitions
    label: str  # "Petitions"
    order: int
    find: Callable[[Query], list[Hit]]


SOURCES: dict[str, Source] = {}
PAGE_KINDS: dict[str, type] = {}  # source key -> page model, for the "Pages" source to skip


def register(key: str, label: str, order: int, find: Callable[[Query], list[Hit]]) -> None:
    SOURCES[key] = Source(key, label, order, find)


def ordered() -> list[Source]:
    return sorted(SOURCES.values(), key=lambda source: source.order)
