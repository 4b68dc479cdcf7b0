"""Wagtail's database search backend, searching only for the words of a query (decision 4).

Every search through Wagtail goes through it: the site's own and every admin search (pages,
documents, images, snippets, choosers). Quotes, brackets and operators are the database's
query syntax (FTS5's on SQLite, tsquery's on PostgreSQL) and would reach it unescaped
(wagtail/wagtail#13227): a search for `"` was a 500 in the admin.
"""

import copy
from functools import cache

from wagtail.search.backends import database
from wagtail.search.backends.base import BaseSearchBackend
from wagtail.search.query import (
    MATCH_NONE,
    And,
    Boost,
    Fuzzy,
    Not,
    Or,
    Phrase,
    PlainText,
    SearchQuery,
)

from townhall.core.search.fulltext import search_terms


def words_only(query: str | SearchQuery) -> str | SearchQuery:
    """The query with each text in it reduced to its words ("" when none is left). A phrase
    becomes its words, all required."""
    if isinstance(query, str):
        return search_terms(query)
    if isinstance(query, Phrase):
        return words_only(PlainText(query.query_string, operator="and"))
    if isinstance(query, PlainText | Fuzzy):
        words = search_terms(query.query_string)
        if not words:
            return ""
        reduced = copy.copy(query)  # keeps its operator, boost or accents
        reduced.query_string = words
        return reduced
    if isinstance(query, And | Or):
        kept = [q for q in map(words_only, query.subqueries) if q != ""]
        return query.__class__(kept) if kept else ""
    if isinstance(query, Boost | Not):
        inner = words_only(query.subquery)
        if inner == "":
            return ""
        return Boost(inner, query.boost) if isinstance(query, Boost) else Not(inner)
    return query  # MATCH_ALL and MATCH_NONE have no text


class WordsOnly:
    """Mixed into the backend Wagtail picks for the database: `search` and `autocomplete`
    both pass through `_search`."""

    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        reduced = words_only(query)
        if reduced == "" and query != "":
            # Typed, but no words: nothing matches. Not "", whose empty results lack the
            # model that the admin's listings read from them.
            reduced = MATCH_NONE
        return super()._search(query_compiler_class, reduced, model_or_queryset, **kwargs)


@cache
def _words_only(backend_class: type) -> type:
    return type(backend_class.__name__, (WordsOnly, backend_class), {})


def SearchBackend(params: dict) -> BaseSearchBackend:  # the name Wagtail looks up
    """Wagtail's choice of backend for the database in use, with WordsOnly mixed in (built
    twice: Wagtail's factory returns an instance, and building one reads only `params`)."""
    backend_class = type(database.SearchBackend(params))
    return _words_only(backend_class)(params)
