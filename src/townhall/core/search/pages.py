"""Searching Wagtail pages, of one type or of every type no app searches on its own."""

from wagtail.models import Page

from townhall.core import translations
from townhall.core.search import sources
from townhall.core.search.fulltext import best_matches
from townhall.core.search.snippets import text_of
from townhall.core.services.organisations import owners_of


def page_hits(pages, query: sources.Query, when=None) -> list[sources.Hit]:
    # Each page once, as its original, in the reader's language: a Welsh reader's Welsh
    # words find the Welsh translation, listed as the page it translates.
    pages = translations.in_reader_language(translations.one_per_page(pages))
    owners = owners_of(pages, query.sections)
    terms = query.terms
    hits = []
    for page in pages:
        text = page.search_description or text_of(page)
        hits.append(
            sources.Hit(
                title=page.title,
                url=page.url,
                text=text,
                terms=terms,
                organisation=owners[page.pk].name if owners[page.pk] else "",
                when=when(page) if when else None,
            )
        )
    return hits


def public_pages(queryset, organisation):
    # Every language's pages are searched; page_hits lists each page once.
    queryset = queryset.live().public()
    if organisation is not None:
        queryset = queryset.descendant_of(organisation.home_page, inclusive=True)
    return queryset


def add_page_kind(key: str, label: str, order: int, model: type, when=None) -> None:
    """Search one page type as its own kind ("News", "Events"); `when` dates a hit."""
    sources.PAGE_KINDS[key] = model
    sources.register(key, label, order, _finder(model, when))


def _finder(model: type, when):
    def find(query: sources.Query) -> list[sources.Hit]:
        queryset = public_pages(model.objects.all(), query.organisation)
        return page_hits(best_matches(query.terms, queryset, query.limit), query, when)

    return find


def other_pages(query: sources.Query) -> list[sources.Hit]:
    """Pages of the types that no app registered as a kind of their own."""
    queryset = public_pages(Page.objects.all(), query.organisation)
    if sources.PAGE_KINDS:
        queryset = queryset.not_type(*sources.PAGE_KINDS.values())
    found = best_matches(query.terms, queryset.specific(), query.limit)
    return page_hits(found, query)
