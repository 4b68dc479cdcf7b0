"""Searching Wagtail pages, of one type or of every type no app searches on its own."""

from wagtail.models import Page

from townhall.core.models import Organisation
from townhall.core.search import sources
from townhall.core.search.fulltext import best_matches
from townhall.core.search.snippets import text_of


def organisation_names(pages) -> dict[int, str]:
    """Each page's organisation (the deepest home above it), from one query."""
    homes = sorted(
        Organisation.objects.select_related("home_page"), key=lambda o: -o.home_page.depth
    )
    return {
        page.pk: next((o.name for o in homes if page.path.startswith(o.home_page.path)), "")
        for page in pages
    }


def page_hits(pages, terms: str, when=None) -> list[sources.Hit]:
    names = organisation_names(pages)
    hits = []
    for page in pages:
        text = page.search_description or text_of(page)
        hits.append(
            sources.Hit(
                title=page.title,
                url=page.url,
                text=text,
                terms=terms,
                organisation=names[page.pk],
                when=when(page) if when else None,
            )
        )
    return hits


def public_pages(queryset, organisation):
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
        return page_hits(best_matches(query.terms, queryset, query.limit), query.terms, when)

    return find


def other_pages(query: sources.Query) -> list[sources.Hit]:
    """Pages of the types that no app registered as a kind of their own."""
    queryset = public_pages(Page.objects.all(), query.organisation)
    if sources.PAGE_KINDS:
        queryset = queryset.not_type(*sources.PAGE_KINDS.values())
    found = best_matches(query.terms, queryset.specific(), query.limit)
    return page_hits(found, query.terms)
